import Foundation
import Testing
@testable import Experiments
import Scenario

/// `compare --metric metric@entity` (issue 19, class 4): a selector that would read
/// nothing (rows with n=0) is refused, saying what is expected or known.
@Suite("compare metric selectors")
struct CompareMetricTests {
    @Test("malformed or unknown selectors are refused when parsed", arguments: [
        ("x@@y", "`x` is not a summary metric of the catalogue"),
        ("utilization@@y", "`@y` is not an entity"),
        ("utilization", "expected metric@entity"),
        ("@web", "expected metric@entity"),
        ("utilization@", "expected metric@entity"),
        ("utilization@a++b", "`a++b` is not an entity"),
        ("utilization@a+", "`a+` is not an entity"),
        ("utilisation@web", "did you mean utilization?"),
        ("share_in_by_09@pupils", "`share_in_by_09` is not a summary metric"),
        ("peak_sessions@lms", "is not a summary metric"),
    ])
    func malformed(text: String, message: String) {
        do {
            _ = try CompareMetric.parse(text)
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.description.hasPrefix("--metric \(text): "))
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    @Test("well-formed selectors parse", arguments: [
        "utilization@web", "share_in_by_0900@pupils", "refusals_per_success@*", "forced_logouts@a+b", "share_in@seg@lms",
    ])
    func wellFormed(text: String) throws {
        #expect(try CompareMetric.parse(text).description == text)
    }

    static let model = """
        version: 1
        start: 07:00
        end: 10:00
        segments:
          - {id: secondary, size: 3000, platforms: lms, intent: {bumps: [{at: 08:00, sd: 20min}]}}
          - {id: teachers, size: 300, platforms: lms, intent: {bumps: [{at: 08:00, sd: 20min}]}}
        platforms: [{id: lms, pools: web}]
        pools:
          - {id: web, servers: 2, service_time: exponential(mean: 50ms)}
          - {id: db, servers: 1, service_time: exponential(mean: 10ms)}
        """

    @Test("a selector the model cannot answer says why", arguments: [
        ("utilization@nope", "the model has no entity `nope`"),
        ("utilization@webb", "did you mean `web`?"),
        ("utilization@lms", "`lms` (a platform) does not report `utilization`"),
        ("refusals_per_success@web", "`web` (a pool) does not report `refusals_per_success`"),
        ("mean_time_to_first_page_s@lms", "`lms` (a platform) does not report"),
        ("share_in_by_0930@pupils", "`share_in_by_0930` is not reported by this model (checkpoints inside its run: share_in_by_0800, share_in_by_0900, share_in_by_1000)"),
        ("share_in_by_1400@lms", "`share_in_by_1400` is not reported by this model"),
        ("utilization@pupils", "`pupils` pools segments only for"),
        ("utilization@*", "`*` pools platforms only for"),
        ("utilization@web+db", "`web` cannot be pooled with others for `utilization`"),
        ("share_in_by_0900@secondary+lms", "`lms` cannot be pooled"),
    ])
    func unanswerable(text: String, message: String) throws {
        let scenario = try ScenarioLoader.load(text: Self.model, path: "compare.yaml")
        let problem = try #require(try CompareMetric.parse(text).problem(in: scenario), "\(text) was accepted")
        #expect(problem.contains(message), "\(problem)")
    }

    @Test("a selector the model answers reads a figure in a run", arguments: [
        "utilization@web", "utilization@db", "share_in_by_0900@pupils", "share_in_by_0900@lms", "share_in_by_1000@secondary+teachers",
        "mean_time_to_first_page_s@pupils", "refusals_per_success@*", "forced_logouts@lms", "share_never_in@teachers",
    ])
    func answerable(text: String) throws {
        let scenario = try ScenarioLoader.load(text: Self.model, path: "compare.yaml")
        let selector = try CompareMetric.parse(text)
        #expect(selector.problem(in: scenario) == nil)
        let run = try #require(try Replications.run(scenario, indices: [0]).first)
        #expect(selector.value(in: run).isFinite, "\(text) reads NaN")
    }

    @Test("`pupils` needs a segment of pupils")
    func noPupils() throws {
        let scenario = try ScenarioLoader.load(text: Self.model.replacingOccurrences(of: "id: secondary", with: "id: staff"), path: "compare.yaml")
        let problem = try CompareMetric.parse("share_in_by_0900@pupils").problem(in: scenario)
        #expect(problem?.contains("no segment of pupils") == true)
    }
}
