import Foundation
import Testing
@testable import QueueingTheory

/// The Poisson probability mass function, in log space.
func poisson(_ n: Int, mean: Double) -> Double {
    exp(Double(n) * log(mean) - mean - lgamma(Double(n + 1)))
}

@Suite("M/M/c/K")
struct MMcKTests {
    @Test("with K = c it is the Erlang loss system: blocking is Erlang B and nobody waits", arguments: erlangCases)
    func lossSystem(_ c: ErlangCase) {
        let q = MMcK(servers: c.servers, capacity: c.servers, arrivalRate: c.load * 2, serviceRate: 2)
        #expect(close(q.probabilityBlocked, c.blocking, 1e-10), "P(block) = \(q.probabilityBlocked)")
        #expect(q.probabilityOfWait == 0)
        #expect(q.meanQueueLength == 0)
        #expect(q.meanWait == 0)
        #expect(close(q.throughput, c.load * 2 * (1 - c.blocking), 1e-10))
        #expect(close(q.utilization, c.load * (1 - c.blocking) / Double(c.servers), 1e-10))
        // The carried load is Poisson truncated at c: P(n) ∝ aⁿ/n!.
        let p = q.stateProbabilities
        #expect(p.count == c.servers + 1)
        #expect(close(p.reduce(0, +), 1, 1e-12))
    }

    @Test("with a large K it approaches Erlang C", arguments: erlangCases)
    func largeCapacity(_ c: ErlangCase) {
        // The stationary mass beyond K is of order ρ^(K − c); with 3000 extra places and ρ ≤ 0.95
        // that is below 1e-60, so only rounding separates the two.
        let q = MMcK(servers: c.servers, capacity: c.servers + 3000, arrivalRate: c.load, serviceRate: 1)
        #expect(q.probabilityBlocked < 1e-60)
        #expect(close(q.probabilityOfWait, c.waitProbability, 1e-10), "P(wait) = \(q.probabilityOfWait)")
        #expect(close(q.meanWait, c.meanWaitAtUnitServiceRate, 1e-10), "Wq = \(q.meanWait)")
        #expect(close(q.utilization, c.load / Double(c.servers), 1e-10))
    }

    @Test("M/M/1/K has the truncated geometric distribution (1 − ρ)ρⁿ / (1 − ρ^(K+1))", arguments: [0.5, 1, 1.7])
    func mm1k(rho: Double) {
        let capacity = 12
        let q = MMcK(servers: 1, capacity: capacity, arrivalRate: rho * 3, serviceRate: 3)
        let p = q.stateProbabilities
        #expect(p.count == capacity + 1)
        for n in 0...capacity {
            let expected = rho == 1 ? 1 / Double(capacity + 1) : (1 - rho) * pow(rho, Double(n)) / (1 - pow(rho, Double(capacity + 1)))
            #expect(close(p[n], expected, 1e-13), "p(\(n))")
        }
        #expect(close(q.probabilityBlocked, p[capacity], 0))
        let lq = (1...capacity).reduce(0.0) { $0 + Double($1 - 1) * p[$1] }
        #expect(close(q.meanQueueLength, lq, 1e-13))
        #expect(close(q.meanWait, lq / (rho * 3 * (1 - p[capacity])), 1e-13))  // Little on admitted customers
        #expect(close(q.probabilityOfWait, (1 - p[0] - p[capacity]) / (1 - p[capacity]), 1e-13))
    }

    @Test("an overloaded M/M/c/K with a large K serves at full capacity and blocks the excess")
    func overloaded() {
        let q = MMcK(servers: 4, capacity: 2000, arrivalRate: 6, serviceRate: 1)
        #expect(close(q.throughput, 4, 1e-12))
        #expect(close(q.probabilityBlocked, 1 - 4.0 / 6, 1e-12))
        #expect(close(q.utilization, 1, 1e-12))
    }
}

/// Erlang A values computed exactly with mpmath (50 digits) by summing the birth–death
/// chain until the terms fall below 1e-40 of the largest: P(wait) = Σ_{n≥c} π(n),
/// Lq = Σ (n − c)⁺ π(n), P(abandon) = θ·Lq / λ.
struct ErlangACase: Sendable, CustomTestStringConvertible {
    let servers: Int
    let arrivalRate: Double
    let serviceRate: Double
    let abandonmentRate: Double
    let waitProbability: Double
    let meanQueueLength: Double
    let abandonProbability: Double
    var testDescription: String { "c = \(servers), λ = \(arrivalRate), μ = \(serviceRate), θ = \(abandonmentRate)" }
}

let erlangACases: [ErlangACase] = [
    ErlangACase(servers: 10, arrivalRate: 9, serviceRate: 1, abandonmentRate: 0.5, waitProbability: 0.46894170444133672,
                meanQueueLength: 1.2062108785220657, abandonProbability: 0.067011715473448096),
    ErlangACase(servers: 10, arrivalRate: 9, serviceRate: 1, abandonmentRate: 0.001, waitProbability: 0.66677970303278653,
                meanQueueLength: 5.8919614057843879, abandonProbability: 0.00065466237842048755),
    // Overloaded (λ > cμ): abandonment keeps it stable.
    ErlangACase(servers: 10, arrivalRate: 12, serviceRate: 1, abandonmentRate: 0.2, waitProbability: 0.94449661741632526,
                meanQueueLength: 10.645257116376757, abandonProbability: 0.17742095193961262),
    ErlangACase(servers: 50, arrivalRate: 48, serviceRate: 1, abandonmentRate: 0.1, waitProbability: 0.58881531152761895,
                meanQueueLength: 6.9148905062871081, abandonProbability: 0.014406021888098143),
    ErlangACase(servers: 3, arrivalRate: 2, serviceRate: 1, abandonmentRate: 1, waitProbability: 0.32332358381693654,
                meanQueueLength: 0.21801754912951423, abandonProbability: 0.10900877456475711),
]

