import Scenario
import Stochastics

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

/// When a segment may log in: refused inside a deny window; with allow windows, refused
/// outside all of them. A refused user is told when to come back and does so.
struct TimeWindowModel {
    var from: Double
    var to: Double
    var allow: Bool
}

extension CompiledModel {
    /// Window rules by segment id, from a platform's `time_windows` gates.
    static func windowRules(_ windows: [Gate.TimeWindow], start: Double) -> [String: [TimeWindowModel]] {
        var rules: [String: [TimeWindowModel]] = [:]
        for w in windows {
            for s in w.segments {
                rules[s, default: []].append(TimeWindowModel(from: w.from - start, to: w.to - start, allow: w.action == .allow))
            }
        }
        return rules
    }
}
