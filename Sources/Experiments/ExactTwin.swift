import Output
import QueueingTheory
import Scenario
import Stochastics

/// The exact transient twin of a Markovian model: for each pool fed by Poisson sources,
/// the law of the number of requests at the pool over time, from the Kolmogorov forward
/// equations (``QueueingTheory/TransientBirthDeath``), per report interval.
///
/// A pool qualifies when its chain is a birth–death chain on the number N of requests
/// present: Poisson arrivals at a constant rate or a `step` rate curve (piecewise constant),
/// exponential service, exponential patience while queued (Erlang A), c workers that may
/// grow at `capacity_schedule` steps (a decrease lets busy workers exceed c until they
/// finish, which N alone cannot follow), and a finite queue limit or none. In state k the
/// arrival rate is λ(t) while k < c + K, the departure rate min(k, c)·μ + max(0, k − c)·θ.
/// With no queue limit the chain is cut where P(N = cut) stays below ``truncationTolerance``
/// at every interval end, and the cut is doubled until it does.
///
/// Anything else (platforms, gates, attacks, autoscaling, non-exponential times) is not
/// Markovian in N: the twin refuses the model and says which part.
public struct ExactTwin: Sendable {
    /// One pool over one report interval.
    public struct Row: Sendable {
        public let pool: String
        /// Start of the interval, seconds from the scenario start.
        public let start: Double
        /// Time averages over the interval: requests present, and queued.
        public let meanInSystem: Double
        public let meanQueue: Double
        /// Requests present at the interval's end, and P(an arrival is refused) then.
        public let meanAtEnd: Double
        public let blockingAtEnd: Double
        /// Expected counts over the interval: arrivals refused by a full queue, requests
        /// that abandoned the queue, requests served.
        public let refused: Double
        public let abandoned: Double
        public let served: Double
    }

    public let rows: [Row]

    /// P(N = cut) allowed at any interval end when an unlimited queue is cut.
    public static let truncationTolerance = 1e-10

    public init(_ scenario: Scenario) throws(SweepError) {
        guard scenario.segments.isEmpty, scenario.platforms.isEmpty else {
            throw .invalid("the exact twin covers Poisson sources feeding pools; this model has segments or platforms (sessions are not a birth-death chain in one count)")
        }
        guard scenario.attacks.isEmpty else { throw .invalid("the exact twin does not cover attacks") }
        guard !scenario.sources.isEmpty else { throw .invalid("the exact twin needs at least one Poisson source") }
        let intervals = Int((scenario.duration / scenario.reportInterval).rounded(.up))
        var rows: [Row] = []
        for pool in scenario.pools {
            let feeding = scenario.sources.filter { $0.pool == pool.id }
            guard !feeding.isEmpty else { continue }
            let chain = try PoolChain(pool: pool, sources: feeding, scenario: scenario)
            rows += try chain.rows(intervals: intervals)
        }
        self.rows = rows
    }
}

/// One pool's chain: its parameters, checked to be Markovian.
struct PoolChain {
    let pool: Pool
    let scenario: Scenario
    let serviceRate: Double
    let abandonRate: Double
    /// Arrival rate per second as a step function: (start, rate) from the scenario start.
    let arrivalSteps: [(Double, Double)]
    /// Workers as a step function from the scenario start, never decreasing.
    let workerSteps: [(Double, Int)]

