import Scenario
import Testing
@testable import World

/// Legal but extreme values (heavy tails without a mean, delays of 1e300 s, pools at the
/// largest worker count) that once trapped `run` although `validate` accepted them. Each
/// is validated and then run to its horizon: it must finish with a whole set of finite,
/// non-negative counts, and what the value means must show (a timeout of 1e300 s never
/// fires, a think time of 1e308 s ends every session after one page).
@Suite("Extreme legal values run to the horizon")
struct ExtremeValueRunTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        /// Replaced in ``base``, left to right.
        let edits: [(String, String)]
        var testDescription: String { name }
    }

    /// A 10 min morning on one small pool, with a fluid attack in the middle.
    static let base = """
        version: 1
        start: 08:00
        duration: 10min
        seed: 7
        behaviours:
          - {id: b, pages_per_session: 3, requests_per_page: 2, think_time: exponential(mean: 20s), client_timeout: 10s,
             patience: exponential(mean: 5min), retry_delay: exponential(mean: 15s)}
        segments:
          - {id: s, size: 300, platforms: lms, behaviour: b, intent: {curves: [{points: [[08:00, 1], [08:10, 1]]}]}}
        platforms:
          - {id: lms, pools: web}
        pools:
          - {id: web, servers: 5, service_time: exponential(mean: 50ms)}
        attacks:
          - {id: a, target: web, rate: 10/s, mode: fluid, windows: [{from: 08:03, to: 08:05}]}

        """

    static let cases: [Case] = [
        Case(name: "think time with a mean of 1e308 s", edits: [("think_time: exponential(mean: 20s)", "think_time: exponential(mean: 1e308s)")]),
        Case(name: "think time lognormal(mu: 1000)", edits: [("think_time: exponential(mean: 20s)", "think_time: lognormal(mu: 1000, sigma: 0.6)")]),
        Case(name: "think time empirical up to 1e300 s", edits: [("think_time: exponential(mean: 20s)", "think_time: empirical(values: [1s, 1e300s])")]),
        Case(name: "think time Pareto without a mean", edits: [("think_time: exponential(mean: 20s)", "think_time: pareto(shape: 0.1, scale: 1s)")]),
        Case(name: "client timeout of 1e300 s", edits: [("client_timeout: 10s", "client_timeout: 1e300s")]),
        Case(name: "patience with a mean of 1e308 s", edits: [("patience: exponential(mean: 5min)", "patience: exponential(mean: 1e308s)")]),
        Case(name: "retry delay Pareto without a mean", edits: [("retry_delay: exponential(mean: 15s)", "retry_delay: pareto(shape: 0.1, scale: 1s)")]),
        Case(name: "service time Pareto without a mean", edits: [("service_time: exponential(mean: 50ms)", "service_time: pareto(shape: 0.1, scale: 1ms)")]),
        Case(name: "service time Pareto without a variance", edits: [("service_time: exponential(mean: 50ms)", "service_time: pareto(shape: 1.5, scale: 1ms)")]),
        Case(name: "service time lognormal(mu: 1000)", edits: [("service_time: exponential(mean: 50ms)", "service_time: lognormal(mu: 1000, sigma: 0.6)")]),
        Case(name: "single-request pages, Pareto service without a mean",
             edits: [("requests_per_page: 2", "requests_per_page: 1"), ("service_time: exponential(mean: 50ms)", "service_time: pareto(shape: 0.1, scale: 1ms)")]),
        Case(name: "pages per session Pareto without a variance", edits: [("pages_per_session: 3", "pages_per_session: pareto(shape: 1.5, scale: 1)")]),
        Case(name: "requests per page Pareto without a mean", edits: [("requests_per_page: 2", "requests_per_page: pareto(shape: 0.1, scale: 1)")]),
        Case(name: "login cost of 1e12 pages", edits: [("requests_per_page: 2,", "requests_per_page: 2, login_cost: 1e12,")]),
        Case(name: "the largest pool", edits: [("servers: 5,", "servers: 2147483647,")]),
        Case(name: "a capacity change to the largest pool", edits: [("servers: 5,", "servers: 5, capacity_schedule: [{at: 08:04, servers: 2147483647}],")]),
        Case(name: "a fluid attack just under the rate bound", edits: [("rate: 10/s", "rate: 1e13/s")]),
        Case(name: "a fluid attack costing 1e300 s a request", edits: [("mode: fluid", "mode: fluid, request_cost: 1e300s")]),
        Case(name: "a discrete attack costing a Pareto without a mean",
             edits: [("mode: fluid", "mode: discrete, request_cost: pareto(shape: 0.1, scale: 1ms)")]),
    ]

    @Test("validates, runs to the horizon and records finite, non-negative counts", arguments: cases)
    func runs(_ c: Case) throws {
        var text = Self.base
        for (old, new) in c.edits {
            #expect(text.contains(old), "\(c.name): `\(old)` is not in the base model")
            text = text.replacingOccurrences(of: old, with: new)
        }
        let scenario = try Models.load(text: text, name: "extreme.yaml")
        var world = try World(scenario: scenario)
        let result = world.run()
        #expect(result.intervalCount == 10)
        #expect(result.events > 0)
        for s in result.series {
            #expect(s.values.count == 10, "\(c.name): \(s.entity).\(s.metric) has \(s.values.count) values")
        }
        for metric in ["arrived", "served", "timed_out", "rejected"] {
            let values = try #require(result.series(metric, "web"))
            #expect(values.allSatisfy { $0.isFinite && $0 >= 0 }, "\(c.name): web.\(metric) = \(values)")
        }
        for metric in ["attempts_first", "admitted", "pages_ok", "page_timeouts"] {
            let values = try #require(result.series(metric, "lms"))
            #expect(values.allSatisfy { $0.isFinite && $0 >= 0 }, "\(c.name): lms.\(metric) = \(values)")
        }
        #expect(try #require(result.series("attempts_first", "lms")).reduce(0, +) > 0, "\(c.name): nobody came")
    }

    /// What the extreme values mean, not only that they do not trap.
    @Test("a timeout of 1e300 s never fires; a think time of 1e308 s ends every session after its first page")
    func meanings() throws {
        let patient = try Models.load(text: Self.base.replacingOccurrences(of: "client_timeout: 10s", with: "client_timeout: 1e300s"), name: "t.yaml")
        var world = try World(scenario: patient)
        #expect(try #require(world.run().series("page_timeouts", "lms")).reduce(0, +) == 0)

        let slow = try Models.load(text: Self.base.replacingOccurrences(of: "think_time: exponential(mean: 20s)", with: "think_time: exponential(mean: 1e308s)"), name: "k.yaml")
        world = try World(scenario: slow)
        let result = world.run()
        let pages = try #require(result.series("pages_ok", "lms")).reduce(0, +)
        let logins = try #require(result.series("successful_logins", "lms")).reduce(0, +)
        #expect(pages > 0 && pages <= logins, "pages \(pages), logins \(logins)")
    }

    @Test("a run recording more intervals × series than the bound is refused before it starts, naming the figures")
    func outputBound() throws {
        let scenario = try Models.load(text: Self.base.replacingOccurrences(of: "duration: 10min", with: "duration: 1h\nreport_interval: 1ms"), name: "r.yaml")
        let error = try #require(throws: WorldBuildError.self) { _ = try World(scenario: scenario) }
        let series = SeriesRecorder.count(for: try CompiledModel(scenario))
        #expect(error.message.contains("3600000 intervals × \(series) series"), "\(error.message)")
        #expect(error.message.contains("above the limit of 16.8M"), "\(error.message)")
    }

    @Test("the series count used by the output bound is the number of series a run records")
    func seriesCount() throws {
        let scenario = try Models.load(text: Self.base, name: "c.yaml")
        var world = try World(scenario: scenario)
        #expect(world.run().series.count == SeriesRecorder.count(for: try CompiledModel(scenario)))
    }
}
