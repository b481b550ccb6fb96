import Foundation
import Testing
@testable import Experiments
import Scenario
import Stochastics
import World

@Suite("analytic twin")
struct AnalyticTwinTests {
    /// On M_t/G/∞ the twin's offered load is the busy-server curve m(t) = ∫λ(t − u)(1 − G(u))du.
    ///
    /// The reference values are the model's own expectations: interval averages of m(t)
    /// integrated independently (scipy, see the model's header). The twin integrates the
    /// same formula numerically, so it must agree to 0.2%. The simulation agrees with both
    /// within its own 99.9% confidence interval (Student t over 10 replications) plus the
    /// twin's 0.2%: a tolerance from the run, not a fixed share.
    @Test("M_t/G/∞: twin, formula and simulation agree on the occupancy at several clock times")
    func infiniteServer() throws {
        let path = TempModel.repositoryRoot + "/models/validation/mtg-infinity.yaml"
        let scenario = try ScenarioLoader.load(path: path, overrides: [Override(path: "replications", value: "10")])
        let twin = try AnalyticTwin(scenario)
        let runs = try Replications.run(scenario, indices: Array(0..<scenario.replications), jobs: 2)
        let checks = scenario.expectations.filter { $0.metric == "busy_workers" && $0.at != nil }
        #expect(checks.count >= 5)
        for e in checks {
            let k = Int(((e.at! - scenario.start) / scenario.reportInterval).rounded(.down))
            let twinLoad = try #require(twin.pools.first { $0.pool == "infinite" && $0.interval == k }).offeredLoad
            let formula = try #require(e.value)
            #expect(abs(twinLoad - formula) <= 0.002 * formula, "at \(e.at!): twin \(twinLoad), formula \(formula)")
            let simulated = Estimate(runs.map { $0.series("busy_workers", "infinite")![k] })
            let t = StudentTQuantile.of(0.9995, simulated.count - 1)
            let band = t * simulated.standardDeviation / Double(simulated.count).squareRoot() + 0.002 * formula
            #expect(abs(simulated.mean - twinLoad) <= band, "at \(e.at!): simulated \(simulated.mean) ± \(band), twin \(twinLoad)")
        }
        // The peak of m lags the peak of λ (02:00); the pointwise-stationary load does not.
        let curve = twin.pools.filter { $0.pool == "infinite" }
        let peak = curve.max { $0.offeredLoad < $1.offeredLoad }!
        let psaPeak = curve.max { $0.psaOfferedLoad < $1.psaOfferedLoad }!
        #expect(peak.start > psaPeak.start)
        // Unlimited servers are never short: no wait.
        #expect(curve.allSatisfy { $0.wait == 0 || $0.wait < 1e-9 })
    }

    @Test("M/M/c: the twin's steady state is Erlang C")
    func stationary() throws {
        let path = TempModel.repositoryRoot + "/models/validation/mmc-erlang-c.yaml"
        let twin = try AnalyticTwin(try ScenarioLoader.load(path: path))
        let late = try #require(twin.pools.last)
        #expect(abs(late.offeredLoad - 9) < 1e-3)
        #expect(abs(late.wait - 0.668732) < 1e-4)
        // Square-root staffing with β = 1: ⌈9 + 3⌉ = 12 servers.
        #expect(late.serversNeeded == 12)
    }

    @Test("a platform's sessions follow the visits with the session's lag; pages load the pool accordingly")
    func platform() throws {
        let scenario = try ScenarioLoader.load(text: TempModel.platform, path: "tiny.yaml")
        let twin = try AnalyticTwin(scenario)
        let runs = try Replications.run(scenario, indices: [0, 1], jobs: 2)
        // Under no saturation (24 workers, a few busy), simulated sessions track the twin's within 15% + 10 at the busy hour.
        for p in twin.platforms where p.sessions > 100 {
            let simulated = runs.map { $0.series("active_sessions", "ent")![p.interval] }.reduce(0, +) / 2
            #expect(abs(simulated - p.sessions) <= 0.15 * p.sessions + 10, "interval \(p.interval): simulated \(simulated), twin \(p.sessions)")
        }
        let flags = TwinComparison.flags(twin: twin, runs: runs, platformsOfPool: TwinComparison.platformsOfPool(scenario))
        #expect(flags.isEmpty, "\(flags.map { "\($0.interval): \($0.simulated) vs \($0.twin) (\($0.reason))" })")
    }
}

enum StudentTQuantile {
    static func of(_ p: Double, _ df: Int) -> Double {
        Stochastics.StudentT.quantile(p, degreesOfFreedom: df)
    }
}
