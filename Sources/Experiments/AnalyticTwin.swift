#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QueueingTheory
import Scenario
import Stochastics

/// The analytic twin of a scenario: per pool and report interval, the load the demand
/// curves alone imply and what Erlang C (Erlang A with exponential patience) makes of it,
/// in milliseconds instead of a simulation.
///
/// Offered load is the infinite-server occupancy m(t) = ∫ λ(t − u)·P(S > u) du (Eick,
/// Massey & Whitt 1993; Jennings, Mandelbaum, Massey & Whitt 1996): the busy workers with
/// unlimited capacity. It lags the arrival rate, which the pointwise-stationary estimate
/// a(t) = λ(t)·E[S] (Green & Kolesar 1991) does not; both are given. For platform traffic
/// the lag is the session's: a visit logs in and requests its first page at arrival, then
/// its remaining pages one think time apart, so page requests follow the sessions in
/// progress — an infinite-server occupancy of the visit rate with the session's length
/// (a gamma with the exact mean and variance of (pages − 1) think times), cut at the
/// session time limit. Request service times (tens of
/// milliseconds) are far below an interval, so for them m(t) = λ_req(t)·E[S].
///
/// Ignored on purpose — where the simulation departs from the twin, these are why: retries
/// after refusals and timeouts (they add load, the more with `retry_amplification`), session caps, waiting rooms and buckets
/// (they remove or delay it), queue limits and timeouts (they drop work), autoscaling, and
/// the transient of a run that starts empty.
public struct AnalyticTwin: Sendable {
    /// One pool in one report interval.
    public struct PoolInterval: Sendable {
        public let pool: String
        public let interval: Int
        /// Interval start, seconds from the scenario start.
        public let start: Double
        /// Jobs per second (lagged).
        public let arrivalRate: Double
        /// Infinite-server offered load, erlangs (interval average).
        public let offeredLoad: Double
        /// Pointwise-stationary offered load λ(t)·E[S], erlangs (interval average).
        public let psaOfferedLoad: Double
        /// Request slots (workers) the pool has; `Int.max` for `servers: unlimited`.
        public let workers: Int
        /// Mean wait in queue by Erlang C (or A) at the lagged load; +∞ when overloaded.
        public let wait: Double
        /// The same at the pointwise-stationary load.
        public let psaWait: Double
        /// Servers needed by square-root staffing: ⌈(a + β√a) / workers per server⌉.
        public let serversNeeded: Int
    }

    /// Sessions in progress on a platform in one interval, if nobody were refused.
    public struct PlatformInterval: Sendable {
        public let platform: String
        public let interval: Int
        public let sessions: Double
    }

    public let interval: Double
    public let intervalCount: Int
    /// The quality-of-service parameter of square-root staffing (Halfin & Whitt 1981):
    /// β = 1 gives P(wait) ≈ 22% at large loads, β = 2 about 3%.
    public let beta: Double
    public let pools: [PoolInterval]
    public let platforms: [PlatformInterval]

    /// Computes the twin of `scenario` (a few milliseconds for the France day).
    public init(_ scenario: Scenario, beta: Double = 1) throws(SweepError) {
        let demand = try TwinDemand(scenario)
        interval = scenario.reportInterval
        intervalCount = Int((scenario.duration / scenario.reportInterval).rounded(.up))
        self.beta = beta
        let samplesPerInterval = 12
        var pools: [PoolInterval] = []
        for pool in scenario.pools {
            for k in 0..<intervalCount {
                let start = Double(k) * interval
                let end = min(scenario.duration, start + interval)
                var lagged = 0.0, psa = 0.0, rate = 0.0, patience = 0.0
                for j in 0..<samplesPerInterval {
                    let t = start + (Double(j) + 0.5) / Double(samplesPerInterval) * (end - start)
                    let load = demand.load(pool: pool.id, at: t)
                    lagged += load.lagged
                    psa += load.psa
                    rate += load.rate
                    patience += load.abandonRate
                }
                let n = Double(samplesPerInterval)
                lagged /= n; psa /= n; rate /= n; patience /= n
                let workers = Self.workers(pool, at: scenario.start + start)
                // Less 10⁻⁶ (relative) before rounding up: quadrature noise must not add a server to an exact integer need.
                let rawNeed = lagged + beta * lagged.squareRoot()
                pools.append(PoolInterval(
                    pool: pool.id, interval: k, start: start, arrivalRate: rate, offeredLoad: lagged,
                    psaOfferedLoad: psa, workers: workers,
                    wait: Self.wait(load: lagged, rate: rate, workers: workers, abandonRate: patience),
                    psaWait: Self.wait(load: psa, rate: rate, workers: workers, abandonRate: patience),
                    serversNeeded: lagged > 0 ? Int(saturating: (rawNeed / Double(max(1, pool.workersPerServer)) * (1 - 1e-6)).rounded(.up)) : 0))
            }
        }
        self.pools = pools
        var platforms: [PlatformInterval] = []
        for platform in scenario.platforms {
            for k in 0..<intervalCount {
                let start = Double(k) * interval
                let end = min(scenario.duration, start + interval)
                var sessions = 0.0
                for j in 0..<samplesPerInterval {
                    sessions += demand.sessions(platform: platform.id, at: start + (Double(j) + 0.5) / Double(samplesPerInterval) * (end - start))
                }
                platforms.append(PlatformInterval(platform: platform.id, interval: k, sessions: sessions / Double(samplesPerInterval)))
            }
        }
        self.platforms = platforms
    }

    /// Workers of a pool at a clock time, following its capacity schedule (autoscaling
    /// ignored); `Int.max` for an unlimited pool, which never runs out of them.
    static func workers(_ pool: Pool, at clock: Double) -> Int {
        if pool.unlimited { return .max }
        var servers = pool.servers
        for step in pool.capacitySchedule where step.at <= clock { servers = step.servers }
        return servers * pool.workersPerServer
    }

    /// Erlang C's mean wait Wq, or Erlang A's when waiting jobs abandon at `abandonRate` per second.
    static func wait(load: Double, rate: Double, workers: Int, abandonRate: Double) -> Double {
        guard load > 0, rate > 0, workers > 0, workers < .max else { return 0 }  // `.max`: an unlimited pool, where nobody waits
        // A heavy tail with an infinite mean (`pareto(shape: 0.1, …)`) offers an infinite load:
        // no queueing formula applies and the wait is unbounded.
        guard load.isFinite, rate.isFinite else { return .infinity }
        // Far below capacity — (c − a) > 8√a + 8 — P(wait) is below 10⁻¹³ (Halfin–Whitt), so
        // skip the O(c) Erlang recursion: pools of 10,000 workers at 60% cost nothing then.
        if Double(workers) - load > 8 * load.squareRoot() + 8 { return 0 }
        let mu = rate / load
        if abandonRate > 0 {
            return ErlangA(servers: workers, arrivalRate: rate, serviceRate: mu, abandonmentRate: abandonRate).meanWait
        }
        return MMc(servers: workers, arrivalRate: rate, serviceRate: mu).meanWait
    }

    /// Servers a pool needs at the peak interval, by square-root staffing.
    public func peakServersNeeded(pool: String) -> Int {
        pools.filter { $0.pool == pool }.map(\.serversNeeded).max() ?? 0
    }
}
