import Foundation
import Testing

/// `affluence check` end to end: exit codes, the table's wording, fingerprints written,
/// kept and broken — on temporary copies of the M/M/1 validation model.
@Suite("affluence check, end to end")
struct CheckCommandTests {
    /// models/validation/mm1.yaml cut to 20 h and 4 replications, with `edits` applied.
    static func mm1(_ edits: [(String, String)] = []) throws -> String {
        var text = try String(contentsOf: CLIRunner.repositoryRoot.appendingPathComponent("models/validation/mm1.yaml"), encoding: .utf8)
        for (old, new) in [("duration: 200h", "duration: 20h"), ("replications: 10", "replications: 4")] + edits {
            let range = try #require(text.range(of: old), "`\(old)` not in mm1.yaml")
            text.replaceSubrange(range, with: new)
        }
        return text
    }

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("affluence-check-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("fingerprints: missing fails, --update-fingerprints writes, an unchanged model passes, a one-line change fails naming the model")
    func fingerprints() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = dir.appendingPathComponent("mm1.yaml")
        try Self.mm1().write(to: model, atomically: true, encoding: .utf8)

        let missing = try CLIRunner.run(["check", model.path, "--jobs", "2"])
        #expect(missing.status == 1)
        #expect(missing.stdout.contains("fingerprint: MISSING"))
        #expect(missing.stdout.hasSuffix("7 passed, 1 failed\n"))

        let written = try CLIRunner.run(["check", model.path, "--update-fingerprints", "--jobs", "2"])
        #expect(written.status == 0, "\(written.stdout)")
        let record = try String(contentsOf: dir.appendingPathComponent("mm1.fingerprint"), encoding: .utf8)
        #expect(record.contains("sha256: ") && record.contains("seed: 1") && record.contains("precision: 6 significant digits"))

        let same = try CLIRunner.run(["check", model.path, "--fast", "--jobs", "1"])
        #expect(same.status == 0, "\(same.stdout)")
        #expect(same.stdout.contains("fingerprint: unchanged"))
        #expect(same.stdout.contains("fast: 4 of 4") == false)   // 4 declared: --fast runs them all
        #expect(same.stdout.hasSuffix("8 passed, 0 failed\n"))

        try Self.mm1([("service_time: exponential(mean: 1s)", "service_time: exponential(mean: 1.01s)")])
            .write(to: model, atomically: true, encoding: .utf8)
        let changed = try CLIRunner.run(["check", model.path, "--jobs", "2"])
        #expect(changed.status == 1)
        #expect(changed.stdout.contains("fingerprint: CHANGED: the simulated trajectory differs"))
        #expect(changed.stdout.contains("trajectory changed (behaviour differs from the stored fingerprint): \(model.path)"))
    }

    @Test("a wrong expectation is a MISS showing the measured value; the last line counts it; exit 1")
    func wrongExpectation() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = dir.appendingPathComponent("mm1.yaml")
        try Self.mm1([("{metric: mean_wait, entity: server, value: 9s, tolerance: 5%}",
                       "{metric: mean_wait, entity: server, value: 4s, tolerance: 5%}")])
            .write(to: model, atomically: true, encoding: .utf8)
        let outcome = try CLIRunner.run(["check", model.path, "--update-fingerprints"])
        #expect(outcome.status == 1)
        let line = try #require(outcome.stdout.split(separator: "\n").first { $0.contains("mean_wait") })
        #expect(line.contains("pool server") && line.contains("whole run") && line.contains("base"))
        #expect(line.contains("4 s ± 5%"))
        #expect(line.contains(" s ± ") && line.contains("MISS") && line.contains("off by "))
        #expect(outcome.stdout.contains("measured (mean ± 95% CI)"))
        #expect(outcome.stdout.contains("How to read this"))
        #expect(outcome.stdout.hasSuffix("7 passed, 1 failed\n"))
    }

    @Test("--fast says so on the lines it affects")
    func fastSaysSo() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = dir.appendingPathComponent("mm1.yaml")
        // 400 h: 8 replications are above the events --fast runs in full.
        try Self.mm1([("replications: 4", "replications: 8"), ("duration: 20h", "duration: 400h")]).write(to: model, atomically: true, encoding: .utf8)
        let outcome = try CLIRunner.run(["check", model.path, "--fast", "--update-fingerprints"])
        #expect(outcome.status == 0, "\(outcome.stdout)")
        #expect(outcome.stdout.contains("5 of 8 replications (--fast)"))
        let rows = outcome.stdout.split(separator: "\n").filter { $0.contains("pool server") && $0.contains("PASS") }
        #expect(rows.count == 7)
        #expect(rows.allSatisfy { $0.contains("fast: 5 of 8 runs, tolerance ×") })
    }

    @Test("--fast that would more than double a tolerance says UNDECIDABLE and fails")
    func fastUndecidable() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = dir.appendingPathComponent("mm1.yaml")
        try Self.mm1([("replications: 4", "replications: 30"), ("duration: 20h", "duration: 400h")]).write(to: model, atomically: true, encoding: .utf8)
        let outcome = try CLIRunner.run(["check", model.path, "--fast", "--update-fingerprints"])
        #expect(outcome.status == 1, "\(outcome.stdout)")
        #expect(outcome.stdout.contains("5 of 30 replications (--fast)"))
        let rows = outcome.stdout.split(separator: "\n").filter { $0.contains("pool server") }
        #expect(rows.count == 7 && rows.allSatisfy { $0.contains("UNDECIDABLE") && $0.contains("(twice the tolerance)") }, "\(rows)")
        #expect(outcome.stdout.contains("7 UNDECIDABLE"))
        #expect(outcome.stdout.hasSuffix("1 passed, 7 failed\n"))
    }

    @Test("usage errors exit 64", arguments: [["check"], ["check", "models/nowhere"], ["check", "models/", "--jobs", "0"]])
    func usage(arguments: [String]) throws {
        #expect(try CLIRunner.run(arguments).status == 64)
    }
}
