import Scenario
import Stochastics

/// A scenario translated for the simulator: ids replaced by array indices, clock times by
/// simulation times, intent curves by rate curves, and every default resolved, so that the
/// hot loop never looks anything up by name.
struct CompiledModel {
    /// Clock time (seconds from midnight) of simulation time 0.
    var startClock: Double
    var duration: Double
    var warmup: Double
    var interval: Double
    var intervalCount: Int
    /// Share of the population simulated (``Sampling``); outputs' counts are divided by it.
    var sample: Double

    var arrivals: [ArrivalSource]
    var behaviours: [BehaviourModel]
    var platforms: [PlatformModel]
    var pools: [PoolModel]
    /// Routes (sequences of pool indices) that jobs travel along.
    var routes: [[Int32]]
    /// Report entities for segments (sources count as segments too).
    var segmentNames: [String]
    var segmentPlatform: [Int]
    /// Simulation times at which "share of users in by" is measured.
    var checkpoints: [Double]
    /// Per segment: whether it holds a reserved share of its platform's capacity.
    var segmentReserved: [Bool] = []
    /// Every platform's gates, flattened: `World.gates[g]` is the state of the gate at `gateSites[g]`.
    var gateSites: [GateSite] = []
    /// Attack traffic classes, with their target pools and filters.
    var attacks: [AttackModel] = []
}

/// One arrival process: a segment's first or repeat visits to one platform, or a textbook source.
struct ArrivalSource {
    enum Target {
        /// Visitors log in to a platform and browse.
        case platform(Int)
        /// Each visit is a single request of `kind` on `route` (the textbook form).
        case direct(route: Int, kind: JobKind, queuePatience: Distribution?)
    }

    var name: String
    var segment: Int
    var target: Target
    var behaviour: Int
    var isFirstVisit: Bool
    /// Each arrival of `process` is one visitor, or, for class cohorts, the moment a class
    /// opens (World+Classes.swift).
    var process: ArrivalProcess
    /// How a class's members arrive (nil: not a class cohort).
    var classes: ClassArrivals? = nil
}

/// What a request costs and where it goes.
enum JobKind: UInt8 {
    case page = 0, login = 1, refusal = 2
}

struct BehaviourModel {
    var pages: Distribution
    var think: Distribution
    var requestsPerPage: Distribution
    var loginCost: Double
    var clientTimeout: Double
    var reloadOnTimeout: Double
    var patience: Distribution
    var retryDelay: Distribution
    var retryProbability: Double
    var retryLimit: Int
    var reloginProbability: Double
    var reloginDelay: Distribution
    var comeback: (probability: Double, at: Double, sd: Double)?
    /// The client's overload policies (ClientBehaviour.swift); nil: none.
    var client: ClientPolicies? = nil
}

struct PlatformModel {
    var name: String
    var pageRoute: Int
    var loginRoute: Int
    /// Where a refusal page is served; nil when refusals cost nothing.
    var refusalRoute: Int?
    /// The admission pipeline, in the order of the platform's `gate:` list.
    var gates: [PlatformGate] = []
    /// Session policies: the shortest time limit and idle timeout of the platform's gates.
    var sessionLimit: (limit: Double, jitter: Distribution?)?
    var idleTimeout: Double?
    /// Share of the capacity (session caps, room slots, buckets' active users) kept for reserved segments.
    var reservedShare = 0.0
    /// Gate states of the rooms that let a user out when a session slot frees.
    var slotRooms: [Int] = []
    /// How much more a login costs after failed attempts; nil: never more.
    var retryAmplification: RetryAmplification?
    /// The smallest session cap (the `session_cap` series); `nil` without one.
    var capSessions: Int? {
        gates.compactMap { if case .sessionCap(let cap) = $0.kind { cap.maxSessions } else { nil } }.min()
    }
}

struct PoolModel {
    var name: String
    var workers: Int
    /// Service time per JobKind (for pages: of one backend request); a nil login costs
    /// `loginCost` pages, a nil refusal nothing.
    var service: [Distribution?]
    /// Mean and variance of one request's service time, for jobs made of several requests.
    var requestMean: Double
    var requestVariance: Double
    var queueLimit: Int
    var dropExpired: Bool
    var schedule: [(time: Double, workers: Int)]
    var autoscaling: AutoscalingModel?
    /// An infinite-server pool: `workers` is Int.max, so every arrival starts service at once.
    var unlimited = false
    /// The pool's `service_level` thresholds (seconds), when it has them.
    var waitTarget: Double?
    var responseTarget: Double?
}

struct AutoscalingModel {
    var onQueueLength: Bool
    var threshold: Double
    var stepWorkers: Int
    var provisioningDelay: Double
    var interval: Double
    var minWorkers: Int
    var maxWorkers: Int
}

/// Why a scenario cannot be simulated (yet) as written.
public struct WorldBuildError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
}
