#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Scenario
import Stochastics
import World

/// The demand curves of a scenario as request rates and loads per pool, for the twin.
///
/// Rates are those of the simulator's arrival processes: World's `VisitDensity` (the exact
/// intensity of normal bumps, relative curves normalised over their span, repeat visits),
/// read on the twin's grid.
struct TwinDemand {
    /// Load on a pool at a time: jobs per second, infinite-server (lagged) and pointwise-stationary offered loads.
    struct Load {
        var rate = 0.0
        var lagged = 0.0
        var psa = 0.0
        /// Rate-weighted abandonment rate θ of jobs that renege while queued (sources with exponential patience).
        var abandonRate = 0.0
    }

    /// Visits of one (platform, behaviour) pair, tabulated with their sessions in progress.
    struct SessionFlow {
        let platform: String
        let pageRoute: [String]
        let loginRoute: [String]
        let pages: Double
        let think: Double
        /// The session after its first page: (pages − 1) think times.
        let afterFirstPage: Distribution?
        let requestsPerPage: Double
        let loginCost: Double
        /// Visit rate v and sessions in progress F on the grid.
        var visits: [Double]
        var sessions: [Double]
    }

    struct Source {
        let pool: String
        let rate: (Double) -> Double
        let service: Distribution
        let abandonRate: Double
        let step: Double
        let horizon: Double
        /// P(S > u) at the Simpson nodes of [0, horizon], computed once: every t past the
        /// horizon integrates over the same nodes.
        let survivalNodes: [Double]
    }

    let scenario: Scenario
    let step: Double
    var flows: [SessionFlow] = []
    var sources: [Source] = []

    init(_ scenario: Scenario) throws(SweepError) {
        if let what = Self.withoutFiniteMean(scenario) {
            throw .invalid("the analytic twin needs finite means, and \(what) has none (a heavy tail such as `pareto(shape: 0.1, …)`)")
        }
        self.scenario = scenario
        step = min(5, scenario.reportInterval / 12)
        let n = Int((scenario.duration / step).rounded(.up)) + 1
        var flowIndex: [String: Int] = [:]
        for segment in scenario.segments {
            guard let behaviour = scenario.behaviour(segment.behaviour) else {
                throw .invalid("segment '\(segment.id)': unknown behaviour '\(segment.behaviour)'")
            }
            let rate: [Double]
            do {
                rate = try Self.visitRates(segment.intent, start: scenario.start, step: step, count: n, duration: scenario.duration)
            } catch {
                throw .invalid("segment '\(segment.id)': \(error)")
            }
            for use in segment.platforms {
                guard let platform = scenario.platform(use.platform) else {
                    throw .invalid("segment '\(segment.id)': unknown platform '\(use.platform)'")
                }
                let key = platform.id + "\u{0}" + behaviour.id
                if flowIndex[key] == nil {
                    flowIndex[key] = flows.count
                    let sso = platform.sso.flatMap { scenario.service($0)?.pool }
                    flows.append(SessionFlow(
                        platform: platform.id, pageRoute: platform.pools, loginRoute: (sso.map { [$0] } ?? []) + platform.pools,
                        pages: Self.meanPages(behaviour.pagesPerSession), think: behaviour.thinkTime.mean,
                        afterFirstPage: Self.sessionLength(pages: behaviour.pagesPerSession, think: behaviour.thinkTime),
                        requestsPerPage: max(1, behaviour.requestsPerPage.mean), loginCost: behaviour.loginCost,
                        visits: Array(repeating: 0, count: n), sessions: []))
                }
                let members = segment.activeMembers * use.share
                let f = flowIndex[key]!
                for i in 0..<n { flows[f].visits[i] += members * rate[i] }
            }
        }
        for f in flows.indices {
            let limit = scenario.platform(flows[f].platform).map { Self.sessionLimit(of: $0, in: scenario) } ?? .infinity
            flows[f].sessions = Self.sessionsInProgress(flows[f].visits, step: step, length: flows[f].afterFirstPage, limit: limit)
        }
        for source in scenario.sources {
            guard let pool = scenario.pool(source.pool) else { throw .invalid("source '\(source.id)': unknown pool '\(source.pool)'") }
            guard let service = pool.serviceTime[source.kind] ?? pool.serviceTime[.page] else { continue }
            let rate: (Double) -> Double
            if let curve = source.rateCurve, let c = try? curve.rateCurve(start: scenario.start) {
                rate = { t in c.rate(at: t) }
            } else {
                let r = source.rate ?? 0
                rate = { _ in r }
            }
            let theta = source.patience.map { $0.isExponential && $0.mean > 0 ? 1 / $0.mean : 0 } ?? 0
            // The integration step resolves the service distribution and the report interval;
            // the horizon is where P(S > u) has fallen below 10⁻⁹.
            let du = min(service.mean / 20, scenario.reportInterval / 10)
            var horizon = service.mean
            while service.survival(horizon) > 1e-9, horizon < 1e3 * service.mean { horizon *= 1.5 }
            // A finite but astronomical mean (1e308 s) would need more nodes than exist.
            guard horizon / du <= Self.maxSimpsonNodes else {
                throw .invalid("source '\(source.id)': the service time's tail is too long for the analytic twin's integration")
            }
            let n = Self.simpsonNodes(horizon, step: du)
            let nodes = (0...n).map { service.survival(Double($0) * horizon / Double(n)) }
            sources.append(Source(pool: pool.id, rate: rate, service: service, abandonRate: theta, step: du, horizon: horizon,
                                  survivalNodes: nodes))
        }
    }

