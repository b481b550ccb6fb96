import Testing
@testable import QueueingTheory

/// Erlang A's mean wait of the served (``ErlangA/meanWaitServed``), against what must hold
/// whatever the parameters: it is Erlang C's wait when nobody abandons, the probability of
/// being served its recursion implies is 1 − P(abandon) (θ·Lq/λ, from the stationary
/// queue), and the served and the abandoning together wait Lq/λ on average (Little).
@Suite("Erlang A: the wait of the served")
struct ErlangAServedWaitTests {
    static let cases: [(servers: Int, lambda: Double, theta: Double)] = [(10, 10, 0.1), (10, 12, 1), (3, 2.5, 0.2), (50, 55, 2)]

    @Test("with patience that never runs out, it is Erlang C's mean wait")
    func patientCustomersWaitAsInErlangC() {
        for (c, lambda) in [(10, 9.0), (3, 2.5), (1, 0.5)] {
            let a = ErlangA(servers: c, arrivalRate: lambda, serviceRate: 1, abandonmentRate: 1e-12)
            let erlangC = MMc(servers: c, arrivalRate: lambda, serviceRate: 1).meanWait
            #expect(abs(a.meanWaitServed - erlangC) <= 1e-6 * erlangC, "c = \(c), λ = \(lambda)")
        }
    }

    @Test("the position recursion agrees with the stationary queue: P(served) = 1 − θLq/λ and P(S)·E[W|S] + E[W·1{ab}] = Lq/λ",
          arguments: cases)
    func recursionAgreesWithTheQueue(_ c: (servers: Int, lambda: Double, theta: Double)) {
        let model = ErlangA(servers: c.servers, arrivalRate: c.lambda, serviceRate: 1, abandonmentRate: c.theta)
        // The same walk through queue positions, for the abandoning: E[W·1{ab} | i] = (1 − aᵢ)/(cμ + iθ) + ….
        let cmu = Double(c.servers)
        var a = 1.0, b = 0.0, abandoning = 0.0, served = 0.0, waitServed = 0.0, waitAbandoning = 0.0
        for (n, p) in model.stateProbabilities.enumerated() {
            if n >= c.servers {
                let i = Double(n - c.servers + 1), out = cmu + i * c.theta, move = (cmu + (i - 1) * c.theta) / out
                a *= move
                b = a / out + b * move
                abandoning = (1 - a) / out + abandoning * move
            }
            served += p * a
            waitServed += p * b
            waitAbandoning += p * abandoning
        }
        #expect(abs(served - (1 - model.probabilityAbandon)) <= 1e-12)
        #expect(abs(waitServed / served - model.meanWaitServed) <= 1e-12 * model.meanWaitServed)
        #expect(abs(waitServed + waitAbandoning - model.meanWait) <= 1e-12 * max(1, model.meanWait))
        // With impatient customers, those who stay long are the ones who abandon: the served wait less.
        #expect(model.meanWaitServed < model.meanWait)
    }
}
