import Foundation
import Testing

@Suite("affluence run, end to end")
struct RunCommandTests {
    @Test("the same seed writes byte-identical CSV files and report, whatever the number of jobs")
    func sameSeedSameBytes() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("affluence-cli-\(getpid())")
        defer { try? FileManager.default.removeItem(at: base) }
        var outputs: [[String: Data]] = []
        for jobs in ["1", "2"] {
            let folder = base.appendingPathComponent("jobs\(jobs)")
            let outcome = try CLIRunner.run(["run", "models/validation/mmck.yaml", "--replications", "3",
                                             "--jobs", jobs, "--out", folder.path, "--quiet"])
            #expect(outcome.status == 0, "\(outcome.stderr)")
            var files: [String: Data] = [:]
            for name in ["timeseries.csv", "timeseries-wide.csv", "summary.csv", "report.html"] {
                files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
            }
            outputs.append(files)
        }
        #expect(outputs[0] == outputs[1])
        #expect((outputs[0]["summary.csv"]?.count ?? 0) > 100)
    }

    @Test("a missing model file is a usage error (exit 64)")
    func missingModel() throws {
        let outcome = try CLIRunner.run(["run", "models/does-not-exist.yaml"])
        #expect(outcome.status == 64)
        #expect(outcome.stderr.contains("does-not-exist.yaml"))
    }
}
