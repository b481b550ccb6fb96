import Scenario

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
