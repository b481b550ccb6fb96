/// One metric the simulator reports: its name, where it is reported, its unit, how a
/// window of its series aggregates, which way is better, and what it means.
///
/// A name is unique across entity kinds and between the summary and the series: the same
/// name means the same quantity with the same unit wherever it appears (`throughput_per_s`
/// of a pool in the summary and per interval), so one entry covers every place.
public struct MetricSpec: Sendable, Hashable {
    /// The name in the files, or a pattern: `share_in_by_HHMM` stands for
    /// `share_in_by_0800`, `share_in_by_0900`, … (one per checkpoint inside the run).
    public let name: String
    public let unit: MetricUnit
    /// The entity kinds whose run summary has it, users' view first.
    public let summaryKinds: [EntityKind]
    /// The entity kinds whose per-interval series has it.
    public let seriesKinds: [EntityKind]
    /// How a window of the series aggregates; nil when it is a summary metric only.
    public let window: WindowAggregation?
    public let direction: MetricDirection
    /// What an entity needs for the metric to be reported; nil when every entity of the
    /// kinds reports it.
    public let requires: MetricRequirement?
    /// The doc line: `kind: meaning (unit)`, shown in docs/scenario-format.md's metric table.
    public let doc: String
    /// For a summary metric without a series of its own: the series that show it over the
    /// day, the first one the entity's kind records being the one charted
    /// (``MetricCatalog/daySeries(of:kind:)``); a comparison draws it per policy.
    public let overTheDay: [String]

    public init(_ name: String, _ unit: MetricUnit, summary: [EntityKind] = [], series: [EntityKind] = [],
                window: WindowAggregation? = nil, direction: MetricDirection, requires: MetricRequirement? = nil,
                day overTheDay: [String] = [], _ doc: String) {
        self.name = name
        self.unit = unit
        self.summaryKinds = summary
        self.seriesKinds = series
        self.window = window
        self.direction = direction
        self.requires = requires
        self.overTheDay = overTheDay
        self.doc = doc
    }

    /// Whether the name is a pattern with a four-digit clock time (`share_in_by_HHMM`).
    public var isPattern: Bool { name.hasSuffix(MetricCatalog.clockPlaceholder) }

    /// Whether `reported` is this metric: the name itself, or the pattern with four digits.
    public func matches(_ reported: String) -> Bool {
        guard isPattern else { return reported == name }
        let stem = name.dropLast(MetricCatalog.clockPlaceholder.count)
        guard reported.hasPrefix(stem) else { return false }
        let digits = reported.dropFirst(stem.count)
        return digits.count == 4 && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }
}

/// The metric catalogue: every figure the simulator writes, once (issue 20).
///
/// The recorder's names, the expectations' metric lists and window aggregation, the
/// schema's metric docs, the CSV `unit` column, the comparison's ranking direction and the
/// people-facing formatting (`Output.ValueFormat`) all read this list. Adding a metric is one
/// entry here plus its computation in `World`; the tests fail until both exist (every
/// emitted name must have an entry, every entry must be emitted by some shipped model).
///
/// The order is the documentation order (docs/scenario-format.md): pools, platforms,
/// segments, then the series-only metrics, then attacks.
public enum MetricCatalog {
    /// The four characters a pattern name ends with for a clock time `HHMM`.
    public static let clockPlaceholder = "HHMM"

