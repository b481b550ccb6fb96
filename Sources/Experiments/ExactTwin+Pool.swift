import Output
import Scenario
import Stochastics

/// One pool's chain: its parameters, checked to be Markovian.
struct PoolChain {
    let chain: CountChain

    init(pool: Pool, sources: [PoissonSource], scenario: Scenario) throws(SweepError) {
        let kind = sources[0].kind
        guard sources.allSatisfy({ $0.kind == kind && $0.patience == sources[0].patience }) else {
            throw .invalid("pool '\(pool.id)': its sources differ in request kind or patience, so requests are not alike")
        }
        guard let service = pool.serviceTime[kind] ?? pool.serviceTime[.page], service.isExponential, service.mean > 0 else {
            throw .invalid("pool '\(pool.id)': the exact twin needs an exponential service time")
        }
        let serviceRate = 1 / service.mean
        var abandonRate = 0.0
        if let patience = sources[0].patience {
            guard patience.isExponential, patience.mean > 0 else { throw .invalid("pool '\(pool.id)': patience must be exponential") }
            abandonRate = 1 / patience.mean
        }
        guard pool.autoscaling == nil else { throw .invalid("pool '\(pool.id)': autoscaling reacts to the state, not a birth-death chain") }
        guard !pool.unlimited else { throw .invalid("pool '\(pool.id)': `servers: unlimited` has no finite chain to solve (its E[N](t) is the analytic twin's offered load, `affluence estimate`)") }
        var workers = [(0.0, pool.workers)]
        for step in pool.capacitySchedule.sorted(by: { $0.at < $1.at }) {
            let w = step.servers * pool.workersPerServer
            guard w >= workers[workers.count - 1].1 else {
                throw .invalid("pool '\(pool.id)': capacity falls at \(ClockTime(secondsOfDay: step.at)); busy workers would exceed it until they finish, which the count of requests alone cannot follow")
            }
            workers.append((step.at - scenario.start, w))
        }
        // The sources' rates add up (superposed Poisson processes).
        var breakpoints = workers.map(\.0)
        var curves: [RateCurve] = []
        var constant = 0.0
        for source in sources {
            if let relative = source.rateCurve {
                guard relative.interpolation == .stepwise, let curve = try? relative.rateCurve(start: scenario.start) else {
                    throw .invalid("source '\(source.id)': the exact twin needs a constant rate or a `step` rate curve")
                }
                curves.append(curve)
                breakpoints += curve.times
            } else {
                constant += source.rate ?? 0
            }
        }
        let queueLimit = pool.queueLimit
        chain = CountChain(kind: .pool, entity: pool.id, breakpoints: breakpoints, regime: { t in
            let c = workers.last { $0.0 <= t }?.1 ?? 0
            // Arrivals find a place while N < c(t) + K: the limit follows the workers in force.
            let rate = constant + curves.reduce(0) { $0 + $1.rate(at: t) }
            return CountChain.Regime(classes: [CountChain.Class(rate: rate, limit: queueLimit.map { c + $0 } ?? Int.max)],
                                     servers: c, serviceRate: serviceRate, abandonRate: abandonRate)
        }, ceiling: nil)
    }
}
