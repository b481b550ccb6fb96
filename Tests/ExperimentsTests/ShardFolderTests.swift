import Foundation
import Testing
@testable import Experiments
import Output

/// Shard folders must give back every number bit for bit, or a merge could not equal the
/// unsharded output.
@Suite("Shard folders: lossless results, the unsharded command line")
struct ShardFolderTests {
    /// Awkward doubles: shortest-form edge cases, extremes, subnormals, signed zero, and
    /// 2000 values spread over the whole bit space (SplitMix64, fixed seed).
    static var awkwardDoubles: [Double] {
        var values: [Double] = [0.1, 0.2, 0.1 + 0.2, 1.0 / 3.0, -0.0, 0, 1, -1, 5e-324, 2.2250738585072014e-308,
                                .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .ulpOfOne, 1e-5, 1e21, 1e22, 123456789.123,
                                .pi, 9007199254740993, 0.000123, 86399.99999999999]
        var state: UInt64 = 20_260_406
        while values.count < 2_000 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            let x = Double(bitPattern: z)
            if x.isFinite { values.append(x) }
        }
        return values
    }

    @Test("every double, NaN and the infinities read back from results.json as written")
    func resultsRoundTripBitForBit() throws {
        let values = Self.awkwardDoubles + [.nan, .infinity, -.infinity]
        let items = [Compare.ItemRecord(item: 1, policy: "base", replication: 1, values: values, events: UInt64.max)]
        let shard = try Shard(index: 1, count: 2)
        let manifest = ShardManifest(command: .compare, shard: shard, items: 2, affluenceVersion: "test", commandLine: ["affluence"],
                                     scenarioPath: "m.yaml", scenarioSHA256: "", scenarioName: "m", overrides: [], policies: ["base"],
                                     seed: 1, replications: 2, csvDialect: "standard", startClock: 25_200.5, baseline: "base",
                                     metrics: ["x@y"])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("affluence-shard-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try ShardFolder.write(manifest, ShardResults(compareItems: items), to: folder) == ["results.json", "shard.json"])
        var read = try ShardFolder.readManifest(folder)
        let sealed = read
        // shard.json vouches for the results it was written with: their size and SHA-256.
        let resultsBytes = Array(try Data(contentsOf: folder.appendingPathComponent(ShardFolder.resultsFile)))
        #expect(read.results == FileDigest(of: resultsBytes))
        read.results = nil
        #expect(read == manifest)
        let back = try #require(try ShardFolder.readResults(folder, manifest: sealed).compareItems.first)
        #expect(back.values.count == values.count)
        for (a, b) in zip(values, back.values) where !a.isNaN {
            #expect(a.bitPattern == b.bitPattern, "\(a) read back as \(b)")
        }
        #expect(back.values[values.count - 3].isNaN)
        #expect(back.events == UInt64.max)
    }

    @Test("a results.json without sweep_items (run and compare shards of earlier versions) still reads")
    func resultsWithoutSweepItemsRead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("affluence-shard-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let record = #"{"events":7,"item":0,"policy":"base","replication":1,"values":[1.5,"nan"]}"#
        let text = #"{"compare_items":["# + record + #"],"replications":[]}"#
        try Data(text.utf8).write(to: folder.appendingPathComponent(ShardFolder.resultsFile))
        var manifest = ShardManifest(command: .compare, shard: .whole, items: 1, affluenceVersion: "test", commandLine: ["affluence"],
                                     scenarioPath: "m.yaml", scenarioSHA256: "", scenarioName: "m", overrides: [], policies: ["base"],
                                     seed: 1, replications: 1, csvDialect: "standard", startClock: 0)
        manifest.results = FileDigest(of: Array(text.utf8))
        let results = try ShardFolder.readResults(folder, manifest: manifest)
        #expect(results.sweepItems.isEmpty && results.replications.isEmpty)
        #expect(results.compareItems.map(\.item) == [0])
        #expect(results.compareItems.first?.values.last?.isNaN == true)
    }

    @Test("the merged manifest's command line is the shard's without --shard, writing to the merge's --out", arguments: [
        (["affluence", "run", "m.yaml", "--out", "s/0", "--shard", "0/3"], ["affluence", "run", "m.yaml", "--out", "merged"]),
        (["affluence", "run", "--shard=2/3", "m.yaml", "--out=s/2", "--seed", "4"], ["affluence", "run", "m.yaml", "--out=merged", "--seed", "4"]),
        (["affluence", "compare", "m.yaml", "--shard", "1/2"], ["affluence", "compare", "m.yaml", "--out", "merged"]),
    ])
    func unshardedCommandLine(shardLine: [String], expected: [String]) throws {
        let manifest = ShardManifest(command: .run, shard: .whole, items: 1, affluenceVersion: "test", commandLine: shardLine,
                                     scenarioPath: "m.yaml", scenarioSHA256: "", scenarioName: "m", overrides: [], policies: ["base"],
                                     seed: 1, replications: 1, csvDialect: "standard", startClock: 0)
        #expect(manifest.unshardedCommandLine(out: "merged") == expected)
    }

    @Test("shard i of N owns items i, i+N, …: the shards are disjoint and cover every item")
    func shardsPartitionTheItems() throws {
        for count in 1...5 {
            for total in 0...12 {
                let parts = try (0..<count).map { try Shard(index: $0, count: count).items(outOf: total) }
                #expect(parts.flatMap { $0 }.sorted() == Array(0..<total))
            }
        }
        #expect(throws: ShardError.self) { try Shard(parsing: "3/3") }
        #expect(throws: ShardError.self) { try Shard(parsing: "0/0") }
        #expect(throws: ShardError.self) { try Shard(parsing: "a/b") }
    }
}
