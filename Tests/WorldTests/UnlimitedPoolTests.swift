#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Experiments
import Scenario
import Testing
import World

/// `servers: unlimited`: the M/G/∞ queue. Stationary, the busy servers average λ·E[S]
/// whatever the service-time law; nobody waits; a request's response is its own service
/// time, so the share answered within T is the service-time CDF G(T). The time-varying
/// case is `models/validation/mtg-infinity.yaml` (InfiniteServerTests).
@Suite("unlimited pools: M/G/∞")
struct UnlimitedPoolTests {
    static let model = """
        version: 1
        duration: 10h
        warmup: 1h
        replications: 10
        sources: [{id: arrivals, rate: 5/s, pool: farm}]
        pools:
          - {id: farm, servers: unlimited, service_time: "lognormal(mean: 2s, cv: 1.5)", service_level: {wait: 0s, response: 2s}}
        """

    @Test("busy servers average λ·E[S]; nobody waits or is refused; utilisation and workers are undefined; within T is G(T)")
    func stationary() throws {
        let scenario = try Models.load(text: Self.model, name: "validation/_unlimited.yaml")
        let runs = try replicate(scenario, 10)
        let confidence = familyConfidence(comparisons: 2)
        #expect(agrees(try runs.map { try $0.value("busy_workers", "farm") }, 5 * 2, confidence: confidence))
        // lognormal(mean 2, cv 1.5): σ² = ln(1 + cv²), m = ln 2 − σ²/2, so G(2) = Φ(σ/2) = erfc(−σ/(2√2))/2.
        let sigma = log(1 + 1.5 * 1.5).squareRoot()
        let g = 0.5 * erfc(-sigma / (2 * 2.0.squareRoot()))
        #expect(agrees(try runs.map { try $0.value("share_response_within_target", "farm") }, g, confidence: confidence))
        for run in runs {
            for metric in ["p_wait", "mean_wait", "mean_queue", "p_blocked", "p_wait_over_target"] {
                #expect(try run.value(metric, "farm") == 0, "\(metric)")
            }
            #expect(try run.value("utilization", "farm").isNaN)
            #expect(try run.values("workers", "farm").allSatisfy(\.isNaN))
            #expect(try run.values("utilization", "farm").allSatisfy(\.isNaN))
        }
    }

    @Test("the analytic twin sees unbounded workers and no wait; the exact twin refuses the pool and says why")
    func twins() throws {
        let scenario = try Models.load(text: Self.model.replacingOccurrences(of: "lognormal(mean: 2s, cv: 1.5)", with: "exponential(mean: 2s)"),
                                       name: "validation/_unlimited-twins.yaml")
        let twin = try AnalyticTwin(scenario)
        for p in twin.pools {
            #expect(p.workers == .max && p.wait == 0)
            #expect(abs(p.offeredLoad - 10) < 0.5, "\(p.offeredLoad)")
        }
        #expect {
            try ExactTwin(scenario)
        } throws: { error in
            "\(error)".contains("unlimited")
        }
    }

    @Test("an attack on an unlimited pool is refused by name, not run against unbounded capacity")
    func attackRefused() throws {
        let scenario = try Models.load(text: """
            version: 1
            duration: 1h
            sources: [{id: arrivals, rate: 1/s, pool: farm}]
            pools: [{id: farm, servers: unlimited, service_time: 1s}]
            attacks: [{id: ddos, target: farm, rate: 5/s, windows: [{from: 00:10, to: 00:20}]}]
            """, name: "validation/_unlimited-attack.yaml")
        #expect {
            try replicate(scenario, 1)
        } throws: { error in
            "\(error)".contains("attack 'ddos'") && "\(error)".contains("unlimited")
        }
    }
}
