import Stochastics

/// A population that tries to connect: its size, who is active, where they go and when.
public struct Segment: Sendable, Hashable {
    public var id: String
    /// A name for people (`label:`); reports and the stdout summary show it instead of the id.
    public var label: String?
    public var region: String?
    public var size: Double
    /// Share of ``size`` that tries to connect that day.
    public var activeShare: Double
    public var platforms: [PlatformUse]
    /// Id of the ``BehaviourProfile``.
    public var behaviour: String
    public var intent: Intent

    /// Members expected to make a first visit.
    public var activeMembers: Double { size * activeShare }
}

/// A platform a segment uses, and the share of its active members using it.
public struct PlatformUse: Sendable, Hashable {
    public var platform: String
    public var share: Double
}

/// When members want to connect: a mixture of components for the first visit (shares
/// add up to 1) and repeat visits after it.
public struct Intent: Sendable, Hashable {
    public var components: [IntentComponent]
    public var repeats: [RepeatVisits]
}

public enum IntentComponent: Sendable, Hashable {
    /// A share of first visits ~ Normal(at, sd²), at in clock seconds.
    case bump(share: Double, at: Double, sd: Double)
    /// A share of first visits spread along a relative-rate curve over clock time,
    /// read from the file itself or from a CSV file (`file` then names it).
    case curve(share: Double, curve: RelativeCurve)
    /// A share of first visits that arrive as whole classes at lesson starts.
    case cohorts(ClassCohorts)

    public var share: Double {
        switch self {
        case .bump(let s, _, _), .curve(let s, _): return s
        case .cohorts(let c): return c.share
        }
    }
}

/// First visits that arrive class by class: the pupils of a class connect together when
/// their lesson starts, so arrivals come in correlated bursts rather than one by one.
///
/// A Neyman–Scott cluster process: classes open at the moments of a Poisson process
/// (each class picks one of `starts`, by `weights`, and opens at that start + `offset` +
/// N(0, `classSD`²), the whole class late or early together), and each class brings a
/// `classSize` of members, each arriving at the class's moment + N(0, `memberSD`²).
/// There are `share` × members ÷ E[class size] classes in expectation, so the members'
/// mean intensity is `share` × Σ wⱼ·N(startⱼ + offset, classSD² + memberSD²).
public struct ClassCohorts: Sendable, Hashable {
    /// Share of the segment's first visits that arrive as classes.
    public var share: Double
    /// Lesson start clock times (seconds from midnight).
    public var starts: [Double]
    /// Relative weight of each start (same count as `starts`), equal when not given.
    public var weights: [Double]
    /// Members per class: a count distribution, each draw rounded up, at least 1.
    public var classSize: Distribution
    /// Mean shift of a class's moment from its lesson start (negative: early).
    public var offset: Double
    /// Standard deviation of a class's moment around start + offset (the whole class moves).
    public var classSD: Double
    /// Standard deviation of a member's arrival around their class's moment.
    public var memberSD: Double

    public init(share: Double, starts: [Double], weights: [Double]? = nil, classSize: Distribution,
                offset: Double = 0, classSD: Double = 0, memberSD: Double = 0) {
        self.share = share
        self.starts = starts
        self.weights = weights ?? Array(repeating: 1, count: starts.count)
        self.classSize = classSize
        self.offset = offset
        self.classSD = classSD
        self.memberSD = memberSD
    }
}

/// A relative rate over clock time (the scale is irrelevant: only the shape is used).
public struct RelativeCurve: Sendable, Hashable {
    /// Clock times (seconds from midnight), increasing.
    public var times: [Double]
    /// Relative rates ≥ 0, not all zero.
    public var rates: [Double]
    public var interpolation: RateCurve.Interpolation
    /// The CSV file it came from, relative to `notebooks-data/`, if any.
    public var file: String?

    /// The curve in simulation time (seconds from `start`), for ``Stochastics/ArrivalProcess``.
    public func rateCurve(start: Double, scaledTo rateScale: Double = 1) throws(RateCurveError) -> RateCurve {
        try RateCurve(times: times.map { $0 - start }, rates: rates.map { $0 * rateScale }, interpolation: interpolation)
    }
}

/// Visits after the first, around each listed clock time.
public struct RepeatVisits: Sendable, Hashable {
    /// Clock times (seconds from midnight).
    public var at: [Double]
    /// Shift of the mean from each time (negative: before).
    public var offset: Double
    public var sd: Double
    /// Probability a member makes each of these visits.
    public var probability: Double
}

/// How users browse, wait and retry.
public struct BehaviourProfile: Sendable, Hashable {
    public var id: String
    /// Pages per session; a draw is rounded up to a whole page, at least 1.
    public var pagesPerSession: Distribution
    public var thinkTime: Distribution
    public var requestsPerPage: Distribution
    /// Cost of a login in page-equivalents.
    public var loginCost: Double
    public var clientTimeout: Double
    public var reloadOnTimeout: Double
    public var patience: Distribution
    public var retryDelay: Distribution
    public var retryProbability: Double
    /// `nil`: unlimited (patience decides).
    public var retryLimit: Int?
    public var relogin: Relogin
    public var comeback: Comeback?
    /// What the user's client does about overload (throttling, retry budget, backoff).
    public var client = ClientPolicies()

    public struct Relogin: Sendable, Hashable {
        public var probability: Double
        public var delay: Distribution
    }

    public struct Comeback: Sendable, Hashable {
        public var probability: Double
        /// Clock time.
        public var at: Double
        public var sd: Double
    }
}

/// The textbook form: Poisson arrivals of single-request visits to one pool.
public struct PoissonSource: Sendable, Hashable {
    public var id: String
    /// A name for people (`label:`); reports and the stdout summary show it instead of the id.
    public var label: String?
    /// Constant rate per second, when there is no curve.
    public var rate: Double?
    /// A time-varying rate λ(t) over clock time, in requests per second.
    public var rateCurve: RelativeCurve?
    public var pool: String
    public var kind: RequestKind
    /// `nil`: infinite patience.
    public var patience: Distribution?
}
