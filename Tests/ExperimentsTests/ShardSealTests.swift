import Foundation
import Testing
import Output

#if canImport(Glibc)
    import Glibc
#endif

@testable import Experiments

/// Class 7 of issue 19: shard.json carries the size and SHA-256 of its results.json, and a
/// merge refuses a shard folder whose results are not those bytes, naming folder and file.
@Suite("Shard folders are sealed: a merge reads only the results shard.json vouches for")
struct ShardSealTests {
    struct Damage: Sendable, CustomTestStringConvertible {
        let label: String
        /// The file the error names.
        let file: String
        let says: String
        let apply: @Sendable (URL) throws -> Void
        var testDescription: String { label }
    }

    static func results(_ folder: URL) -> URL { folder.appendingPathComponent(ShardFolder.resultsFile) }
    static func manifest(_ folder: URL) -> URL { folder.appendingPathComponent(ShardFolder.manifestFile) }

    static func edit(_ url: URL, _ change: (String) -> String) throws {
        try Data(change(try String(contentsOf: url, encoding: .utf8)).utf8).write(to: url)
    }

    static func replace(_ url: URL, with kind: String) throws {
        try FileManager.default.removeItem(at: url)
        switch kind {
        case "fifo": #expect(mkfifo(url.path, 0o644) == 0)
        case "zero": try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: "/dev/zero")
        default: try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        }
    }

    static let damages: [Damage] = [
        Damage(label: "one value changed to 999999", file: "results.json", says: "bytes, shard.json records") { folder in
            try edit(results(folder)) { $0.replacingOccurrences(of: "[1.5]", with: "[999999]") }
        },
        Damage(label: "one value changed, same length", file: "results.json", says: "its SHA-256 is") { folder in
            try edit(results(folder)) { $0.replacingOccurrences(of: "[1.5]", with: "[2.5]") }
        },
        Damage(label: "results.json cut short", file: "results.json", says: "bytes, shard.json records") { folder in
            let data = try Data(contentsOf: results(folder))
            try data.dropLast(1).write(to: results(folder))
        },
        Damage(label: "results.json with a trailing newline", file: "results.json", says: "bytes, shard.json records") { folder in
            try edit(results(folder)) { $0 + "\n" }
        },
        Damage(label: "results.json deleted", file: "results.json", says: "missing (shard.json lists it") { folder in
            try FileManager.default.removeItem(at: results(folder))
        },
        Damage(label: "results.json of another shard run", file: "results.json", says: "its SHA-256 is") { folder in
            try edit(results(folder)) { $0.replacingOccurrences(of: "\"events\":7", with: "\"events\":8") }
        },
        Damage(label: "results.json a symlink to /dev/zero", file: "results.json", says: "a character device, not a regular file") { folder in
            try replace(results(folder), with: "zero")
        },
        Damage(label: "results.json a FIFO", file: "results.json", says: "a FIFO (named pipe), not a regular file") { folder in
            try replace(results(folder), with: "fifo")
        },
        Damage(label: "results.json a folder", file: "results.json", says: "a folder, not a regular file") { folder in
            try replace(results(folder), with: "folder")
        },
        Damage(label: "shard.json without the results digest", file: "shard.json", says: "no results digest") { folder in
            try edit(manifest(folder)) { text in
                text.replacingOccurrences(of: #"\"results_file\" : \{[^}]*\},?"#, with: "", options: .regularExpression)
            }
        },
        Damage(label: "shard.json with a garbled digest", file: "shard.json", says: "64 lower-case hex digits") { folder in
            try edit(manifest(folder)) { text in
                text.replacingOccurrences(of: #"\"sha256\" : \"[0-9a-f]*\""#, with: "\"sha256\" : \"xyz\"", options: .regularExpression)
            }
        },
        Damage(label: "shard.json of format 1 (no digest)", file: "shard.json", says: "shard format 1") { folder in
            try edit(manifest(folder)) { $0.replacingOccurrences(of: "\"format_version\" : 3", with: "\"format_version\" : 1") }
        },
        Damage(label: "shard.json a FIFO", file: "shard.json", says: "a FIFO (named pipe), not a regular file") { folder in
            try replace(manifest(folder), with: "fifo")
        },
        Damage(label: "shard.json a symlink to /dev/zero", file: "shard.json", says: "a character device, not a regular file") { folder in
            try replace(manifest(folder), with: "zero")
        },
    ]

    /// A finished one-shard compare folder with two items.
    static func writeShard(at folder: URL) throws {
        let manifest = ShardManifest(command: .compare, shard: .whole, items: 2, affluenceVersion: "test", commandLine: ["affluence"],
                                     scenarioPath: "m.yaml", scenarioSHA256: "", scenarioName: "m", overrides: [], policies: ["base"],
                                     seed: 1, replications: 2, csvDialect: "standard", startClock: 0, baseline: "base",
                                     metrics: ["x@y"])
        let items = [Compare.ItemRecord(item: 0, policy: "base", replication: 1, values: [1.5], events: 7),
                     Compare.ItemRecord(item: 1, policy: "base", replication: 2, values: [0.25], events: 9)]
        _ = try ShardFolder.write(manifest, ShardResults(compareItems: items), to: folder)
    }

    @Test("each damaged shard folder is refused, naming the folder and the file", arguments: damages)
    func damagedShardIsRefused(damage: Damage) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("affluence-shard-seal-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.writeShard(at: folder)
        #expect(try MergedShards.gather([folder]).compareItems.count == 2)
        try damage.apply(folder)
        let error = #expect(throws: MergeError.self) { _ = try MergedShards.gather([folder]) }
        #expect(error?.description.hasPrefix(folder.appendingPathComponent(damage.file).path + ": ") == true, "\(String(describing: error))")
        #expect(error?.description.contains(damage.says) == true, "\(String(describing: error))")
    }
}