    init(pool: Pool, sources: [PoissonSource], scenario: Scenario) throws(SweepError) {
        self.pool = pool
        self.scenario = scenario
        let kind = sources[0].kind
        guard sources.allSatisfy({ $0.kind == kind && $0.patience == sources[0].patience }) else {
            throw .invalid("pool '\(pool.id)': its sources differ in request kind or patience, so requests are not alike")
        }
        guard let service = pool.serviceTime[kind] ?? pool.serviceTime[.page], service.isExponential, service.mean > 0 else {
            throw .invalid("pool '\(pool.id)': the exact twin needs an exponential service time")
        }
        serviceRate = 1 / service.mean
        if let patience = sources[0].patience {
            guard patience.isExponential, patience.mean > 0 else { throw .invalid("pool '\(pool.id)': patience must be exponential") }
            abandonRate = 1 / patience.mean
        } else {
            abandonRate = 0
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
        workerSteps = workers
        // The sources' rates add up (superposed Poisson processes).
        var breakpoints: Set<Double> = [0]
        var curves: [RateCurve] = []
        var constant = 0.0
        for source in sources {
            if let relative = source.rateCurve {
                guard relative.interpolation == .stepwise, let curve = try? relative.rateCurve(start: scenario.start) else {
                    throw .invalid("source '\(source.id)': the exact twin needs a constant rate or a `step` rate curve")
                }
                curves.append(curve)
                breakpoints.formUnion(curve.times)
            } else {
                constant += source.rate ?? 0
            }
        }
        arrivalSteps = breakpoints.filter { $0 >= 0 && $0 < scenario.duration }.sorted().map { t in
            (t, constant + curves.reduce(0) { $0 + $1.rate(at: t) })
        }
    }

    /// Per report interval: the chain's figures, with the queue cut (when unlimited) far enough.
    func rows(intervals: Int) throws(SweepError) -> [ExactTwin.Row] {
        let topWorkers = workerSteps.map(\.1).max() ?? 0
        if let limit = pool.queueLimit, let rows = try solve(capacity: topWorkers + limit, intervals: intervals, cut: false) {
            return rows
        }
        var extra = 200
        while extra <= 1 << 16 {
            if let rows = try solve(capacity: topWorkers + extra, intervals: intervals, cut: true) { return rows }
            extra *= 2
        }
        throw .invalid("pool '\(pool.id)': the queue grows past \(topWorkers + extra / 2) requests; the chain cannot be cut there")
    }

    /// Solves on states 0...capacity; with `cut`, nil when P(N = capacity) is not negligible.
    func solve(capacity: Int, intervals: Int, cut: Bool) throws(SweepError) -> [ExactTwin.Row]? {
        let width = scenario.reportInterval
        // Phases: the report intervals, split at every change of arrival rate or workers.
        var times = Set((0...intervals).map { min(Double($0) * width, scenario.duration) })
        times.formUnion(arrivalSteps.map(\.0))
        times.formUnion(workerSteps.map(\.0).filter { $0 < scenario.duration })
        let edges = times.sorted()
        var phases: [TransientBirthDeath.Phase] = []
        for (a, b) in zip(edges, edges.dropFirst()) {
            let lambda = arrivalSteps.last { $0.0 <= a }?.1 ?? 0
            let c = workerSteps.last { $0.0 <= a }?.1 ?? 0
            let states = 0...capacity
            let birth = states.map { $0 < capacity ? lambda : 0 }
            let served = states.map { Double(min($0, c)) * serviceRate }
            let abandoning = states.map { Double(max(0, $0 - c)) * abandonRate }
            phases.append(TransientBirthDeath.Phase(
                duration: b - a, birth: birth, death: zip(served, abandoning).map(+),
                rewards: [states.map(Double.init), states.map { Double(max(0, $0 - c)) },
                          states.map { $0 < capacity ? 0 : lambda }, abandoning, served]))
        }
        let snapshots: [TransientBirthDeath.Snapshot]
        do {
            snapshots = try TransientBirthDeath.solve(initial: [1] + Array(repeating: 0, count: capacity), phases: phases)
        } catch {
            throw .invalid("pool '\(pool.id)': \(error)")
        }
        if cut, snapshots.contains(where: { $0.distribution[capacity] > ExactTwin.truncationTolerance }) { return nil }
        // Interval k ends at the snapshot whose time is its end.
        var rows: [ExactTwin.Row] = []
        var previous = [Double](repeating: 0, count: 5)
        var previousTime = 0.0
        for snapshot in snapshots {
            let k = Int((previousTime / width).rounded(.down))
            guard snapshot.time >= min(Double(k + 1) * width, scenario.duration) - 1e-9 else { continue }
            let span = snapshot.time - Double(k) * width
            // Every figure is ≥ 0; the integration's rounding can leave −1e-30 where the truth is 0.
            let d = zip(snapshot.rewards, previous).map { max(0, $0 - $1) }
            // A cut queue refuses nobody: what reaches the cut is the truncation error, checked negligible above.
            rows.append(ExactTwin.Row(pool: pool.id, start: Double(k) * width, meanInSystem: d[0] / span, meanQueue: d[1] / span,
                                      meanAtEnd: snapshot.meanCount, blockingAtEnd: cut ? 0 : max(0, snapshot.distribution[capacity]),
                                      refused: cut ? 0 : d[2], abandoned: d[3], served: d[4]))
            previous = snapshot.rewards
            previousTime = snapshot.time
        }
        return rows
    }
}
