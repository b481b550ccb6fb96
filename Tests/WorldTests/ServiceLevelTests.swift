#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QueueingTheory
import Testing
import World

/// The service-level figures of a pool (`service_level: {wait: t, response: T}`):
/// `p_wait_over_target` against Erlang C's tail P(W > t) = C(c, a)·e^{−(cμ−λ)t}, and
/// `share_response_within_target` against the M/M/c sojourn-time law P(W + S ≤ T)
/// (``MMc/probabilityResponseWithin(_:)``), each at 99.9% family-wise confidence.
@Suite("service levels: P(wait > t) and the response share, against M/M/c")
struct ServiceLevelTests {
    /// Three identical M/M/c pools, each fed by its own Poisson source, each with its own thresholds.
    static func model(servers c: Int, rate: Double, thresholds: [(wait: String, response: String)], hours: Int) -> String {
        var text = """
            version: 1
            duration: \(hours)h
            warmup: 1h
            replications: 10
            sources:

            """
        for k in thresholds.indices { text += "  - {id: s\(k), rate: \(rate)/s, pool: p\(k)}\n" }
        text += "pools:\n"
        for (k, t) in thresholds.enumerated() {
            text += "  - {id: p\(k), servers: \(c), service_time: exponential(mean: 1s), service_level: {wait: \(t.wait), response: \(t.response)}}\n"
        }
        return text
    }

    static let thresholds: [(wait: String, response: String)] = [("0s", "0.5s"), ("500ms", "1500ms"), ("2s", "3s")]
    static func seconds(_ text: String) -> Double {
        text.hasSuffix("ms") ? Double(text.dropLast(2))! / 1000 : Double(text.dropLast())!
    }

    /// c = 10, λ = 9 (γ = cμ − λ = μ: the hypoexponential's equal-rate limit) and c = 3, λ = 2.4 (γ = 0.6 ≠ μ).
    @Test("p_wait_over_target is C·e^{−(cμ−λ)t}; share_response_within_target is P(W + S ≤ T)",
          arguments: [(10, 9.0, 20), (3, 2.4, 40)])
    func mmc(_ c: (servers: Int, rate: Double, hours: Int)) throws {
        let scenario = try Models.load(text: Self.model(servers: c.servers, rate: c.rate, thresholds: Self.thresholds, hours: c.hours),
                                       name: "validation/_service-level.yaml")
        let runs = try replicate(scenario, 10)
        let theory = MMc(servers: c.servers, arrivalRate: c.rate, serviceRate: 1)
        let confidence = familyConfidence(comparisons: 2 * Self.thresholds.count)
        for (k, t) in Self.thresholds.enumerated() {
            let over = try runs.map { try $0.value("p_wait_over_target", "p\(k)") }
            let within = try runs.map { try $0.value("share_response_within_target", "p\(k)") }
            let wait = Self.seconds(t.wait), response = Self.seconds(t.response)
            #expect(agrees(over, theory.probabilityWaitExceeds(wait), confidence: confidence), "P(W > \(wait)) at c = \(c.servers)")
            #expect(agrees(within, theory.probabilityResponseWithin(response), confidence: confidence), "P(W + S ≤ \(response)) at c = \(c.servers)")
        }
        // A zero wait threshold is Erlang C's P(wait) itself, run by run.
        for run in runs {
            #expect(try run.value("p_wait_over_target", "p0") == run.value("p_wait", "p0"))
        }
    }

    /// Erlang B with a deterministic 1 s service: every served request is answered in 1 s,
    /// so the share within 1.5 s is the share not blocked, 1 − B(c, a): a refused request
    /// counts against the objective, not out of it.
    @Test("a request rejected by a full queue is not within the response target: the share is 1 − B(c, a)")
    func lossCountsAgainstTheTarget() throws {
        let scenario = try Models.load(text: """
            version: 1
            duration: 20h
            warmup: 1h
            replications: 10
            sources: [{id: s, rate: 4/s, pool: trunks}]
            pools: [{id: trunks, servers: 5, queue_limit: 0, service_time: 1s, service_level: {response: 1.5s}}]
            """, name: "validation/_service-level-loss.yaml")
        let runs = try replicate(scenario, 10)
        let within = try runs.map { try $0.value("share_response_within_target", "trunks") }
        #expect(agrees(within, 1 - erlangB(servers: 5, load: 4), confidence: 0.999))
        // Run by run, exactly: served / (served + rejected) over the measured intervals (after the 1 h warm-up).
        for run in runs {
            let measured = run.interval(at: run.startClock + 3600)..<run.intervalCount
            let served = try run.sum("served", "trunks", measured), rejected = try run.sum("rejected", "trunks", measured)
            #expect(try abs(run.value("share_response_within_target", "trunks") - served / (served + rejected)) < 1e-12)
        }
    }

    @Test("the figures are shares, written only for a pool with a service level")
    func unitsAndPresence() throws {
        #expect(MetricUnits.unit(of: "p_wait_over_target") == "share")
        #expect(MetricUnits.unit(of: "share_response_within_target") == "share")
        let scenario = try Models.load(text: """
            version: 1
            duration: 1h
            sources: [{id: a, rate: 1/s, pool: x}, {id: b, rate: 1/s, pool: y}]
            pools:
              - {id: x, servers: 2, service_time: exponential(mean: 0.5s), service_level: {wait: 1s}}
              - {id: y, servers: 2, service_time: exponential(mean: 0.5s)}
            """, name: "validation/_service-level-presence.yaml")
        let run = try #require(try replicate(scenario, 1).first)
        #expect(run.summary("p_wait_over_target", "x") != nil)
        #expect(run.summary("share_response_within_target", "x") == nil)
        #expect(run.summary("p_wait_over_target", "y") == nil)
    }
}
