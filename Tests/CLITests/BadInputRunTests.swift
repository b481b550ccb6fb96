import Foundation
import Testing

/// Inputs that once crashed or exhausted `affluence run`, run for real through the built
/// executable: each ends with a clear error and a non-zero status, or with a correct run.
@Suite("affluence run on hostile values")
struct BadInputRunTests {
    /// A fresh folder per call: the parameterised cases run in parallel.
    static func folder(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("affluence-bad-\(name)-\(UUID().uuidString)").path
    }

    /// Refused before the run starts: status 1, the message names the figure.
    @Test("values no run can honour are refused with the figure, not a crash", arguments: [
        (["--replications", "1000000000"], "1000000000 replications × 10 intervals ×"),
        (["--set", "report_interval=0.1ms"], "6000000 intervals ×"),
        (["--set", "duration=1000000000d"], "longer than the simulation clock"),
        (["--set", "replications=1e12"], "values a run may hold in memory"),
        (["--set", "pools.server.servers=1e12"], "workers a pool can have"),
        (["--set", "sources.arrivals.rate=1e308/s"], "more than a count holds exactly"),
    ])
    func refused(arguments: [String], message: String) throws {
        let out = Self.folder("refused")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let outcome = try CLIRunner.run(["run", "models/validation/mm1.yaml", "--set", "duration=10min", "--set", "warmup=0s",
                                         "--replications", "1", "--out", out, "--quiet"] + arguments)
        #expect(outcome.status == 1, "\(arguments): status \(outcome.status)\n\(outcome.stderr)")
        #expect(outcome.stderr.contains(message), "\(arguments): \(outcome.stderr)")
        #expect(!outcome.stderr.contains("Fatal error"))
        #expect(!FileManager.default.fileExists(atPath: out + "/manifest.json"))
    }

    /// Legal heavy tails through `--set`: the run finishes and writes its files.
    @Test("heavy tails given through --set run to the end", arguments: [
        "pools.server.service_time=pareto(shape: 0.1, scale: 1ms)",
        "pools.server.service_time=lognormal(mu: 1000, sigma: 0.6)",
        "pools.server.service_time=empirical(values: [1s, 1e300s])",
        "pools.server.service_time=exponential(mean: 1e308s)",
    ])
    func heavyTails(override: String) throws {
        let out = Self.folder("tails")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let outcome = try CLIRunner.run(["run", "models/validation/mm1.yaml", "--set", "duration=10min", "--set", "warmup=0s",
                                         "--set", override, "--replications", "2", "--out", out, "--quiet"])
        #expect(outcome.status == 0, "\(override): \(outcome.stderr)")
        let summary = try String(contentsOfFile: out + "/summary.csv", encoding: .utf8)
        #expect(summary.contains("throughput_per_s"))
    }

    @Test("a negative seed says what a seed is (exit 64)", arguments: ["run", "compare", "sweep"])
    func negativeSeed(command: String) throws {
        let extra = command == "sweep" ? ["--vary", "pools.server.servers=1,2"] : []
        let outcome = try CLIRunner.run([command, "models/validation/mm1.yaml", "--seed", "-1"] + extra)
        #expect(outcome.status == 64, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("whole number ≥ 0"), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("Missing value"))
    }
}
