import Foundation
import Testing

/// `run` and `compare --ensemble` end to end on the M/M/c calibration model cut to an hour:
/// the pooled folders, ensemble.csv and ensemble-comparison.csv, the report and stdout
/// sentences, the same bytes for any --jobs, and located errors for a bad plausible set.
@Suite("run/compare --ensemble: over the plausible set")
struct EnsembleCommandTests {
    static let rates = ["8", "8.5", "9"]

    /// The model (with a `more` policy: two more servers) and a plausible.csv of three arrival rates.
    static func fixture(plausible: String? = nil) throws -> (model: String, plausible: String, dir: URL) {
        let text = try String(contentsOf: CLIRunner.repositoryRoot.appendingPathComponent("models/validation/calibrate-mmc.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "duration: 5h", with: "duration: 1h")
            .replacingOccurrences(of: "warmup: 30min", with: "warmup: 10min")
            + "policies:\n  more:\n    description: two more servers\n    set: {pools.servers.servers: 12}\n"
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("affluence-ensemble-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let model = dir.appendingPathComponent("model.yaml")
        try text.write(to: model, atomically: true, encoding: .utf8)
        let csv = dir.appendingPathComponent("plausible.csv")
        let body = plausible ?? "wave,point,sources[id=arrivals].rate,plausible,max_implausibility\n"
            + rates.enumerated().map { "1,\($0.offset + 1),\($0.element),1,0.5\n" }.joined()
        try body.write(to: csv, atomically: true, encoding: .utf8)
        return (model.path, csv.path, dir)
    }

    /// The cells of the row of `metric` for entity `servers`.
    static func row(_ file: URL, metric: String) throws -> [String] {
        let lines = try String(contentsOf: file, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        let cells = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return try #require(cells.first { $0.contains("servers") && $0.contains(metric) }, "no \(metric) row in \(file.lastPathComponent)")
    }

    @Test func runPoolsTheMembersAndWritesTheirSpreadTheSameForAnyJobs() throws {
        let f = try Self.fixture()
        let one = f.dir.appendingPathComponent("jobs1"), two = f.dir.appendingPathComponent("jobs2")
        let outcome = try CLIRunner.run(["run", f.model, "--ensemble", f.plausible, "--replications", "2", "--seed", "11",
                                         "--jobs", "1", "--out", one.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("Over the plausible set: 3 parameter sets × 2 replications"), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("plausible worlds"), "\(outcome.stdout)")
        let again = try CLIRunner.run(["run", f.model, "--ensemble", f.plausible, "--replications", "2", "--seed", "11",
                                       "--jobs", "2", "--quiet", "--out", two.path])
        #expect(again.status == 0, "\(again.stderr)")
        for name in ["ensemble.csv", "summary.csv", "timeseries.csv"] {
            #expect(try Data(contentsOf: one.appendingPathComponent(name)) == Data(contentsOf: two.appendingPathComponent(name)), "\(name)")
        }
        let manifest = try String(contentsOf: one.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"ensemble.csv\"") && manifest.contains("\"replications\" : 6"), "\(manifest.prefix(600))")
        let report = try String(contentsOf: one.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("Over the plausible set") && report.contains("plausible worlds"))

        // Each member run alone (same seed, same replications): the ensemble's pooled mean is
        // the mean of their means, and the between-set percentiles lie among them.
        var means: [Double] = []
        for rate in Self.rates {
            let out = f.dir.appendingPathComponent("member-\(rate)")
            let member = try CLIRunner.run(["run", f.model, "--set", "sources[id=arrivals].rate=\(rate)/s", "--replications", "2",
                                            "--seed", "11", "--quiet", "--out", out.path])
            #expect(member.status == 0, "\(member.stderr)")
            means.append(try #require(Double(Self.row(out.appendingPathComponent("summary.csv"), metric: "mean_wait")[6])))
        }
        let ensemble = try Self.row(one.appendingPathComponent("ensemble.csv"), metric: "mean_wait")
        let summary = try Self.row(one.appendingPathComponent("summary.csv"), metric: "mean_wait")
        let (pooled, p05, p50, p95) = try (#require(Double(ensemble[8])), #require(Double(ensemble[10])),
                                           #require(Double(ensemble[11])), #require(Double(ensemble[12])))
        #expect(ensemble[6] == "3" && ensemble[7] == "3")
        #expect(abs(pooled - means.reduce(0, +) / 3) < 1e-9 * pooled)
        #expect(ensemble[8] == summary[6], "ensemble.csv's pooled mean is summary.csv's")
        let sorted = means.sorted()
        #expect(abs(p50 - sorted[1]) < 1e-12 * p50)
        #expect(sorted[0] <= p05 && p05 <= p50 && p50 <= p95 && p95 <= sorted[2])
        #expect(sorted[0] < sorted[2], "the arrival rate moves the mean wait: the members differ")
    }

    @Test func compareCountsTheWorldsInWhichAPolicyBeatsTheBaseline() throws {
        let f = try Self.fixture()
        let out = f.dir.appendingPathComponent("compare")
        let outcome = try CLIRunner.run(["compare", f.model, "--ensemble", f.plausible, "--metric", "mean_wait@servers",
                                         "--replications", "2", "--seed", "11", "--jobs", "2", "--out", out.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("more beats base on mean_wait@servers in 100% of plausible worlds"), "\(outcome.stdout)")
        let row = try Self.row(out.appendingPathComponent("ensemble-comparison.csv"), metric: "mean_wait")
        #expect(row[4] == "more" && row[5] == "base" && row[6] == "3" && row[8] == "1", "\(row)")
        #expect(try #require(Double(row[11])) < 0, "12 servers wait less than 10 in every world")
        let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("more beats base on mean_wait@servers in 100% of plausible worlds"))
        let comparison = try String(contentsOf: out.appendingPathComponent("comparison.csv"), encoding: .utf8)
        #expect(comparison.contains("more"))
        let serial = f.dir.appendingPathComponent("compare-serial")
        let again = try CLIRunner.run(["compare", f.model, "--ensemble", f.plausible, "--metric", "mean_wait@servers",
                                       "--replications", "2", "--seed", "11", "--jobs", "1", "--quiet", "--out", serial.path])
        #expect(again.status == 0, "\(again.stderr)")
        for name in ["comparison.csv", "ensemble-comparison.csv"] {
            #expect(try Data(contentsOf: out.appendingPathComponent(name)) == Data(contentsOf: serial.appendingPathComponent(name)), "\(name)")
        }
    }

    @Test func aSubsampleOfAnExcelFrenchFileRunsFewerWorlds() throws {
        // The excel-fr dialect calibrate writes with --csv-dialect excel-fr: BOM, `;`, decimal comma.
        let f = try Self.fixture(plausible: "\u{FEFF}wave;point;sources[id=arrivals].rate;plausible;max_implausibility\n"
                                    + "1;1;8;1;0,5\n1;2;8,5;1;0,2\n1;3;9;1;0,1\n")
        let outcome = try CLIRunner.run(["run", f.model, "--ensemble", f.plausible, "--ensemble-size", "2", "--replications", "2",
                                         "--seed", "11", "--out", f.dir.appendingPathComponent("sub").path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("2 parameter sets (a seeded subsample of 3)"), "\(outcome.stdout)")
    }

    @Test func aBadPlausibleSetIsLocatedAndUsageErrorsExit64() throws {
        let f = try Self.fixture(plausible: "wave,point,sources[id=arrival].rate,plausible,max_implausibility\n1,1,8,1,0.5\n")
        let bad = try CLIRunner.run(["run", f.model, "--ensemble", f.plausible, "--replications", "2", "--quiet",
                                     "--out", f.dir.appendingPathComponent("bad").path])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("plausible.csv:1:12: error: column 'sources[id=arrival].rate' is not a calibration parameter"), "\(bad.stderr)")
        let g = try Self.fixture(plausible: "wave,point,sources[id=arrivals].rate,plausible,max_implausibility\n1,1,8,1,0.5\n1,2,fast,1,0.5\n")
        let cell = try CLIRunner.run(["run", g.model, "--ensemble", g.plausible, "--quiet", "--out", g.dir.appendingPathComponent("bad").path])
        #expect(cell.status == 1 && cell.stderr.contains("plausible.csv:3:5: error: 'fast'"), "\(cell.stderr)")
        let h = try Self.fixture(plausible: "wave,point,sources[id=arrivals].rate,plausible,max_implausibility\n1,1,8,1,0.5\n1,2,-3,1,0.5\n")
        let member = try CLIRunner.run(["run", h.model, "--ensemble", h.plausible, "--quiet", "--out", h.dir.appendingPathComponent("bad").path])
        #expect(member.status == 1 && member.stderr.contains("plausible.csv:3: wave 1 point 2 (sources[id=arrivals].rate=-3/s)"), "\(member.stderr)")
        let size = try CLIRunner.run(["run", f.model, "--ensemble-size", "2"])
        #expect(size.status == 64 && size.stderr.contains("--ensemble-size needs --ensemble"))
        let uncalibrated = try CLIRunner.run(["run", "models/validation/mm1.yaml", "--ensemble", f.plausible])
        #expect(uncalibrated.status == 64 && uncalibrated.stderr.contains("no calibration: block"), "\(uncalibrated.stderr)")
    }
}