    /// The simulator's arrival rate of a segment's visits per member, on the grid
    /// t_i = i·step (clamped to the window's end).
    static func visitRates(_ intent: Intent, start: Double, step: Double, count n: Int, duration: Double) throws(WorldBuildError) -> [Double] {
        let density = try VisitDensity(intent: intent, start: start, window: (0, duration))
        return (0..<n).map { i in density.visits(at: min(Double(i) * step, duration)) }
    }

    /// The first distribution the twin integrates whose mean is infinite (the simulation
    /// runs such heavy tails; the queueing formulas and the twin's horizons cannot).
    static func withoutFiniteMean(_ scenario: Scenario) -> String? {
        for b in scenario.behaviours {
            for (name, d) in [("pages_per_session", b.pagesPerSession), ("think_time", b.thinkTime), ("requests_per_page", b.requestsPerPage)]
            where !d.mean.isFinite {
                return "`behaviours.\(b.id).\(name)`"
            }
        }
        for pool in scenario.pools {
            for (kind, d) in pool.serviceTime.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where !d.mean.isFinite {
                return "the \(kind.rawValue) service time of pool `\(pool.id)`"
            }
        }
        return nil
    }

    /// E[max(1, ⌈X⌉)] = 1 + Σ_{k≥1} P(X > k): the simulator rounds a page count up.
    static func meanPages(_ pages: Distribution) -> Double { pageMoments(pages).mean }

    /// Mean and second moment of the page count the simulator draws (``Distribution/wholeCountMoments``).
    static func pageMoments(_ pages: Distribution) -> (mean: Double, second: Double) { pages.wholeCountMoments }

    /// The time from a session's first page to its last: a sum of P − 1 think times, as a
    /// gamma with its exact mean and variance (Var = E[P−1]·Var T + Var(P)·E[T]²); exact for
    /// a fixed page count and exponential thinks (Erlang), close for the geometric counts
    /// the models use. Nil when sessions have a single page.
    static func sessionLength(pages: Distribution, think: Distribution) -> Distribution? {
        let (p1, p2) = pageMoments(pages)
        let mean = (p1 - 1) * think.mean
        guard mean > 0, mean.isFinite else { return nil }
        let variance = (p1 - 1) * think.variance + (p2 - p1 * p1) * think.mean * think.mean
        if !(variance > 1e-9 * mean * mean) || !variance.isFinite { return try? .deterministic(mean) }
        return try? .gamma(shape: mean * mean / variance, scale: variance / mean)
    }

    /// The shortest session time limit of a platform's gates (forced logout), if any.
    static func sessionLimit(of platform: Platform, in scenario: Scenario) -> Double {
        var limit = Double.infinity
        for id in platform.gates {
            if case .sessionTimeLimit(let l, _)? = scenario.gate(id)?.kind { limit = min(limit, l) }
        }
        return limit
    }

