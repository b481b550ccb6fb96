import Output
import QueueingTheory
import Scenario
import Stochastics

/// The exact transient twin of a Markovian model: for each pool fed by Poisson sources,
/// and each platform whose sessions are a birth–death chain, the law of one count over
/// time from the Kolmogorov forward equations (``QueueingTheory/TransientBirthDeath``),
/// per report interval.
///
/// A pool qualifies when its chain is a birth–death chain on the number N of requests
/// present: Poisson arrivals at a constant rate or a `step` rate curve (piecewise constant),
/// exponential service, exponential patience while queued (Erlang A), c workers that may
/// grow at `capacity_schedule` steps (a decrease lets busy workers exceed c until they
/// finish, which N alone cannot follow), and a finite queue limit K or none. In state k the
/// arrival rate is λ(t) while k < c(t) + K, the departure rate min(k, c)·μ + max(0, k − c)·θ.
///
/// A platform qualifies when N is its sessions plus the users in its waiting room
/// (``PlatformChain``): segments arriving as Poisson processes with `step` intent curves,
/// one-page sessions whose page is an exponential service at a pool that never queues, a
/// session cap (from a clock time or not, with reserved shares) or a slot-freed waiting
/// room with exponential patience, and refused users who leave.
///
/// With no bound on N the chain is cut where P(N = cut) stays below ``truncationTolerance``
/// at every interval end, and the cut is doubled until it does. Anything else (gates that
/// remember, attacks, autoscaling, non-exponential times, retries) is not Markovian in N:
/// the twin refuses the model and says which part.
public struct ExactTwin: Sendable {
    /// What a row's count is of.
    public enum Kind: String, Sendable {
        /// Requests at a pool: in service plus queued.
        case pool
        /// Sessions at a platform plus users in its waiting room.
        case platform
    }

    /// One pool or platform over one report interval.
    public struct Row: Sendable {
        public let kind: Kind
        /// The pool's or platform's id.
        public let entity: String
        /// Start of the interval, seconds from the scenario start.
        public let start: Double
        /// Time averages over the interval of N (requests present; sessions plus room users)
        /// and of its waiting part (requests queued; users in the waiting room).
        public let meanInSystem: Double
        public let meanQueue: Double
        /// N at the interval's end, and P(an arrival is refused) then (classes weighted by
        /// their arrival rates then; with no arrivals then, the most admitted class's).
        public let meanAtEnd: Double
        public let blockingAtEnd: Double
        /// Expected counts over the interval: arrivals refused (a full queue, a session cap),
        /// abandonments (of the queue, of the waiting room), completions (requests served,
        /// sessions completed).
        public let refused: Double
        public let abandoned: Double
        public let served: Double
    }

    public let rows: [Row]

    /// P(N = cut) allowed at any interval end when an unlimited count is cut.
    public static let truncationTolerance = 1e-10

    public init(_ scenario: Scenario) throws(SweepError) {
        guard scenario.attacks.isEmpty else { throw .invalid("the exact twin does not cover attacks") }
        guard scenario.sample == 1 else {
            throw .invalid("the exact twin needs `sample: 100%` (a sampled model runs a scaled copy whose counts are scaled on output)")
        }
        guard !scenario.sources.isEmpty || !scenario.segments.isEmpty else {
            throw .invalid("the exact twin needs at least one Poisson source or segment")
        }
        let intervals = Int((scenario.duration / scenario.reportInterval).rounded(.up))
        var rows: [Row] = []
        for pool in scenario.pools {
            let feeding = scenario.sources.filter { $0.pool == pool.id }
            guard !feeding.isEmpty else { continue }
            if let platform = scenario.platforms.first(where: { $0.pools.contains(pool.id) }) {
                throw .invalid("pool '\(pool.id)' serves both Poisson sources and platform '\(platform.id)': two counts, not one")
            }
            let chain = try PoolChain(pool: pool, sources: feeding, scenario: scenario).chain
            rows += try chain.rows(scenario: scenario, intervals: intervals)
        }
        for platform in scenario.platforms {
            guard let chain = try PlatformChain.chain(platform, scenario: scenario) else { continue }
            rows += try chain.rows(scenario: scenario, intervals: intervals)
        }
        self.rows = rows
    }
}

/// A birth–death chain in one count N whose rates are piecewise constant in time: classes
/// of Poisson arrivals, each admitted while N is below its limit (refused otherwise); c
/// servers at rate μ each; the N − c beyond them abandon at rate θ each.
struct CountChain {
    struct Class {
        var rate: Double
        /// Admitted while N < limit; `Int.max`: always.
        var limit: Int
    }

    struct Regime {
        var classes: [Class]
        /// `Int.max`: every one of N is served (infinite servers, or sessions).
        var servers: Int
        var serviceRate: Double
        var abandonRate: Double
    }

    let kind: ExactTwin.Kind
    let entity: String
    /// Times (from the scenario start) where a rate, limit or server count may change.
    let breakpoints: [Double]
    /// The rates in force at a time strictly inside a phase.
    let regime: (Double) -> Regime
    /// The count past which the model stops being this chain, and why; nil: none.
    let ceiling: (count: Int, reason: String)?

