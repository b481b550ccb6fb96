import Foundation
import Output
import Testing

/// Issue 19: a rerun killed at any step of writing never leaves a folder that `report` or
/// `merge` accepts as complete. The writer is stopped through the one seam for this,
/// `AFFLUENCE_TEST_EXIT_AFTER_WRITES=k` (`WriteInterruption`): `_exit` right after its k-th
/// change to a folder, for k = 1, 2, … until the command finishes before the k-th.
@Suite("A rerun killed at every step of writing")
struct InterruptedWriteTests {
    final class Scratch {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("affluence-interrupted-\(UUID().uuidString)")
        func folder(_ name: String) throws -> URL {
            let folder = url.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return folder
        }
        deinit { try? FileManager.default.removeItem(at: url) }
    }

    /// An absolute model path and a relative --out, so folders written from different
    /// working directories have the same manifest bytes.
    static func runArguments(seed: Int) -> [String] {
        ["run", CLIRunner.repositoryRoot.appendingPathComponent("models/validation/mmck.yaml").path, "--replications", "2",
         "--seed", String(seed), "--set", "duration=3h", "--jobs", "1", "--out", "out", "--quiet"]
    }

    static func files(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where !name.hasPrefix(".") {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return files
    }

    @Test("report refuses a run folder whose rerun was killed after any step but the last")
    func killedRerunIsRefused() throws {
        let scratch = Scratch()
        // The folder as the rerun would finish it, and the finished folder it overwrites.
        let reference = try scratch.folder("reference")
        #expect(try CLIRunner.run(Self.runArguments(seed: 2), in: reference).status == 0)
        let expected = try Self.files(reference.appendingPathComponent("out"))
        let earlier = try scratch.folder("earlier")
        #expect(try CLIRunner.run(Self.runArguments(seed: 1), in: earlier).status == 0)

        var refused = 0
        var k = 1
        while k < 30 {
            let work = scratch.url.appendingPathComponent("k\(k)")
            try FileManager.default.copyItem(at: earlier, to: work)
            let rerun = try CLIRunner.run(Self.runArguments(seed: 2), in: work,
                                          environment: [WriteInterruption.environmentVariable: String(k)])
            let out = work.appendingPathComponent("out")
            let report = try CLIRunner.run(["report", "out", "--quiet"], in: work)
            if report.status == 0 {
                // Accepted: then it is the finished rerun, file for file.
                #expect(try Self.files(out) == expected, "k = \(k): report accepted a folder that is not the finished rerun")
            } else {
                refused += 1
                #expect(report.status == 1, "k = \(k): \(report.stderr)")
                #expect(report.stderr.contains("error: "), "k = \(k): \(report.stderr)")
                #expect(rerun.status == WriteInterruption.exitStatus, "k = \(k): the folder is refused, but the rerun was not stopped")
            }
            if rerun.status == 0 { break }  // the rerun finished before its k-th step
            #expect(rerun.status == WriteInterruption.exitStatus, "k = \(k): \(rerun.stderr)")
            k += 1
        }
        // Steps: manifest removed, timeseries-wide.csv, timeseries.csv, summary.csv,
        // series-pool.csv, series-segment.csv, report.html, manifest.json; only after the
        // last is the folder whole.
        #expect(k == 9, "the rerun took \(k - 1) steps")
        #expect(refused == 7)
    }

    @Test("merge refuses shards when one was rewritten and killed at any step")
    func killedShardRerunIsRefused() throws {
        let scratch = Scratch()
        let model = CLIRunner.repositoryRoot.appendingPathComponent("models/validation/mmck.yaml").path
        let arguments = ["run", model, "--replications", "3", "--seed", "3", "--set", "duration=3h", "--jobs", "1", "--quiet"]
        let root = try scratch.folder("shards")
        for i in 0..<3 {
            let outcome = try CLIRunner.run(arguments + ["--out", root.appendingPathComponent("s\(i)").path, "--shard", "\(i)/3"])
            #expect(outcome.status == 0, "\(outcome.stderr)")
        }
        let shards = (0..<3).map { root.appendingPathComponent("s\($0)").path }
        let pristine = scratch.url.appendingPathComponent("s1-pristine")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: shards[1]), to: pristine)
        #expect(try CLIRunner.run(["merge"] + shards + ["--out", scratch.url.appendingPathComponent("whole").path, "--quiet"]).status == 0)

        var k = 1
        while k < 10 {
            try FileManager.default.removeItem(atPath: shards[1])
            try FileManager.default.copyItem(at: pristine, to: URL(fileURLWithPath: shards[1]))
            // Shard 1 rerun with another seed, stopped after its k-th step.
            let rerun = try CLIRunner.run(["run", model, "--replications", "3", "--seed", "4", "--set", "duration=3h", "--jobs", "1",
                                           "--quiet", "--out", shards[1], "--shard", "1/3"],
                                          environment: [WriteInterruption.environmentVariable: String(k)])
            let merged = scratch.url.appendingPathComponent("merged-\(k)")
            let merge = try CLIRunner.run(["merge"] + shards + ["--out", merged.path, "--quiet"])
            #expect(merge.status == 1, "k = \(k): merge accepted a mixed shard folder")
            #expect(merge.stderr.contains(shards[1]), "k = \(k): \(merge.stderr)")
            #expect(!FileManager.default.fileExists(atPath: merged.path))
            if rerun.status == 0 { break }
            #expect(rerun.status == WriteInterruption.exitStatus, "k = \(k): \(rerun.stderr)")
            k += 1
        }
        // Steps: shard.json removed, results.json, shard.json.
        #expect(k == 4)
    }

    @Test("merge refuses a results.json with one value changed, naming the shard folder and file")
    func tamperedValueIsRefused() throws {
        let scratch = Scratch()
        let root = try scratch.folder("shards")
        let model = CLIRunner.repositoryRoot.appendingPathComponent("models/validation/mmck.yaml").path
        for i in 0..<2 {
            let outcome = try CLIRunner.run(["run", model, "--replications", "2", "--seed", "3", "--set", "duration=3h", "--quiet",
                                             "--out", root.appendingPathComponent("s\(i)").path, "--shard", "\(i)/2"])
            #expect(outcome.status == 0, "\(outcome.stderr)")
        }
        let results = root.appendingPathComponent("s1/results.json")
        let text = try String(contentsOf: results, encoding: .utf8)
        // The first number in the first values list becomes 999999.
        let start = try #require(text.range(of: "\"values\":["))
        let end = try #require(text[start.upperBound...].firstIndex { $0 == "," || $0 == "]" })
        try text.replacingCharacters(in: start.upperBound..<end, with: "999999").write(to: results, atomically: false, encoding: .utf8)
        let merge = try CLIRunner.run(["merge", root.appendingPathComponent("s0").path, root.appendingPathComponent("s1").path,
                                       "--out", scratch.url.appendingPathComponent("merged").path])
        #expect(merge.status == 1)
        #expect(merge.stderr.contains("\(results.path): "), "\(merge.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("merged").path))
    }
}