    /// F(t) = ∫ v(t − u)·P(L > u)·1{u < limit} du on the grid (trapezoid): the sessions in
    /// progress, an infinite-server system fed by the visits.
    ///
    /// The kernel is sampled every ~E[L]/25 (a whole number of grid steps) and stops where
    /// P(L > u) < 10⁻⁵: sessions last minutes, so this keeps the France day in milliseconds
    /// at a quadrature error far below the model's own.
    static func sessionsInProgress(_ v: [Double], step h: Double, length: Distribution?, limit: Double) -> [Double] {
        guard let length else { return Array(repeating: 0, count: v.count) }
        let stride = max(1, Int(saturating: (length.mean / 25 / h).rounded(.down)))  // a heavy tail's mean may be infinite
        let du = Double(stride) * h
        var kernel: [Double] = []
        var u = 0.0
        while u < limit, kernel.count * stride < v.count {
            let s = length.survival(u)
            if s < 1e-5, u > length.mean { break }
            kernel.append(s)
            u += du
        }
        var f = [Double](repeating: 0, count: v.count)
        for i in v.indices {
            let top = min(i / stride, kernel.count - 1)
            guard top >= 0 else { continue }
            var sum = 0.0
            for j in 0...top {
                let weight = j == 0 || j == top ? 0.5 : 1
                sum += weight * v[i - j * stride] * kernel[j]
            }
            f[i] = sum * du
        }
        return f
    }

    /// The most Simpson nodes a source's service time may need (10⁷ Doubles: 80 MB).
    static let maxSimpsonNodes = 1e7

    /// An even number of Simpson intervals no wider than `step` over [0, length].
    static func simpsonNodes(_ length: Double, step: Double) -> Int {
        2 * max(1, Int(saturating: (length / step / 2).rounded(.up)))
    }

    /// A grid array read at time t (linear between points).
    func read(_ values: [Double], at t: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let x = max(0, t / step)
        let i = min(Int(x), values.count - 1)
        guard i + 1 < values.count else { return values[i] }
        let f = x - Double(i)
        return values[i] * (1 - f) + values[i + 1] * f
    }

    func sessions(platform: String, at t: Double) -> Double {
        flows.filter { $0.platform == platform }.reduce(0) { $0 + read($1.sessions, at: t) }
    }

    /// Every job class reaching `pool` at time t.
    func load(pool id: String, at t: Double) -> Load {
        var load = Load()
        guard let pool = scenario.pool(id) else { return load }
        let pageMean = pool.serviceTime[.page]?.mean ?? 0
        for flow in flows {
            let v = read(flow.visits, at: t)
            let f = read(flow.sessions, at: t)
            let think = max(flow.think, 1e-9)
            if flow.loginRoute.contains(id) {
                let login = pool.serviceTime[.login]?.mean ?? flow.requestsPerPage * flow.loginCost * pageMean
                load.rate += v
                load.lagged += v * login
                load.psa += v * login
            }
            if flow.pageRoute.contains(id) {
                let page = flow.requestsPerPage * pageMean
                let lagged = v + (flow.pages > 1 ? f / think : 0)
                load.rate += lagged
                load.lagged += lagged * page
                load.psa += v * flow.pages * page
            }
        }
        for source in sources where source.pool == id {
            let lambda = source.rate(t)
            load.rate += lambda
            load.abandonRate += lambda * source.abandonRate
            load.psa += lambda * source.service.mean
            // m(t) = ∫₀ᵗ λ(t − u)·P(S > u) du: the run starts empty, so u stops at t.
            // Composite Simpson: at ρ = 0.9 a 10⁻⁴ error in the load moves Erlang C's wait 10⁻³.
            let upper = min(t, source.horizon)
            guard upper > 0 else { continue }
            let full = upper == source.horizon
            let n = full ? source.survivalNodes.count - 1 : Self.simpsonNodes(upper, step: source.step)
            let du = upper / Double(n)
            var m = 0.0
            for k in 0...n {
                let u = Double(k) * du
                let weight: Double = k == 0 || k == n ? 1 : (k % 2 == 1 ? 4 : 2)
                m += weight * source.rate(t - u) * (full ? source.survivalNodes[k] : source.service.survival(u))
            }
            load.lagged += m * du / 3
        }
        if load.rate > 0 { load.abandonRate /= load.rate }
        return load
    }
}