    public static let all: [MetricSpec] = [
        MetricSpec("utilization", .share, summary: [.pool], series: [.pool], window: .mean, direction: .neither,
               "pool: busy workers / workers, time average (share)"),
        MetricSpec("busy_workers", .level, summary: [.pool], series: [.pool], window: .mean, direction: .neither,
               "pool: mean number of busy workers (M/G/∞: λ·E[S]; Erlang B: carried load)"),
        MetricSpec("mean_wait", .seconds, summary: [.pool], direction: .lowerIsBetter, day: ["mean_wait_s"],
               "pool: mean wait in queue of every request that left the queue: served, abandoning, or dropped when its client timed out (seconds; L = λW with it)"),
        MetricSpec("mean_wait_served_s", .seconds, summary: [.pool], direction: .lowerIsBetter, day: ["mean_wait_s"],
               "pool: mean wait in queue of the requests served (Erlang A: below `mean_wait` when impatient requests leave)"),
        MetricSpec("mean_response", .seconds, summary: [.pool], direction: .lowerIsBetter, day: ["p50_response_s"],
               "pool: mean time from arrival to end of service of served requests (seconds)"),
        MetricSpec("p_wait", .share, summary: [.pool], direction: .lowerIsBetter, day: ["mean_wait_s"],
               "pool: share of requests leaving the queue that waited (Erlang C)"),
        MetricSpec("mean_queue", .level, summary: [.pool], series: [.pool], window: .mean, direction: .lowerIsBetter,
               "pool: time-average number of requests waiting (Lq)"),
        MetricSpec("peak_queue", .level, summary: [.pool], direction: .lowerIsBetter, day: ["mean_queue"],
               "pool: most requests waiting at once over the whole run, warm-up included (what a `queue_limit` must hold)"),
        MetricSpec("p_blocked", .share, summary: [.pool], direction: .lowerIsBetter, day: ["rejected"],
               "pool: share of arrivals rejected because the queue was full (Erlang B, M/M/c/K)"),
        MetricSpec("p_abandon", .share, summary: [.pool], direction: .lowerIsBetter, day: ["reneged"],
               "pool: share of arrivals abandoning by patience (Erlang A)"),
        MetricSpec("p_timeout", .share, summary: [.pool], direction: .lowerIsBetter, day: ["timed_out"],
               "pool: share of arrivals whose client timed out"),
        MetricSpec("throughput_per_s", .perSecond, summary: [.pool], series: [.pool], window: .mean, direction: .higherIsBetter,
               "pool: requests served per second"),
        MetricSpec("p95_response_s", .seconds, summary: [.pool], series: [.pool], window: .mean, direction: .lowerIsBetter,
               "pool: 95th percentile of the response time (seconds)"),
        MetricSpec("wasted", .count, summary: [.pool], series: [.pool], window: .sum, direction: .lowerIsBetter,
               "pool: requests served after their client had timed out"),
        MetricSpec("p_wait_over_target", .share, summary: [.pool], direction: .lowerIsBetter, requires: .serviceLevel,
               "pool with `service_level.wait` t: share of requests leaving the queue (served, abandoning or dropped) that waited longer than t (M/M/c: C·e^{−(cμ−λ)t})"),
        MetricSpec("share_response_within_target", .share, summary: [.pool], direction: .higherIsBetter, requires: .serviceLevel,
               "pool with `service_level.response` T: share of requests whose stay ended (served, rejected, abandoning or dropped) that were served within T"),
        MetricSpec("saturated_share", .share, summary: [.platform, .pool], direction: .lowerIsBetter, day: ["error_share", "utilization"],
               "pool or platform: share of report intervals saturated, i.e. overloaded or refusing (`saturation:` thresholds)"),
        MetricSpec("saturation_onset_clock_s", .clock, summary: [.platform, .pool], direction: .higherIsBetter, day: ["error_share", "utilization"],
               "pool or platform: clock time saturation (overload or refusal) starts and lasts `saturation.sustain`, 5 minutes by default (compare with `07:00`)"),
        MetricSpec("saturated_until_clock_s", .clock, summary: [.platform, .pool], direction: .lowerIsBetter, day: ["error_share", "utilization"],
               "pool or platform: clock time the last saturated interval ends (compare with `11:30`)"),
        MetricSpec("overloaded_share", .share, summary: [.platform, .pool], direction: .lowerIsBetter, day: ["error_share", "utilization"],
               "pool or platform: share of report intervals overloaded (utilisation, failures or latency past the `saturation:` thresholds)"),
        MetricSpec("overload_onset_clock_s", .clock, summary: [.platform, .pool], direction: .higherIsBetter, day: ["error_share", "utilization"],
               "pool or platform: clock time overload starts and lasts `saturation.sustain`"),
        MetricSpec("overloaded_until_clock_s", .clock, summary: [.platform, .pool], direction: .lowerIsBetter, day: ["error_share", "utilization"],
               "pool or platform: clock time the last overloaded interval ends (NaN: never overloaded, or still at the end)"),
        MetricSpec("refusing_share", .share, summary: [.platform], direction: .lowerIsBetter, day: ["refused"],
               "platform: share of report intervals refusing (users turned away by policy past `saturation.refused_share`)"),
        MetricSpec("refusal_onset_clock_s", .clock, summary: [.platform], direction: .higherIsBetter, day: ["refused"],
               "platform: clock time refusal starts and lasts `saturation.sustain`"),
        MetricSpec("refusing_until_clock_s", .clock, summary: [.platform], direction: .lowerIsBetter, day: ["refused"],
               "platform: clock time the last refusing interval ends (NaN: never refusing, or still at the end)"),
        MetricSpec("peak_active_sessions", .level, summary: [.platform], direction: .neither, day: ["active_sessions"],
               "platform: highest number of sessions open at once"),
        MetricSpec("peak_desired_sessions", .level, summary: [.platform], direction: .neither, day: ["desired_sessions"],
               "platform: highest number of users wanting a session at once"),
        MetricSpec("mean_active_sessions", .level, summary: [.platform], direction: .neither, day: ["active_sessions"],
               "platform: time-average number of sessions open"),
        MetricSpec("attempts_first", .count, summary: [.platform], series: [.platform], window: .sum, direction: .neither,
               "platform: first login attempts (count)"),
        MetricSpec("attempts_retry", .count, summary: [.platform], series: [.platform], window: .sum, direction: .lowerIsBetter,
               "platform: login retries (count)"),
        MetricSpec("attempts_per_success", .ratio, summary: [.platform], series: [.platform], window: .ratio(of: ["attempts_first", "attempts_retry"], to: "successful_logins"), direction: .lowerIsBetter,
               "platform: login attempts per successful login"),
        MetricSpec("refused", .count, summary: [.platform], series: [.platform], window: .sum, direction: .lowerIsBetter,
               "platform: login attempts refused by a gate (count)"),
        MetricSpec("forced_logouts", .count, summary: [.platform], series: [.platform], window: .sum, direction: .lowerIsBetter,
               "platform: sessions ended by a time limit or an idle timeout (count)"),
        MetricSpec("goodput_pages_per_s", .perSecond, summary: [.platform], direction: .higherIsBetter, day: ["pages_ok"],
               "platform: pages served in time per second"),
        MetricSpec("visits", .count, summary: [.platform, .segment], series: [.segment], window: .sum, direction: .neither,
               "platform or segment: visits (count)"),
        MetricSpec("share_never_in", .share, summary: [.platform, .segment], direction: .lowerIsBetter, day: ["gave_up"],
               "platform or segment: share of visits that gave up without getting in"),
        MetricSpec("share_in_by_HHMM", .share, summary: [.platform, .segment], direction: .higherIsBetter, day: ["first_ins", "successful_logins"],
               "platform or segment: share of visitors arrived by HH:MM who got in by then (`share_in_by_0900`; 08:00, 09:00, 10:00, 12:00 and 14:00 inside the run)"),
        MetricSpec("first_visits", .count, summary: [.segment], direction: .neither, day: ["visits"],
               "segment: first visits (count)"),
        MetricSpec("users_in", .count, summary: [.segment], direction: .higherIsBetter, day: ["first_ins"],
               "segment: visits that got a first page (count)"),
        MetricSpec("share_in", .share, summary: [.segment], direction: .higherIsBetter, day: ["first_ins"],
               "segment: share of visits that got in"),
        MetricSpec("mean_time_to_first_page_s", .seconds, summary: [.segment], direction: .lowerIsBetter, day: ["first_ins"],
               "segment: mean time from first attempt to first page (seconds)"),
        MetricSpec("p50_time_to_first_page_s", .seconds, summary: [.segment], direction: .lowerIsBetter, day: ["first_ins"],
               "segment: median time from first attempt to first page (seconds)"),
        MetricSpec("p95_time_to_first_page_s", .seconds, summary: [.segment], direction: .lowerIsBetter, day: ["first_ins"],
               "segment: 95th percentile of the time to first page (seconds)"),
        MetricSpec("arrived", .count, series: [.pool], window: .sum, direction: .neither,
               "pool series: requests arrived (count)"),
        MetricSpec("served", .count, series: [.pool], window: .sum, direction: .lowerIsBetter,
               "pool series: requests served (count)"),
        MetricSpec("timed_out", .count, series: [.pool], window: .sum, direction: .lowerIsBetter,
               "pool series: requests whose client timed out (count)"),
        MetricSpec("rejected", .count, series: [.pool], window: .sum, direction: .lowerIsBetter,
               "pool series: requests rejected, queue full (count)"),
        MetricSpec("dropped", .count, series: [.pool], window: .sum, direction: .lowerIsBetter,
               "pool series: requests dropped (count)"),
        MetricSpec("reneged", .count, series: [.pool], window: .sum, direction: .lowerIsBetter,
               "pool series: requests abandoning the queue (count)"),
        MetricSpec("arrival_rate_per_s", .perSecond, series: [.pool], window: .mean, direction: .neither,
               "pool series: arrivals per second"),
        MetricSpec("workers", .level, series: [.pool], window: .mean, direction: .neither,
               "pool series: workers in service"),
        MetricSpec("mean_wait_s", .seconds, series: [.pool], window: .mean, direction: .lowerIsBetter,
               "pool series: mean wait of requests leaving the queue: served, abandoning or dropped (seconds)"),
        MetricSpec("p50_response_s", .seconds, series: [.pool], window: .mean, direction: .lowerIsBetter,
               "pool series: median response time (seconds)"),
        MetricSpec("admitted", .count, series: [.platform], window: .sum, direction: .higherIsBetter,
               "platform series: logins admitted by the gates (count)"),
        MetricSpec("login_failures", .count, series: [.platform], window: .sum, direction: .lowerIsBetter,
               "platform series: login attempts that failed (count)"),
        MetricSpec("successful_logins", .count, series: [.platform], window: .sum, direction: .higherIsBetter,
               "platform series: successful logins (count)"),
        MetricSpec("gave_up", .count, series: [.platform, .segment], window: .sum, direction: .lowerIsBetter,
               "platform or segment series: users giving up (count)"),
        MetricSpec("idle_logouts", .count, series: [.platform], window: .sum, direction: .lowerIsBetter,
               "platform series: sessions ended by the idle timeout (count)"),
        MetricSpec("sessions_completed", .count, series: [.platform], window: .sum, direction: .higherIsBetter,
               "platform series: sessions ended by the user (count)"),
        MetricSpec("pages_ok", .count, series: [.platform], window: .sum, direction: .higherIsBetter,
               "platform series: pages served in time (count)"),
        MetricSpec("page_timeouts", .count, series: [.platform], window: .sum, direction: .lowerIsBetter,
               "platform series: pages timed out (count)"),
        MetricSpec("active_sessions", .level, series: [.platform], window: .mean, direction: .neither,
               "platform series: time-average number of sessions open"),
        MetricSpec("active_sessions_end", .level, series: [.platform], window: .mean, direction: .neither,
               "platform series: sessions open at the interval's end"),
        MetricSpec("desired_sessions", .level, series: [.platform], window: .mean, direction: .neither,
               "platform series: time-average number of users wanting a session"),
        MetricSpec("waiting_users", .level, series: [.platform], window: .mean, direction: .lowerIsBetter,
               "platform series: time-average number of users between attempts"),
        MetricSpec("session_cap", .level, series: [.platform], window: .mean, direction: .neither,
               "platform series: the session cap in force"),
        MetricSpec("error_share", .share, series: [.platform], window: .mean, direction: .lowerIsBetter,
               "platform series: share of the requests answered in the interval that failed (refused, failed login, timed-out page)"),
        MetricSpec("waiting_room_users", .level, series: [.platform], window: .mean, direction: .lowerIsBetter,
               "platform series: time-average number of users in the waiting room (NaN without a room)"),
        MetricSpec("balked", .count, summary: [.platform], series: [.platform], window: .mean, direction: .lowerIsBetter, requires: .waitingRoom,
               "platform: users who left at the sight of the displayed wait (count)"),
        MetricSpec("reneged_room", .count, summary: [.platform], series: [.platform], window: .mean, direction: .lowerIsBetter, requires: .waitingRoom,
               "platform: users whose patience ran out in the waiting room (count)"),
        MetricSpec("admitted_from_room", .count, summary: [.platform], series: [.platform], window: .mean, direction: .higherIsBetter, requires: .waitingRoom,
               "platform: users admitted from the waiting room (count)"),
        MetricSpec("room_arrivals", .count, summary: [.platform], direction: .neither, requires: .waitingRoom, day: ["waiting_room_users"],
               "platform summary: users who reached the waiting room (count)"),
        MetricSpec("p_room_wait", .share, summary: [.platform], direction: .lowerIsBetter, requires: .waitingRoom, day: ["waiting_room_users"],
               "platform summary: share of room arrivals who had to wait"),
        MetricSpec("mean_room_wait_s", .seconds, summary: [.platform], direction: .lowerIsBetter, requires: .waitingRoom, day: ["waiting_room_users"],
               "platform summary: mean time in the waiting room per arrival (s)"),
        MetricSpec("mean_room_wait_admitted_s", .seconds, summary: [.platform], direction: .lowerIsBetter, requires: .waitingRoom, day: ["waiting_room_users"],
               "platform summary: mean room wait of admitted users (s)"),
        MetricSpec("mean_waiting_room_users", .level, summary: [.platform], direction: .lowerIsBetter, requires: .waitingRoom, day: ["waiting_room_users"],
               "platform summary: time-average number of users in the room"),
        MetricSpec("peak_waiting_room_users", .level, summary: [.platform], direction: .lowerIsBetter, requires: .waitingRoom, day: ["waiting_room_users"],
               "platform summary: most users in the room at once"),
        MetricSpec("p_room_balk", .share, summary: [.platform], direction: .lowerIsBetter, requires: .waitingRoom, day: ["balked"],
               "platform summary: share of room arrivals who balked"),
        MetricSpec("p_room_renege", .share, summary: [.platform], direction: .lowerIsBetter, requires: .waitingRoom, day: ["reneged_room"],
               "platform summary: share of room arrivals who reneged"),
        MetricSpec("bucket_refused", .count, summary: [.platform], direction: .lowerIsBetter, requires: .tokenBucket, day: ["refused"],
               "platform summary: users refused by the token bucket (count)"),
        MetricSpec("window_refused", .count, summary: [.platform], direction: .lowerIsBetter, requires: .timeWindow, day: ["refused"],
               "platform summary: users refused by a time window (count)"),
        MetricSpec("cap_refused", .count, summary: [.platform], direction: .lowerIsBetter, requires: .sessionCap, day: ["refused"],
               "platform summary: login attempts refused by a session cap, at the edge or after the login (count)"),
        MetricSpec("client_requests", .count, summary: [.platform], direction: .neither, requires: .clientPolicies,
               "platform summary: login attempts and page requests the users' clients attempted, locally throttled ones included, for platforms whose users have client policies (count)"),
        MetricSpec("throttled_locally", .count, summary: [.platform], direction: .lowerIsBetter, requires: .clientPolicies,
               "platform summary: client requests rejected locally by adaptive throttling (count)"),
        MetricSpec("p_throttled_locally", .share, summary: [.platform], direction: .lowerIsBetter, requires: .clientPolicies,
               "platform summary: share of client requests rejected locally by adaptive throttling"),
        MetricSpec("retries_suppressed", .count, summary: [.platform], direction: .lowerIsBetter, requires: .clientPolicies,
               "platform summary: login retries and page reloads the users would have made but their client's retry budget refused (count)"),
        MetricSpec("login_work_amplification", .ratio, summary: [.platform], direction: .lowerIsBetter, requires: .retryAmplification, day: ["attempts_retry"],
               "platform with `retry_amplification`: mean multiplier on the work of the logins it was sent, min(max, factor^k) after k failed attempts (1: no login followed a failure; NaN: no login sent; the platform's login work is this many times what the same logins cost without amplification)"),
        MetricSpec("first_ins", .count, series: [.segment], window: .sum, direction: .higherIsBetter,
               "segment series: visits getting their first page (count)"),
        MetricSpec("attack_offered", .count, summary: [.attack], series: [.attack], window: .sum, direction: .neither,
               "attack: requests sent (count)"),
        MetricSpec("attack_filtered", .count, summary: [.attack], series: [.attack], window: .sum, direction: .neither,
               "attack: requests stopped by the mitigation: geo-blocking, rate limit, filtering (count)"),
        MetricSpec("attack_dropped", .count, summary: [.attack], series: [.attack], window: .sum, direction: .neither,
               "attack: requests dropped beyond the filter's capacity, or by the pool: queue full (discrete), load beyond all workers (fluid) (count)"),
        MetricSpec("attack_served", .count, summary: [.attack], series: [.attack], window: .sum, direction: .lowerIsBetter,
               "attack: requests the target pool served (count)"),
        MetricSpec("attack_in_flight", .count, summary: [.attack], direction: .lowerIsBetter,
               "attack summary: discrete requests still queued or in service at the end (count)"),
        MetricSpec("legit_blocked", .count, summary: [.attack], series: [.attack], window: .sum, direction: .lowerIsBetter,
               "attack: legitimate requests blocked by the filter (false positives, over-capacity drops) (count)"),
        MetricSpec("legit_users_blocked", .count, summary: [.attack], series: [.attack], window: .sum, direction: .lowerIsBetter,
               "attack: visits with at least one request blocked by the filter (count)"),
        MetricSpec("mean_attack_busy_workers", .level, summary: [.attack], direction: .lowerIsBetter, day: ["attack_busy_workers"],
               "attack summary: time-average workers of the target pool busy with attack requests"),
        MetricSpec("share_capacity_left", .share, summary: [.attack], series: [.attack], window: .mean, direction: .higherIsBetter,
               "attack: share of the target pool's workers left to legitimate requests, time average"),
        MetricSpec("fluid_mode", .flag, summary: [.attack], direction: .neither,
               "attack summary: 1 when the attack ran as a fluid rate, 0 request by request"),
        MetricSpec("bursts", .modelCount, summary: [.attack], direction: .neither,
               "attack summary: bursts that happened (count)"),
        MetricSpec("mean_burst_recovery_s", .seconds, summary: [.attack], direction: .lowerIsBetter,
               "attack summary: mean time from a burst's end until the target pool is no longer overloaded (seconds, to one report interval)"),
        MetricSpec("max_burst_recovery_s", .seconds, summary: [.attack], direction: .lowerIsBetter,
               "attack summary: longest recovery after a burst (seconds)"),
        MetricSpec("bursts_not_recovered", .modelCount, summary: [.attack], direction: .lowerIsBetter,
               "attack summary: bursts after which the pool was still overloaded when the next burst began (count)"),
        MetricSpec("attack_end_clock_s", .clock, summary: [.attack], direction: .neither,
               "attack summary: clock time the attack last stopped sending"),
        MetricSpec("recovery_after_attack_s", .seconds, summary: [.attack], direction: .lowerIsBetter,
               "attack summary: time from the attack's end until the target pool is no longer overloaded (seconds; NaN: not within the run)"),
        MetricSpec("attack_offered_per_s", .perSecond, series: [.attack], window: .mean, direction: .neither,
               "attack series: requests sent per second"),
        MetricSpec("attack_filtered_per_s", .perSecond, series: [.attack], window: .mean, direction: .neither,
               "attack series: requests stopped by the mitigation per second"),
        MetricSpec("attack_served_per_s", .perSecond, series: [.attack], window: .mean, direction: .lowerIsBetter,
               "attack series: requests served by the target pool per second"),
        MetricSpec("attack_busy_workers", .level, series: [.attack], window: .mean, direction: .lowerIsBetter,
               "attack series: time-average workers busy with attack requests"),
        MetricSpec("capacity_left_workers", .level, series: [.attack], window: .mean, direction: .neither,
               "attack series: time-average workers left to legitimate requests"),
        MetricSpec("share_filter_effect", .share, series: [.attack], window: .mean, direction: .neither,
               "attack series: the mitigation's effect at the interval's end (0 off, 1 full)"),
        // The run as a whole: the simulator's own work.
        MetricSpec("events", .modelCount, summary: [.run], direction: .neither,
               "run: events the simulator processed (count; the simulation's work)"),
    ]

