import Scenario
import Stochastics

/// One gate of a platform's admission pipeline (DESIGN.md "Gates"): the gates a login meets,
/// in the order the platform's `gate:` list gives them. Session policies (time limit, idle
/// timeout) and reservations are not steps: they act on sessions and on the other gates'
/// limits (`PlatformModel`).
///
/// Adding a kind of gate: a model type conforming to ``AdmissionGate`` (its answer and its
/// metrics), a case here, and its compilation in `CompiledModel+Gates.swift`.
struct PlatformGate {
    /// The gate's id in the file, for streams and messages.
    var id: String
    /// Index of its state in `World.gates`.
    var state: Int
    var kind: Kind

    enum Kind {
        case timeWindows(TimeWindowsModel)
        case waitingRoom(WaitingRoomModel)
        case tokenBucket(TokenBucketModel)
        case sessionCap(SessionCapModel)
    }
}

/// Where a gate stands: its platform, its place in the platform's list, its state.
struct GateSite {
    var platform: Int
    var step: Int
    var state: Int
}

/// What a gate answers a user at its door.
enum GateAnswer: Equatable {
    /// On to the next gate (after the last: the login starts and the user holds a slot).
    case pass
    /// "Come back later" at the edge: the refusal page (if it costs anything), then a retry.
    case refuse
    /// The login's work is done, then the user is refused (costly, like an overloaded SSO).
    case refuseAfterLogin
    /// Refused with a time to return: the user comes back then.
    case comeBack(at: Double)
    /// The gate holds the user (a waiting room): it resumes the pipeline after itself when
    /// it lets the user out, or the user leaves from it.
    case enqueue
    /// The user gave up at this gate (balked on the wait a room displays).
    case leave
}

/// A kind of gate: one entry point, and the metrics it adds to its platform's outputs.
protocol AdmissionGate {
    /// The answer to user `u` now; the gate may change the world (take a token, queue the user).
    func answer(_ u: Int32, at site: GateSite, in world: inout World) -> GateAnswer
    /// Platform summary metrics this kind adds (summed over a platform's gates of the kind).
    static var summaryMetrics: [String] { get }
}

/// Every gate kind's summary metrics, in output order: what a gated platform may report.
public enum GateMetrics {
    public static let summary: [String] =
        WaitingRoomModel.summaryMetrics + TokenBucketModel.summaryMetrics + TimeWindowsModel.summaryMetrics + SessionCapModel.summaryMetrics
}

/// A session cap: "when the maximum number of users is reached, wait your turn"
/// (reference §1.4). Refuses at the edge or after the login, from a clock time, once
/// sessions reach an activation threshold (then stays on).
struct SessionCapModel {
    var maxSessions: Int
    var refuseAfterLogin: Bool
    /// The cap switches on (and stays on) once sessions reach this count.
    var activationSessions: Int
    var activeFrom: Double
    var activeUntil: Double
}

/// A virtual waiting room in front of a platform's login (DESIGN.md "Gates"; reference §3.1).
///
/// Users who cannot be let in at once wait in the room: FIFO by arrival, or in random
/// order (each release draws uniformly among those waiting, from the gate's own stream).
/// Before `startsAt` users pass straight through, except between `preQueueOpens` and
/// `startsAt`, when they gather in a pre-queue that is shuffled at the start (Queue-it's
/// randomised pre-queue). Outflow is either one user each time a session slot frees
/// (`capacity` sessions at most: M/M/c with exponential sessions, Erlang C) or a fixed
/// rate of new users per second. With `showsWait` the room displays an estimated wait
/// (position / outflow rate); a user balks when it is over `balkOver`, or, without it,
/// over the patience they have left. Waiting users renege when their patience runs out
/// (with exponential patience: Erlang A, Garnett–Mandelbaum–Reiman 2002).
struct WaitingRoomModel {
    var randomOrder: Bool
    /// Releases per second (rate outflow); `nil` for slot outflow.
    var rate: Double?
    /// Sessions admitted at once (slot outflow).
    var capacity: Int?
    /// Simulation times; −∞ when the room works from the start.
    var preQueueOpens: Double
    var startsAt: Double
    var showsWait: Bool
    var balkOver: Double?
}

/// New users per second through a token bucket, at most `maxActive` sessions
/// (Cloudflare Waiting Room's `new_users_per_minute` and `total_active_users`, refusing
/// with "come back later" — its Reject method — rather than queueing).
struct TokenBucketModel {
    var rate: Double
    var burst: Double
    var maxActive: Int?
}

/// When segments may log in: refused inside a deny window; with allow windows, refused
/// outside all of them. A refused user is told when to come back and does so.
struct TimeWindowsModel {
    /// Per segment index (of `CompiledModel.segmentNames`): its windows in this gate (empty: not concerned).
    var bySegment: [[TimeWindowModel]]
    /// The file's windows by segment id, until the segments are compiled.
    var bySegmentId: [String: [TimeWindowModel]]
}

struct TimeWindowModel {
    var from: Double
    var to: Double
    var allow: Bool
}
