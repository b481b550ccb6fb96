import Foundation
@testable import Experiments
import Scenario

/// Models written to a temporary folder, so a test can change one line of a real model.
enum TempModel {
    static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// The text of a file under `models/`.
    static func model(_ relative: String) throws -> String {
        try String(contentsOfFile: repositoryRoot + "/models/" + relative, encoding: .utf8)
    }

    /// `text` with each `(old, new)` replaced once; fails loudly when `old` is absent.
    static func edited(_ text: String, _ edits: [(String, String)]) throws -> String {
        var result = text
        for (old, new) in edits {
            guard let range = result.range(of: old) else { throw EditError(missing: old) }
            result.replaceSubrange(range, with: new)
        }
        return result
    }

    struct EditError: Error { let missing: String }

    /// Writes `text` as `name` in a fresh temporary folder and returns its path.
    static func write(_ text: String, name: String = "model.yaml") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("affluence-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The M/M/1 validation model cut to 20 h (and 4 replications) so a test runs it in a moment.
    static func shortMM1(_ edits: [(String, String)] = []) throws -> String {
        try edited(try model("validation/mm1.yaml"), [("duration: 200h", "duration: 20h"), ("replications: 10", "replications: 4")] + edits)
    }

    /// A small platform model: one segment, one platform, one pool of 2 workers.
    static let platform = """
        version: 1
        name: tiny platform
        start: 07:00
        end: 10:00
        report_interval: 5min
        replications: 2
        seed: 3
        behaviours: [{id: ent}]
        segments:
          - {id: pupils, size: 3000, active_share: 100%, platforms: ent, behaviour: ent, intent: {bumps: [{at: 08:00, sd: 20min}]}}
        platforms: [{id: ent, pools: ent}]
        pools: [{id: ent, servers: 1, workers_per_server: 24, service_time: lognormal(mean: 50ms, cv: 1.5)}]
        """
}

/// The scenario language's expectation (Swift Testing has its own `Expectation`).
typealias ModelExpectation = Expectation