    private static let byName: [String: MetricSpec] = Dictionary(
        all.filter { !$0.isPattern }.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    private static let patterns = all.filter(\.isPattern)

    /// The entry of a reported name (`share_in_by_0900` finds `share_in_by_HHMM`, and so
    /// does the pattern itself), or nil.
    public static func spec(_ name: String) -> MetricSpec? {
        if let spec = byName[name] { return spec }
        return patterns.first { $0.name == name || $0.matches(name) }
    }

    /// Whether `name` is a summary metric of `kind`; the pattern itself is not (only its
    /// instances with a clock time are).
    public static func isSummary(_ name: String, of kind: EntityKind) -> Bool {
        guard !name.hasSuffix(clockPlaceholder), let spec = spec(name) else { return false }
        return spec.summaryKinds.contains(kind)
    }

    /// Whether `name` is a per-interval series metric of `kind`.
    public static func isSeries(_ name: String, of kind: EntityKind) -> Bool {
        guard let spec = spec(name) else { return false }
        return spec.seriesKinds.contains(kind)
    }

    /// The summary names of `kind` (patterns as written, `share_in_by_HHMM`), in catalogue
    /// order, those that need a feature (``MetricSpec/requires``) included.
    public static func summaryNames(of kind: EntityKind) -> [String] {
        all.filter { $0.summaryKinds.contains(kind) }.map(\.name)
    }

    public static func seriesNames(of kind: EntityKind) -> [String] {
        all.filter { $0.seriesKinds.contains(kind) }.map(\.name)
    }

    /// The series that shows `name` of an entity of `kind` over the day: the metric itself
    /// when it is a series of that kind, else the first of its ``MetricSpec/overTheDay``
    /// that the kind records (`saturated_until_clock_s` of a platform: `error_share`, of a
    /// pool: `utilization`); nil when none does.
    public static func daySeries(of name: String, kind: EntityKind) -> String? {
        guard let spec = spec(name) else { return nil }
        if !spec.isPattern, spec.seriesKinds.contains(kind) { return spec.name }
        return spec.overTheDay.first { isSeries($0, of: kind) }
    }

    /// The metrics an entity reports only when it has `requirement`, in catalogue order.
    public static func names(requiring requirement: MetricRequirement) -> [String] {
        all.filter { $0.requires == requirement }.map(\.name)
    }

    /// The `unit` column of a metric; `count` for a name outside the catalogue (which the
    /// tests forbid the simulator to write).
    public static func csvUnit(of name: String) -> String {
        spec(name)?.unit.csv ?? MetricUnit.count.csv
    }
}
