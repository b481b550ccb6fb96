import Foundation
import Testing
@testable import Experiments
import Scenario

/// `validate` refuses an expectation that `check` could not resolve (issue 19, class 5):
/// a metric its entity's kind does not report, a summary/series mix-up, an ambiguous or
/// missing entity, a window without a report interval — located at the expectation.
@Suite("expectations are checked when a model is validated")
struct ExpectationValidationTests {
    /// Two pools, a platform, a segment, an attack; 5-minute intervals from 07:00 to 10:00.
    static let model = """
        version: 1
        start: 07:00
        end: 10:00
        report_interval: 5min
        segments:
          - {id: pupils, size: 3000, active_share: 100%, platforms: lms, intent: {bumps: [{at: 08:00, sd: 20min}]}}
        platforms: [{id: lms, pools: web}]
        pools:
          - {id: web, servers: 2, service_time: exponential(mean: 50ms)}
          - {id: db, servers: 1, service_time: exponential(mean: 10ms)}
        attacks:
          - {id: ddos, target: web, rate: 10/s, windows: [{from: 08:00, to: 08:10}]}
        policies:
          single-pool: {set: {pools: [{id: web, servers: 2, service_time: exponential(mean: 50ms)}]}}
        expect:
        """

    /// The validator's findings for `model` with `expectation` as its only expectation.
    static func diagnostics(_ expectation: String) throws -> [Diagnostic] {
        let path = try TempModel.write(model + "\n  - " + expectation + "\n")
        return ScenarioValidator.validate(file: path, checks: [ExpectationTarget.validation])
    }

    @Test("each expectation check would refuse is a located validation error", arguments: [
        ("{metric: peak_active_sessions, entity: web, value: 3}", "`web` is not a platform, which is what `peak_active_sessions` measures"),
        ("{metric: goodput_pages_per_s, entity: pupils, min: 1}", "`pupils` is not a platform, which is what `goodput_pages_per_s` measures"),
        ("{metric: utilization, entity: lms, max: 1}", "`lms` is not a pool, which is what `utilization` measures"),
        ("{metric: mean_time_to_first_page_s, entity: lms, max: 60}", "`lms` is not a segment, which is what `mean_time_to_first_page_s` measures"),
        ("{metric: attack_offered, entity: web, min: 0}", "`web` is not a attack, which is what `attack_offered` measures"),
        ("{metric: share_never_in, entity: ddos, max: 1%}", "`ddos` is not a platform or segment, which is what `share_never_in` measures"),
        ("{metric: active_sessions, entity: lms, value: 3}", "`active_sessions` is not a run summary metric; it is a time series (add `at` or `from`/`to`) metric"),
        ("{metric: p_blocked, entity: web, at: 08:30, value: 0}", "`p_blocked` is not a time-series metric; it is a summary (drop `at`/`from`/`to`) metric"),
        ("{metric: utilization, max: 1}", "name the `entity` measured (the model has 2 entities with `utilization`"),
        ("{metric: busy_workers, entity: web, from: 08:01, to: 08:04, value: 1}", "the window 08:01–08:04 holds no whole report interval (report_interval is 5 min)"),
        ("{metric: share_in_by_0930, entity: pupils, min: 50%}", "`share_in_by_0930` is not reported by this model (checkpoints inside its run: share_in_by_0800, share_in_by_0900, share_in_by_1000)"),
        ("{metric: share_in_by_1400, entity: lms, min: 50%}", "`share_in_by_1400` is not reported by this model"),
        ("{metric: peak_active_sessions, entity: web, policy: single-pool, value: 3}", "with policy `single-pool`: expectation 1 (`peak_active_sessions`): `web` is not a platform"),
    ])
    func refused(expectation: String, message: String) throws {
        let found = try Self.diagnostics(expectation)
        #expect(found.count == 1, "\(found)")
        let d = try #require(found.first)
        #expect(d.severity == .error)
        // The expectation is the last line of the file, written after `  - `.
        #expect(d.location.line == Self.model.split(separator: "\n", omittingEmptySubsequences: false).count + 1 && d.location.column == 5,
                "\(d.headline)")
        #expect(d.message.contains(message), "\(d.message)")
        #expect(d.message.contains("expectation 1 ("))
        #expect(d.description.contains("\n  - \(expectation)\n    ^"), "\(d.description)")
    }

    @Test("expectations check can resolve pass validation", arguments: [
        "{metric: utilization, entity: web, max: 1}",
        "{metric: peak_active_sessions, entity: lms, min: 1}",
        "{metric: share_in_by_0900, entity: pupils, min: 0}",
        "{metric: share_in_by_0900, entity: lms, min: 0}",
        "{metric: active_sessions, entity: lms, at: 08:30, min: 0}",
        "{metric: busy_workers, entity: web, from: 08:00, to: 09:00, min: 0}",
        "{metric: attack_offered, entity: ddos, min: 0}",
        "{metric: utilization, entity: web, policy: single-pool, max: 1}",
    ])
    func accepted(expectation: String) throws {
        #expect(try Self.diagnostics(expectation).isEmpty)
    }

    @Test("an expectation written in a base file is located in that file")
    func inBase() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("affluence-expect-\(UUID().uuidString)/models")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let base = folder.appendingPathComponent("base.yaml").path
        try (Self.model + "\n  - {metric: peak_active_sessions, entity: web, value: 3}\n").write(toFile: base, atomically: true, encoding: .utf8)
        let variant = folder.appendingPathComponent("variant.yaml").path
        try "extends: base.yaml\nname: variant\n".write(toFile: variant, atomically: true, encoding: .utf8)
        let found = ScenarioValidator.validate(file: variant, checks: [ExpectationTarget.validation])
        #expect(found.count == 1 && found.first?.location.file == base, "\(found.map(\.headline))")
    }

    @Test("check refuses the model as invalid before running it")
    func checkAgrees() throws {
        let path = try TempModel.write(Self.model + "\n  - {metric: peak_active_sessions, entity: web, value: 3}\n")
        let report = ModelCheck.run(file: path, budget: CheckBudget(.declared), jobs: 1)
        #expect(report.isInvalid && report.outcomes.isEmpty && report.events == 0)
        #expect(report.diagnostics.contains { $0.message.contains("`web` is not a platform") })
    }

    @Test("without the check the scenario layer alone accepts such a model (the check is what refuses it)")
    func theCheckDecides() throws {
        let path = try TempModel.write(Self.model + "\n  - {metric: peak_active_sessions, entity: web, value: 3}\n")
        #expect(ScenarioValidator.validate(file: path).isEmpty)
    }
}

@Suite("the repository's models pass the expectation check")
struct RepositoryExpectationTests {
    @Test("every model under models/ validates with its expectations checked")
    func models() throws {
        let report = try ScenarioValidator.validate(paths: [TempModel.repositoryRoot + "/models"], checks: [ExpectationTarget.validation])
        #expect(report.files.count >= 10)
        #expect(report.isValid, "\(report.diagnostics.map(\.headline))")
    }
}
