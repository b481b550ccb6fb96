import Experiments
import Output
import Scenario
import Testing
@testable import World

/// Each policy over the day: the series behind the compared figures, chosen from the
/// catalogue for what the model has, summed over a group, averaged with a 95% band.
@Suite("compare: the series behind the compared figures, per policy over the day")
struct CompareDaySeriesTests {
    /// Pupils in two segments (and teachers, who are not pupils), one platform behind a session cap.
    static let model = """
        version: 1
        name: day
        start: 07:00
        end: 09:30
        report_interval: 5min
        replications: 3
        seed: 5
        behaviours:
          - {id: b, pages_per_session: exponential(mean: 4), think_time: exponential(mean: 30s), requests_per_page: 2, login_cost: 2,
             client_timeout: 30s, patience: exponential(mean: 20min), retry_delay: exponential(mean: 1min), retry_probability: 100%}
        segments:
          - {id: secondary, size: 3000, active_share: 80%, platforms: web, behaviour: b, intent: {bumps: [{at: 08:00, sd: 20min}]}}
          - {id: primary, size: 2000, active_share: 80%, platforms: web, behaviour: b, intent: {bumps: [{at: 08:30, sd: 20min}]}}
          - {id: teachers, size: 500, active_share: 90%, platforms: web, behaviour: b, intent: {bumps: [{at: 07:45, sd: 15min}]}}
        platforms:
          - {id: web, pools: web, gate: [cap]}
        pools:
          - {id: web, servers: 2, workers_per_server: 2, queue_limit: 200, service_time: exponential(mean: 50ms)}
        gates:
          - {id: cap, session_cap: {max_sessions: 80, refusal: edge}}
        policies:
          bigger: {description: a bigger cap, set: {gates.cap.session_cap.max_sessions: 95}}
        """

    static func scenarios() throws -> [(String, Scenario)] {
        [("base", try ScenarioLoader.load(text: model, path: "day.yaml")),
         ("bigger", try ScenarioLoader.load(text: model, path: "day.yaml", policy: "bigger"))]
    }

    /// Equal element by element, NaN equal to NaN.
    static func same(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }

    @Test("the default metrics are drawn as the pupils' first pages, the refusals of every platform and the busiest platform's failed answers")
    func defaultsOverTheDay() throws {
        let scenarios = try Self.scenarios()
        let metrics = CompareMetric.defaults(for: scenarios.map(\.1))
        #expect(metrics.map(\.description) == ["share_in_by_0800@pupils", "share_in_by_0900@pupils", "mean_time_to_first_page_s@pupils",
                                               "refusals_per_success@*", "saturation_onset_clock_s@web", "saturated_until_clock_s@web"])
        let series = DaySeries.of(metrics, in: scenarios[0].1)
        #expect(series.map(\.description) == ["first_ins@pupils", "refused@*", "error_share@web"])
        #expect(series.map(\.kind) == ["segment", "platform", "platform"])
        // A share of a group does not add up: no series.
        #expect(CompareMetric(metric: "utilization", entity: "web+other").daySeries(in: scenarios[0].1) == nil)
    }

    @Test("each run keeps its series (a group's is its members' sum); the table averages them per policy with a t band")
    func runsAndTable() throws {
        let scenarios = try Self.scenarios()
        let metrics = CompareMetric.defaults(for: scenarios.map(\.1))
        let result = try Compare.run(scenarios, baseline: "base", metrics: metrics, stopping: .fixed(3), seed: 7, jobs: 2)
        #expect(result.daySeries.count == 3)
        for policy in ["base", "bigger"] {
            let runs = try #require(result.runs[policy]), days = try #require(result.dayRuns[policy])
            #expect(days.count == 3)
            for (run, day) in zip(runs, days) {
                #expect(day.interval == 300)
                let secondary = try #require(run.series("first_ins", "secondary")), primary = try #require(run.series("first_ins", "primary"))
                #expect(Self.same(day.values[0], zip(secondary, primary).map(+)), "pupils: secondary + primary, not teachers")
                #expect(Self.same(day.values[1], try #require(run.series("refused", "web"))))
                #expect(Self.same(day.values[2], try #require(run.series("error_share", "web"))))
            }
        }
        // The pupils got in at some point, and the cap refused some of them.
        #expect(result.dayRuns["base"]!.contains { $0.values[0].contains { $0 > 0 } })
        #expect(result.dayRuns["base"]!.contains { $0.values[1].contains { $0 > 0 } })

        let table = Compare.seriesTable(scenario: "day", series: result.daySeries, policies: result.policies, runs: result.dayRuns)
        let intervals = 30  // 07:00–09:30 in 5 min
        #expect(table.rows.count == 3 * 2 * intervals)
        #expect(table.rows.prefix(intervals).allSatisfy { $0.policy == "base" && $0.metric == "first_ins" && $0.entityID == "pupils" })
        #expect(table.rows[intervals].policy == "bigger")
        let busy = try #require(table.rows.first { $0.metric == "refused" && $0.policy == "base" && ($0.cell.mean ?? 0) > 0 })
        let i = Int(busy.intervalStart / 300)
        let figures = result.dayRuns["base"]!.map { $0.values[1][i] }
        let mean = figures.reduce(0, +) / 3
        let sd = (figures.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 2).squareRoot()
        let halfWidth = 4.302652729749464 * sd / 3.0.squareRoot()
        #expect(abs(busy.cell.mean! - mean) < 1e-9 * max(1, mean))
        #expect(abs(busy.cell.high! - (mean + halfWidth)) < 1e-9 * max(1, mean))
        #expect(busy.replications == 3)
        #expect(busy.unit == "count" && busy.entityKind == .platform && busy.entityID == "*")
        #expect(table.rows.first { $0.metric == "error_share" }?.unit == "share")
    }

    @Test("by hand: NaN left out of the mean and of n, one figure has no band, rows by series, policy, interval")
    func handWorked() {
        let series = [DaySeries(kind: "platform", entity: "web", metric: "error_share")]
        let runs: [String: [Compare.DayRun]] = [
            "a": [.init(interval: 60, values: [[0.1, .nan]]), .init(interval: 60, values: [[0.3, 0.5]])],
            "b": [.init(interval: 60, values: [[0, 0]])],
        ]
        let table = Compare.seriesTable(scenario: "s", series: series, policies: ["a", "b"], runs: runs)
        #expect(table.rows.map(\.policy) == ["a", "a", "b", "b"])
        #expect(table.rows.map(\.intervalStart) == [0, 60, 0, 60])
        #expect(table.rows.map(\.replications) == [2, 1, 1, 1])
        // 0.1 and 0.3: mean 0.2, s = √0.02, half-width t(0.975, 1) · s / √2 = 12.7062 × 0.1.
        let first = table.rows[0].cell
        #expect(abs(first.mean! - 0.2) < 1e-12)
        #expect(abs(first.high! - (0.2 + 1.2706204736174706)) < 1e-9)
        #expect(table.rows[1].cell == .init(mean: 0.5, low: nil, high: nil))
        #expect(table.rows[2].cell == .init(mean: 0, low: nil, high: nil))
    }
}
