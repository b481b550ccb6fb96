import Foundation
import Testing

/// `affluence calibrate` end to end: the folder it writes, and what it says and returns
/// when no point can reproduce the observations.
@Suite("calibrate: outputs and the nothing-survives exit")
struct CalibrateCommandTests {
    static func model(observedWait: String) throws -> String {
        let text = try String(contentsOf: CLIRunner.repositoryRoot.appendingPathComponent("models/validation/calibrate-mmc.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "duration: 5h", with: "duration: 1h")
            .replacingOccurrences(of: "warmup: 30min", with: "warmup: 10min")
            .replacingOccurrences(of: "value: 0.668732s", with: "value: \(observedWait)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("affluence-calibrate-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("model.yaml")
        try text.write(to: path, atomically: true, encoding: .utf8)
        return path.path
    }

    static func lines(_ url: URL) throws -> [String] {
        try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
    }

    @Test func writesTheWavesThePlausibleSetTheSummaryAndTheReport() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("affluence-calibrate-out-\(UUID().uuidString)")
        let outcome = try CLIRunner.run(["calibrate", try Self.model(observedWait: "0.668732s"), "--waves", "3", "--points", "12",
                                         "--replications", "3", "--jobs", "2", "--seed", "7", "--out", out.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("Kept ranges"))
        let waves = try Self.lines(out.appendingPathComponent("waves.csv"))
        let plausible = try Self.lines(out.appendingPathComponent("plausible.csv"))
        #expect(waves.first == "wave,point,sources[id=arrivals].rate,plausible,max_implausibility,mean-wait_mean,mean-wait_sim_sd,mean-wait_implausibility")
        #expect(plausible.first == waves.first)
        #expect(plausible.count > 1 && plausible.count <= waves.count)
        #expect(plausible.dropFirst().allSatisfy { $0.split(separator: ",")[3] == "1" })
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("calibration.json"))) as? [String: Any]
        let parameters = summary?["parameters"] as? [[String: Any]]
        #expect((parameters?.first?["kept_low"] as? Double).map { $0 < 9.2 } == true)
        let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("<svg") && report.contains("Kept ranges"))
        let manifest = try String(contentsOf: out.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"plausible.csv\"") && manifest.contains("\"waves.csv\""))
        // The same seed writes the same bytes.
        let again = FileManager.default.temporaryDirectory.appendingPathComponent("affluence-calibrate-again-\(UUID().uuidString)")
        _ = try CLIRunner.run(["calibrate", try Self.model(observedWait: "0.668732s"), "--waves", "3", "--points", "12",
                               "--replications", "3", "--jobs", "1", "--seed", "7", "--out", again.path])
        #expect(try Data(contentsOf: again.appendingPathComponent("waves.csv")) == Data(contentsOf: out.appendingPathComponent("waves.csv")))
    }

    @Test func whenNothingSurvivesItSaysWhichObservationsRuledEverythingOutAndExits1() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("affluence-calibrate-none-\(UUID().uuidString)")
        let outcome = try CLIRunner.run(["calibrate", try Self.model(observedWait: "50s"), "--waves", "2", "--points", "8",
                                         "--replications", "2", "--jobs", "2", "--out", out.path])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("no point is plausible") && outcome.stderr.contains("mean-wait"), "\(outcome.stderr)")
        let waves = try Self.lines(out.appendingPathComponent("waves.csv"))
        #expect(waves.count >= 9, "waves.csv keeps every point run")
    }
}
