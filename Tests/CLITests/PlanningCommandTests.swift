import Foundation
import Testing
@testable import affluence

/// sweep, capacity, saturation and estimate, run as a planner would.
@Suite("planning commands, end to end")
struct PlanningCommandTests {
    static func folder(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("affluence-plan-\(getpid())-\(name)")
    }

    /// The M/M/1 model cut to 2 hours, written next to the test's outputs.
    static func shortModel() throws -> String {
        let text = try String(contentsOf: CLIRunner.repositoryRoot.appendingPathComponent("models/validation/mm1.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "duration: 200h", with: "duration: 2h")
            .replacingOccurrences(of: "warmup: 5h", with: "warmup: 10min")
        let dir = folder("model")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("mm1-short.yaml")
        try text.write(to: path, atomically: true, encoding: .utf8)
        return path.path
    }

    @Test("sweep writes sweep.csv, a heat-map report and a manifest")
    func sweepWritesItsFolder() throws {
        let model = try Self.shortModel()
        let whole = Self.folder("sweep")
        defer { try? FileManager.default.removeItem(at: whole) }
        let args = ["sweep", model, "--vary", "demand_scale=0.5,0.7,0.9", "--vary", "pools.server.servers=1:2:1",
                    "--replications", "2", "--metric", "utilization", "--metric", "mean_wait[server]"]
        let outcome = try CLIRunner.run(args + ["--out", whole.path, "--jobs", "2"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("6 points × 2 replications"))
        let csv = try String(contentsOf: whole.appendingPathComponent("sweep.csv"), encoding: .utf8)
        let lines = csv.split(whereSeparator: \.isNewline)
        #expect(lines.first == "point,demand_scale,pools.server.servers,metric,entity_kind,entity_id,unit,mean,ci95_half_width")
        #expect(lines.count == 1 + 6 * 2)
        let report = try String(contentsOf: whole.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("<svg"))
        #expect(FileManager.default.fileExists(atPath: whole.appendingPathComponent("manifest.json").path))
        // Its shards merged through `affluence merge`: Tests/CLITests/ShardMergeTests.swift.
    }

    @Test("capacity answers with its confidence, and fails clearly when the range holds no answer")
    func capacity() throws {
        let model = try Self.shortModel()
        let out = Self.folder("capacity")
        defer { try? FileManager.default.removeItem(at: out) }
        let ok = try CLIRunner.run(["capacity", model, "--resource", "pools.server.servers", "--slo", "mean_wait <= 1s",
                                    "--range", "1:4", "--replications", "3", "--jobs", "2", "--out", out.path])
        #expect(ok.status == 0, "\(ok.stderr)")
        // M/M/c at λ = 0.9, μ = 1: Erlang C gives Wq = 9 s at c = 1 and 0.23 s at c = 2.
        #expect(ok.stdout.hasPrefix("pools.server.servers = 2: the smallest value meeting mean_wait <= 1s"), "\(ok.stdout)")
        #expect(ok.stdout.contains("95%"))
        // capacity.csv: every value searched, one row per objective term and entity.
        let table = try String(contentsOf: out.appendingPathComponent("capacity.csv"), encoding: .utf8).split(whereSeparator: \.isNewline)
        #expect(table.first == "value,holds,confident,term,metric,entity_kind,entity_id,mean,ci95_half_width,one_sided_bound,comparison,threshold,term_holds,term_confident")
        #expect(table.dropFirst().contains { $0.hasPrefix("1,no,no,mean_wait <= 1s,mean_wait,pool,server,") }, "\(table)")
        #expect(table.dropFirst().contains { $0.hasPrefix("2,yes,") }, "\(table)")
        let none = try CLIRunner.run(["capacity", model, "--resource", "pools.server.servers", "--slo", "mean_wait <= 1ms",
                                      "--range", "1:2", "--replications", "2", "--out", Self.folder("capacity-none").path])
        defer { try? FileManager.default.removeItem(at: Self.folder("capacity-none")) }
        #expect(none.status == 1)
        #expect(none.stderr.contains("no value of pools.server.servers in 1…2 meets mean_wait <= 1ms"), "\(none.stderr)")
        let typo = try CLIRunner.run(["capacity", model, "--resource", "pools.server.servers", "--slo", "mean_wiat <= 1s"])
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("column 1"))
    }

    @Test("saturation brackets the demand multiplier where the pool starts to saturate")
    func saturation() throws {
        let model = try Self.shortModel()
        let out = Self.folder("saturation")
        defer { try? FileManager.default.removeItem(at: out) }
        let outcome = try CLIRunner.run(["saturation", model, "--scale", "sources", "--range", "0.5:2", "--tolerance", "5%",
                                         "--replications", "2", "--jobs", "2", "--out", out.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        // One server at λ = 0.9·m saturates (≥ 95% busy for 5 minutes) somewhere below m = 1/0.9.
        let line = try #require(outcome.stdout.split(separator: "\n").first { $0.hasPrefix("Largest demand multiplier held:") })
        let value = try #require(Double(line.split(separator: " ")[4]))
        #expect(value > 0.5 && value < 1.12, "\(line)")
    }

    @Test("estimate writes estimate.csv in milliseconds; run writes the twin next to the simulation")
    func estimateAndRun() throws {
        let out = Self.folder("estimate")
        defer { try? FileManager.default.removeItem(at: out) }
        let estimate = try CLIRunner.run(["estimate", "models/validation/mmc-erlang-c.yaml", "--out", out.path])
        #expect(estimate.status == 0, "\(estimate.stderr)")
        #expect(estimate.stdout.contains("servers"))
        let csv = try String(contentsOf: out.appendingPathComponent("estimate.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("scenario,pool,interval_start_clock,interval_start_s,arrival_rate_per_s,offered_load"))

        let runOut = Self.folder("run")
        defer { try? FileManager.default.removeItem(at: runOut) }
        let model = try Self.shortModel()
        let run = try CLIRunner.run(["run", model, "--replications", "2", "--out", runOut.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let series = try String(contentsOf: runOut.appendingPathComponent("timeseries.csv"), encoding: .utf8)
        #expect(series.contains(",pool,server,twin_offered_load,"))
        #expect(series.contains(",pool,server,twin_wait_s,"))
    }
}
