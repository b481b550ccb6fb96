import Foundation
import Testing
@testable import QueueingTheory

/// |x − expected| ≤ tolerance · max(1, |expected|): for comparing formulas evaluated in double
/// precision with exact values, where only rounding separates them.
func close(_ x: Double, _ expected: Double, _ tolerance: Double = 1e-11) -> Bool {
    abs(x - expected) <= tolerance * max(1, abs(expected))
}

/// Erlang B and C for c servers offered a erlangs, computed exactly with mpmath (50 digits) from
/// the defining sums: B = (aᶜ/c!) / Σₖ₌₀ᶜ aᵏ/k!, C = cB / (c − a(1 − B)), Wq = C / (c − a) for μ = 1.
/// The B values agree with the classical Erlang B tables (e.g. B(10, 5) = 0.01838).
struct ErlangCase: Sendable, CustomTestStringConvertible {
    let servers: Int
    let load: Double
    let blocking: Double
    let waitProbability: Double
    let meanWaitAtUnitServiceRate: Double
    var testDescription: String { "c = \(servers), a = \(load)" }
}

let erlangCases: [ErlangCase] = [
    ErlangCase(servers: 1, load: 0.5, blocking: 1.0 / 3, waitProbability: 0.5, meanWaitAtUnitServiceRate: 1),
    ErlangCase(servers: 2, load: 1, blocking: 0.2, waitProbability: 1.0 / 3, meanWaitAtUnitServiceRate: 1.0 / 3),
    ErlangCase(servers: 5, load: 3, blocking: 0.11005434782608696, waitProbability: 0.23615160349854227,
               meanWaitAtUnitServiceRate: 0.11807580174927114),
    ErlangCase(servers: 10, load: 5, blocking: 0.018384570336648133, waitProbability: 0.036105359158320186,
               meanWaitAtUnitServiceRate: 0.0072210718316640372),
    ErlangCase(servers: 10, load: 9, blocking: 0.16796322629158645, waitProbability: 0.668731524107697,
               meanWaitAtUnitServiceRate: 0.668731524107697),
    ErlangCase(servers: 50, load: 47.5, blocking: 0.078175603890340116, waitProbability: 0.62909472991517184,
               meanWaitAtUnitServiceRate: 0.25163789196606874),
    ErlangCase(servers: 100, load: 80, blocking: 0.0039920286045531975, waitProbability: 0.019646426634359511,
               meanWaitAtUnitServiceRate: 0.00098232133171797557),
    ErlangCase(servers: 1000, load: 950, blocking: 0.0036492936889424099, waitProbability: 0.068253415377141424,
               meanWaitAtUnitServiceRate: 0.0013650683075428285),
]

@Suite("Erlang B and Erlang C")
struct ErlangTests {
    @Test("Erlang B matches the exact sum", arguments: erlangCases)
    func erlangBValues(_ c: ErlangCase) {
        #expect(close(erlangB(servers: c.servers, load: c.load), c.blocking), "B = \(erlangB(servers: c.servers, load: c.load))")
    }