@Suite("Erlang A (M/M/c+M)")
struct ErlangATests {
    @Test("P(wait), Lq and P(abandon) match the exact chain", arguments: erlangACases)
    func exactValues(_ c: ErlangACase) {
        let q = ErlangA(servers: c.servers, arrivalRate: c.arrivalRate, serviceRate: c.serviceRate,
                        abandonmentRate: c.abandonmentRate)
        #expect(close(q.probabilityOfWait, c.waitProbability, 1e-10), "P(wait) = \(q.probabilityOfWait)")
        #expect(close(q.meanQueueLength, c.meanQueueLength, 1e-10), "Lq = \(q.meanQueueLength)")
        #expect(close(q.probabilityAbandon, c.abandonProbability, 1e-10), "P(abandon) = \(q.probabilityAbandon)")
        #expect(close(q.meanWait, c.meanQueueLength / c.arrivalRate, 1e-10))
        // Flow balance: served + abandoned = arrived, so busy servers E[min(N, c)] = λ(1 − P(ab))/μ.
        let p = q.stateProbabilities
        let busy = p.enumerated().reduce(0.0) { $0 + Double(min($1.offset, c.servers)) * $1.element }
        #expect(close(q.utilization, busy / Double(c.servers), 1e-10))
        #expect(close(p.reduce(0, +), 1, 1e-12))
    }

    @Test("with θ = μ it is M/M/∞: the number present is Poisson(λ/μ)", arguments: [(3, 2.0), (10, 9.0), (40, 50.0)])
    func infiniteServer(servers: Int, load: Double) {
        let mu = 0.5
        let q = ErlangA(servers: servers, arrivalRate: load * mu, serviceRate: mu, abandonmentRate: mu)
        let p = q.stateProbabilities
        for n in 0..<min(p.count, 200) {
            #expect(abs(p[n] - poisson(n, mean: load)) <= 1e-12, "P(N = \(n))")
        }
        // P(wait) = P(N ≥ c) and Lq = E[(N − c)⁺] of the Poisson distribution.
        let tail = 1 - (0..<servers).reduce(0.0) { $0 + poisson($1, mean: load) }
        let lq = (servers..<2000).reduce(0.0) { $0 + Double($1 - servers) * poisson($1, mean: load) }
        #expect(close(q.probabilityOfWait, tail, 1e-10))
        #expect(close(q.meanQueueLength, lq, 1e-10))
    }

    @Test("as θ → 0 it approaches Erlang C, with an error shrinking in proportion to θ")
    func smallPatienceRate() {
        let c = erlangCases.first { $0.servers == 10 && $0.load == 9 }!
        var previous = Double.infinity
        for theta in [1e-2, 1e-3, 1e-4, 1e-5, 1e-7, 1e-9] {
            let q = ErlangA(servers: 10, arrivalRate: 9, serviceRate: 1, abandonmentRate: theta)
            // The chain is cut where its tail is negligible, not where θ alone would make it
            // decay (about 26/θ states): the Erlang C part (ratio ρ = 0.9) already does.
            #expect(q.truncationPoint < 1000)
            let gap = abs(q.probabilityOfWait - c.waitProbability)
            // First order in θ: a tenfold smaller θ gives a roughly tenfold smaller gap
            // (dP/dθ ≈ −1.95 here, from the exact values at θ = 1e-3 and θ = 0).
            #expect(gap < previous / 5, "θ = \(theta): gap \(gap)")
            #expect(gap <= 3 * theta)
            #expect(abs(q.meanWait - c.meanWaitAtUnitServiceRate) <= 100 * theta)
            previous = gap
        }
    }
}

@Suite("M/G/1 (Pollaczek–Khinchine)")
struct PollaczekKhinchineTests {
    @Test("with cv² = 1 it is M/M/1", arguments: [0.1, 0.5, 0.9, 0.99])
    func exponentialService(rho: Double) {
        let mu = 2.0
        let g = MG1(arrivalRate: rho * mu, meanService: 1 / mu, serviceSCV: 1)
        let m = MMc(servers: 1, arrivalRate: rho * mu, serviceRate: mu)
        #expect(close(g.meanWait, m.meanWait, 1e-13))
        #expect(close(g.meanQueueLength, m.meanQueueLength, 1e-13))
        #expect(close(g.meanResponse, m.meanResponse, 1e-13))
        #expect(close(g.probabilityOfWait, m.probabilityOfWait, 1e-13))
        #expect(close(g.utilization, rho, 1e-15))
    }

    @Test("with cv² = 0 it is M/D/1, Wq = ρ / (2μ(1 − ρ)), and with cv² = 1/k it is M/E_k/1")
    func otherServiceLaws() {
        // M/D/1 at λ = 0.8, E[S] = 1: Wq = 0.8 / (2 · 0.2) = 2.
        #expect(close(MG1(arrivalRate: 0.8, meanService: 1, serviceSCV: 0).meanWait, 2, 1e-14))
        // Erlang-4 service: Wq = ρ E[S](1 + 1/4) / (2(1 − ρ)) = 0.8 · 1.25 / 0.4 = 2.5.
        #expect(close(MG1(arrivalRate: 0.8, meanService: 1, serviceSCV: 0.25).meanWait, 2.5, 1e-14))
    }

    @Test("an unstable M/G/1 waits forever")
    func unstable() {
        let g = MG1(arrivalRate: 2, meanService: 0.5, serviceSCV: 3)
        #expect(g.meanWait == .infinity)
        #expect(g.probabilityOfWait == 1)
    }
}