    /// Per report interval: the chain's figures, with N cut (when unbounded) far enough.
    func rows(scenario: Scenario, intervals: Int) throws(SweepError) -> [ExactTwin.Row] {
        let width = scenario.reportInterval
        var times = Set((0...intervals).map { min(Double($0) * width, scenario.duration) })
        times.formUnion(breakpoints.filter { $0 > 0 && $0 < scenario.duration })
        let edges = times.sorted()
        // A step function is read in the middle of each phase: a curve's value at its own
        // breakpoints (its last point closes it) is never what holds over the phase.
        let phases = zip(edges, edges.dropFirst()).map { (duration: $1 - $0, regime: regime(($0 + $1) / 2)) }
        let arriving = phases.flatMap { $0.regime.classes.filter { $0.rate > 0 } }
        if arriving.allSatisfy({ $0.limit < Int.max }) {
            let bound = arriving.map(\.limit).max() ?? 0
            if let ceiling, bound > ceiling.count { throw .invalid(ceiling.reason) }
            return try solve(phases, capacity: bound, cut: false, scenario: scenario)!
        }
        let finite = phases.flatMap { [$0.regime.servers] + $0.regime.classes.map(\.limit) }.filter { $0 < Int.max }
        let base = finite.max() ?? 0
        var extra = 200
        while extra <= 1 << 16 {
            let cut = min(base + extra, ceiling?.count ?? Int.max)
            if let rows = try solve(phases, capacity: cut, cut: true, scenario: scenario) { return rows }
            if let ceiling, cut == ceiling.count { throw .invalid(ceiling.reason) }
            extra *= 2
        }
        throw .invalid("\(kind) '\(entity)': the count grows past \(base + extra / 2); the chain cannot be cut there")
    }

    /// Solves on states 0...capacity; with `cut`, nil when P(N = capacity) is not negligible.
    func solve(_ phases: [(duration: Double, regime: Regime)], capacity: Int, cut: Bool,
               scenario: Scenario) throws(SweepError) -> [ExactTwin.Row]? {
        let width = scenario.reportInterval
        let states = 0...capacity
        var blocking: [[Double]] = []
        let chainPhases = phases.map { phase -> TransientBirthDeath.Phase in
            let r = phase.regime
            let lambda = r.classes.reduce(0) { $0 + $1.rate }
            // Refused in state k: the classes whose limit k has reached (a cut is not a limit).
            let refusing = states.map { k in r.classes.reduce(0) { $0 + ($1.limit <= k ? $1.rate : 0) } }
            let birth = states.map { k in k < capacity ? lambda - refusing[k] : 0 }
            let served = states.map { Double(min($0, r.servers)) * r.serviceRate }
            let waiting = states.map { Double(max(0, $0 - r.servers)) }
            let abandoning = waiting.map { $0 * r.abandonRate }
            let top = r.classes.map(\.limit).max() ?? Int.max
            blocking.append(lambda > 0 ? refusing.map { $0 / lambda } : states.map { $0 >= top ? 1 : 0 })
            return TransientBirthDeath.Phase(
                duration: phase.duration, birth: birth, death: zip(served, abandoning).map(+),
                rewards: [states.map(Double.init), waiting, refusing, abandoning, served])
        }
        let snapshots: [TransientBirthDeath.Snapshot]
        do {
            snapshots = try TransientBirthDeath.solve(initial: [1] + Array(repeating: 0, count: capacity), phases: chainPhases)
        } catch {
            throw .invalid("\(kind) '\(entity)': \(error)")
        }
        if cut, snapshots.contains(where: { $0.distribution[capacity] > ExactTwin.truncationTolerance }) { return nil }
        // Interval k ends at the snapshot whose time is its end.
        var rows: [ExactTwin.Row] = []
        var previous = [Double](repeating: 0, count: 5)
        var previousTime = 0.0
        for (i, snapshot) in snapshots.enumerated() {
            let k = Int((previousTime / width).rounded(.down))
            guard snapshot.time >= min(Double(k + 1) * width, scenario.duration) - 1e-9 else { continue }
            let span = snapshot.time - Double(k) * width
            // Every figure is ≥ 0; the integration's rounding can leave −1e-30 where the truth is 0.
            let d = zip(snapshot.rewards, previous).map { max(0, $0 - $1) }
            let block = zip(snapshot.distribution, blocking[i]).reduce(0) { $0 + $1.0 * $1.1 }
            rows.append(ExactTwin.Row(kind: kind, entity: entity, start: Double(k) * width, meanInSystem: d[0] / span,
                                      meanQueue: d[1] / span, meanAtEnd: snapshot.meanCount, blockingAtEnd: min(1, max(0, block)),
                                      refused: d[2], abandoned: d[3], served: d[4]))
            previous = snapshot.rewards
            previousTime = snapshot.time
        }
        return rows
    }
}

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