    @Test("Erlang C: P(wait), Wq, Lq and W match the exact values", arguments: erlangCases)
    func erlangCValues(_ c: ErlangCase) {
        // μ = 1 and μ = 2.5 (λ scaled with it): P(wait) depends on a only, Wq scales as 1/μ.
        for mu in [1.0, 2.5] {
            let q = MMc(servers: c.servers, arrivalRate: c.load * mu, serviceRate: mu)
            #expect(close(q.offeredLoad, c.load, 1e-15))
            #expect(close(q.utilization, c.load / Double(c.servers), 1e-15))
            #expect(q.isStable)
            #expect(close(q.probabilityOfWait, c.waitProbability), "C = \(q.probabilityOfWait)")
            #expect(close(q.meanWait, c.meanWaitAtUnitServiceRate / mu), "Wq = \(q.meanWait)")
            #expect(close(q.meanQueueLength, c.load * mu * q.meanWait, 1e-14))  // Little
            #expect(close(q.meanResponse, q.meanWait + 1 / mu, 1e-14))
            #expect(close(q.probabilityWaitExceeds(0), q.probabilityOfWait, 1e-14))
            let t = 0.7
            #expect(close(q.probabilityWaitExceeds(t),
                          c.waitProbability * exp(-(Double(c.servers) - c.load) * mu * t)))
        }
    }

    @Test("M/M/1 at ρ = 0.5 and μ = 1: P(wait) = 0.5 and Wq = 1")
    func mm1() {
        let q = MMc(servers: 1, arrivalRate: 0.5, serviceRate: 1)
        #expect(close(q.probabilityOfWait, 0.5, 1e-15))
        #expect(close(q.meanWait, 1, 1e-15))
        #expect(close(q.meanQueueLength, 0.5, 1e-15))
        #expect(close(q.meanResponse, 2, 1e-15))
        // M/M/1 in general: P(wait) = ρ, Wq = ρ / (μ − λ).
        for (lambda, mu) in [(0.1, 1.0), (3.0, 4.0), (0.99, 1.0)] {
            let m = MMc(servers: 1, arrivalRate: lambda, serviceRate: mu)
            #expect(close(m.probabilityOfWait, lambda / mu, 1e-13))
            #expect(close(m.meanWait, lambda / mu / (mu - lambda), 1e-12))
        }
    }

    @Test("an unstable M/M/c waits always and forever", arguments: [(2, 2.0), (2, 3.0), (10, 10.0)])
    func unstable(servers: Int, arrivalRate: Double) {
        let q = MMc(servers: servers, arrivalRate: arrivalRate, serviceRate: 1)
        #expect(!q.isStable)
        #expect(q.probabilityOfWait == 1)
        #expect(q.meanWait == .infinity)
        #expect(q.probabilityWaitExceeds(100) == 1)
    }

    @Test("Erlang B edge cases: no servers block everything, no load blocks nothing, more servers block less")
    func erlangBEdges() {
        #expect(erlangB(servers: 0, load: 3) == 1)
        #expect(erlangB(servers: 0, load: 0) == 1)
        #expect(erlangB(servers: 4, load: 0) == 0)
        #expect(close(erlangB(servers: 1, load: 2), 2.0 / 3, 1e-15))  // a / (1 + a)
        var previous = 1.0
        for c in 1...200 {
            let b = erlangB(servers: c, load: 40)
            #expect(b < previous)
            previous = b
        }
        // Thousands of servers without overflow: B stays a probability.
        let huge = erlangB(servers: 20_000, load: 19_900)
        #expect(huge > 0 && huge < 1)
    }
}

/// The M/M/c sojourn-time law (``MMc/probabilityResponseWithin(_:)``) against the same
/// law integrated numerically: P(W + S ≤ T) = (1 − C)·G(T) + C·∫₀ᵀ γe^{−γw}·G(T − w) dw,
/// G(x) = 1 − e^{−μx}, which does not use the hypoexponential closed form.
@Suite("M/M/c: the sojourn-time distribution")
struct MMcSojournTests {
    static func integrated(_ m: MMc, _ t: Double) -> Double {
        let gamma = Double(m.servers) * m.serviceRate - m.arrivalRate
        let c = m.probabilityOfWait
        let g = { (x: Double) in 1 - exp(-m.serviceRate * x) }
        let n = 20_000
        let h = t / Double(n)
        var sum = 0.0
        for i in 0...n {
            let w = Double(i) * h
            let weight: Double = (i == 0 || i == n) ? 1 : (i % 2 == 1 ? 4 : 2)
            sum += weight * gamma * exp(-gamma * w) * g(t - w)
        }
        return (1 - c) * g(t) + c * sum * h / 3
    }

    @Test("closed form = numerical convolution, including γ = μ", arguments: [(10, 9.0), (3, 2.4), (2, 1.0), (1, 0.5), (50, 45.0)])
    func closedFormMatchesIntegral(_ c: (servers: Int, lambda: Double)) {
        let m = MMc(servers: c.servers, arrivalRate: c.lambda, serviceRate: 1)
        for t in [0.1, 0.5, 1, 2, 5, 20] {
            #expect(abs(m.probabilityResponseWithin(t) - Self.integrated(m, t)) < 1e-9, "c = \(c.servers), λ = \(c.lambda), T = \(t)")
        }
        #expect(m.probabilityResponseWithin(0) == 0)
        #expect(abs(m.probabilityResponseWithin(1e3) - 1) < 1e-12)
    }
}
