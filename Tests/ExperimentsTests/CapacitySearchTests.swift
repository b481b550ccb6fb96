import Foundation
import QueueingTheory
import Testing
@testable import Experiments
import Scenario
import World

/// `capacity` against Erlang C on the stationary M/M/c model (λ = 9/s, μ = 1/s).
///
/// The objectives sit between two consecutive c's Erlang-C figures, far from either
/// (Erlang C: Wq = 0.669, 0.215, 0.089, 0.039, 0.018 s; Lq = 6.02, 1.94, 0.80, 0.35, 0.16;
/// P(wait) = 0.669, 0.430, 0.266, 0.158, 0.089 for c = 10…14), so the answer is not on a
/// knife-edge: at 4 replications of 6 h (about 200,000 customers each) the 95% half-width
/// of each figure is a few percent, and every threshold is at least 25% from the nearest
/// c's value.
@Suite("capacity search against Erlang C")
struct CapacitySearchTests {
    /// Runs of the M/M/c model per c, shared by the objectives (the same replications: CRN).
    final class Runs: @unchecked Sendable {
        let path: String
        var cache: [Int: [RunResult]] = [:]
        let lock = NSLock()
        init() throws {
            let text = try TempModel.edited(try TempModel.model("validation/mmc-erlang-c.yaml"),
                                            [("duration: 50h", "duration: 6h"), ("warmup: 1h", "warmup: 30min"), ("replications: 10", "replications: 4")])
            path = try TempModel.write(text)
        }

        /// Held while running: the parallel tests wait for a c another one is running.
        func runs(servers c: Int) throws -> [RunResult] {
            lock.lock()
            defer { lock.unlock() }
            if let done = cache[c] { return done }
            let scenario = try ScenarioLoader.load(path: path, overrides: [Override(path: "pools.servers.servers", value: "\(c)")])
            let runs = try Replications.run(scenario, indices: Array(0..<scenario.replications), jobs: 2)
            cache[c] = runs
            return runs
        }
    }

    static let shared = Result(catching: { try Runs() })

    /// Each objective and the same objective on Erlang C's figures.
    static func erlang(_ objective: String, _ m: MMc) -> Bool {
        switch objective {
        case "mean_wait <= 300ms": m.meanWait <= 0.3
        case "mean_queue <= 0.5": m.meanQueueLength <= 0.5
        case "p_wait <= 12%": m.probabilityOfWait <= 0.12
        default: false
        }
    }

    @Test("the smallest c meeting the objective is Erlang C's", arguments: ["mean_wait <= 300ms", "mean_queue <= 0.5", "p_wait <= 12%"])
    func matchesErlangC(objective: String) throws {
        let runs = try Self.shared.get()
        let slo = try SLOParser.parse(objective)
        let outcome = try CapacitySearch.search(range: 10...20) { c in slo.evaluate(try runs.runs(servers: c)) }
        let expected = (10...20).first { Self.erlang(objective, MMc(servers: $0, arrivalRate: 9, serviceRate: 1)) }
        #expect(expected != nil)
        #expect(outcome.answer == expected, "\(objective): capacity \(String(describing: outcome.answer)), Erlang C \(String(describing: expected))")
        // The answer holds with confidence, and one server fewer fails.
        #expect(outcome.atAnswer?.confident == true)
        if let below = outcome.belowAnswer { #expect(!below.holds) }
    }

    @Test("a range with no value meeting the objective gives no answer")
    func noAnswer() throws {
        let runs = try Self.shared.get()
        let slo = try SLOParser.parse("p_wait <= 12%")
        let outcome = try CapacitySearch.search(range: 10...11) { c in slo.evaluate(try runs.runs(servers: c)) }
        #expect(outcome.answer == nil)
        #expect(outcome.evaluations.count == 1)
    }

    @Test("without a range the search doubles from 1, then bisects")
    func doubling() throws {
        var seen: [Int] = []
        let outcome = try CapacitySearch.search(range: nil) { v in
            seen.append(v)
            // A verdict with no missing term and no failing check holds.
            return SLOVerdict(slo: SLO.noSaturation, checks: [], missing: v >= 37 ? [] : SLO.noSaturation.terms)
        }
        #expect(outcome.answer == 37)
        #expect(seen == [1, 2, 4, 8, 16, 32, 64, 48, 40, 36, 38, 37])
        let never = try CapacitySearch.search(range: nil, ceiling: 64) { _ in
            SLOVerdict(slo: SLO.noSaturation, checks: [], missing: SLO.noSaturation.terms)
        }
        #expect(never.answer == nil)
    }
}
