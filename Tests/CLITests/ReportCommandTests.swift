import Foundation
import Testing

@Suite("affluence report and --json, end to end")
struct ReportCommandTests {
    static func temporaryFolder(_ label: String = #function) -> URL {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("affluence-cli-report-\(getpid())-\(label.filter { $0.isLetter || $0.isNumber })")
    }

    @Test("affluence report rebuilds the run's report.html byte for byte", arguments: ["standard", "excel-fr"])
    func rebuildsRunReport(dialect: String) throws {
        let folder = Self.temporaryFolder("rebuild\(dialect)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CLIRunner.run(["run", "models/validation/mmck.yaml", "--replications", "2", "--csv-dialect", dialect,
                                     "--out", folder.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = folder.appendingPathComponent("report.html")
        let written = try Data(contentsOf: report)
        try FileManager.default.removeItem(at: report)
        let rebuilt = try CLIRunner.run(["report", folder.path])
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(rebuilt.stdout.contains("wrote \(report.path)"))
        #expect(try Data(contentsOf: report) == written)
        #expect(written.count > 1000)
    }

    @Test("a folder that is not a run folder, or a garbled CSV file, is an error naming the place")
    func errors() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let empty = try CLIRunner.run(["report", folder.path])
        #expect(empty.status == 1)
        #expect(empty.stderr.contains(folder.path))
        #expect(empty.stderr.contains("expected a run, compare or sweep folder"))

        // CSV files without the manifest a finished run writes last: an interrupted run.
        let csv = "scenario,policy,replication,interval_start_clock,interval_start_s,entity_kind,entity_id,metric,value\r\n"
            + "s,base,1,06:00:00,0,platform,lms,active_sessions,3\r\n"
            + "s,base,1,07:61:00,60,platform,lms,active_sessions,4\r\n"
        try Data(csv.utf8).write(to: folder.appendingPathComponent("timeseries.csv"))
        let unfinished = try CLIRunner.run(["report", folder.path])
        #expect(unfinished.status == 1)
        #expect(unfinished.stderr.contains("\(folder.path)/manifest.json: error: missing"), "\(unfinished.stderr)")

        // The same damage in a finished folder: its manifest's SHA-256 refuses the file;
        // behind a manifest made to match, the reader names the cell.
        let run = try CLIRunner.run(["run", "models/validation/mmck.yaml", "--replications", "1", "--set", "duration=2h",
                                     "--out", folder.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        try Data(csv.utf8).write(to: folder.appendingPathComponent("timeseries.csv"))
        let tampered = try CLIRunner.run(["report", folder.path])
        #expect(tampered.status == 1)
        #expect(tampered.stderr.contains("\(folder.path)/timeseries.csv: error: "), "\(tampered.stderr)")
        try RunSeal.reseal(folder)
        let garbled = try CLIRunner.run(["report", folder.path])
        #expect(garbled.status == 1)
        #expect(garbled.stderr.contains("\(folder.path)/timeseries.csv:3:10: error: '07:61:00' in column interval_start_clock"), "\(garbled.stderr)")

        let usage = try CLIRunner.run(["report"])
        #expect(usage.status == 64)
    }

    @Test("a scenario named like a formula gives CSV cells a spreadsheet shows as text", arguments: ["=1+1", "+1", "-1", "@SUM(A1)"])
    func formulaNames(name: String) throws {
        let folder = Self.temporaryFolder("formula\(name.unicodeScalars.first?.value ?? 0)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CLIRunner.run(["run", "models/validation/mmck.yaml", "--replications", "1",
                                     "--set", "name=\"\(name)\"", "--out", folder.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        for file in ["timeseries.csv", "timeseries-wide.csv", "summary.csv"] {
            let text = String(decoding: try Data(contentsOf: folder.appendingPathComponent(file)), as: UTF8.self)
            let firstRecord = try #require(text.components(separatedBy: "\r\n").dropFirst().first)
            #expect(firstRecord.hasPrefix("'\(name),"), "\(file): \(firstRecord)")
        }
        // The page shows the name as given, as text.
        let html = String(decoding: try Data(contentsOf: folder.appendingPathComponent("report.html")), as: UTF8.self)
        #expect(html.contains("<h1>Affluence report — \(name)</h1>"))
    }

    /// The retry storm saturates its platform: the figures the text summary prints exist.
    static let stormArguments = ["models/retry-storm.yaml", "--replications", "2", "--seed", "7"]

    @Test("run --json prints only JSON, with the figures the text summary shows")
    func runJSON() throws {
        let base = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        let json = try CLIRunner.run(["run"] + Self.stormArguments + ["--json", "--out", base.appendingPathComponent("json").path])
        let text = try CLIRunner.run(["run"] + Self.stormArguments + ["--out", base.appendingPathComponent("text").path])
        #expect(json.status == 0, "\(json.stderr)")
        #expect(text.status == 0, "\(text.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["command"] as? String == "run")
        #expect(object["replications"] as? Int == 2)
        #expect(object["seed"] as? Int == 7)
        let platforms = try #require(object["platforms"] as? [[String: Any]])
        let lms = try #require(platforms.first { $0["id"] as? String == "lms" })
        // "platform lms: saturates at 09:02 (2/2 runs), peak demand 7342 users for 2712 sessions,
        //  100% in by 09:00, 141.75 attempts per login"
        let line = try #require(text.stdout.split(separator: "\n").first { $0.contains("platform lms:") })
        let onset = try #require(lms["saturation_onset_clock"] as? String)
        let runs = try #require(lms["saturated_replications"] as? Int)
        #expect(line.contains("saturates at \(onset) (\(runs)/2 runs)"))
        let peak = try #require(lms["peak_desired_sessions"] as? Double)
        let sessions = try #require(lms["peak_active_sessions"] as? Double)
        #expect(line.contains("peak demand \(Self.count(peak)) users for \(Self.count(sessions)) sessions"))
        let share = try #require(lms["share_in_by_0900"] as? Double)
        #expect(line.contains(String(format: "%.0f%% in by 09:00", share * 100)))
        let attempts = try #require(lms["attempts_per_success"] as? Double)
        #expect(line.contains(String(format: "%.2f attempts per login", attempts)))
        let pools = try #require(object["pools"] as? [[String: Any]])
        let web = try #require(pools.first { $0["id"] as? String == "web" })
        let utilization = try #require(web["utilization"] as? Double)
        #expect(text.stdout.contains(String(format: "utilization %.4g", utilization)))
    }

    /// The text summary's spelling of a count (HumanSummary.count).
    static func count(_ x: Double) -> String {
        x >= 10_000 ? String(format: "%.0fk", x / 1000) : String(format: "%.0f", x)
    }

    @Test("compare --json prints only JSON with each policy's mean and paired difference")
    func compareJSON() throws {
        let base = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        let outcome = try CLIRunner.run(["compare", "models/retry-storm.yaml", "--replications", "2",
                                         "--metric", "share_never_in@lms", "--json", "--out", base.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(object["command"] as? String == "compare")
        #expect(object["baseline"] as? String == "base")
        let metrics = try #require(object["metrics"] as? [[String: Any]])
        let policies = try #require(metrics.first?["policies"] as? [[String: Any]])
        #expect(Set(policies.compactMap { $0["policy"] as? String }) == ["base", "client_policies", "retry_limit", "session_cap", "amplified"])
        let baseline = try #require(policies.first { $0["policy"] as? String == "base" })
        #expect(baseline["diff_vs_baseline"] is NSNull)
        for policy in policies where policy["policy"] as? String != "base" {
            #expect(policy["diff_vs_baseline"] is Double)
            #expect(policy["mean"] is Double)
        }
        // The report of the compare folder rebuilds byte for byte too.
        let report = base.appendingPathComponent("report.html")
        let written = try Data(contentsOf: report)
        #expect(try CLIRunner.run(["report", base.path, "--quiet"]).status == 0)
        #expect(try Data(contentsOf: report) == written)
    }
}
