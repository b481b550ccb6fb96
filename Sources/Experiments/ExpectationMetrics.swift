import World

/// The metrics an expectation can read, by entity kind and by where they come from: the
/// run summary (no `at`/`from`/`to`) or the per-interval series (with them).
///
/// These lists mirror what `World` writes (`World+Observe.swift`, `SeriesRecorder.swift`);
/// a test compares them with a real run so they cannot drift apart silently.
public enum ExpectationMetrics {
    /// Summary metrics per entity kind, in the order the simulator writes them.
    /// `share_in_by_HHMM` exists for each of 08:00, 09:00, 10:00, 12:00, 14:00 inside the run.
    public static let summary: [EntityKind: [String]] = [
        .pool: [
            "utilization", "busy_workers", "mean_wait", "mean_wait_served_s", "mean_response", "p_wait", "mean_queue", "p_blocked",
            "p_abandon", "p_timeout", "throughput_per_s", "p95_response_s", "wasted",
            "saturation_onset_clock_s", "saturated_until_clock_s", "saturated_share",
            "overload_onset_clock_s", "overloaded_until_clock_s", "overloaded_share",
        ] + serviceLevelPoolSummary,
        .platform: [
            "peak_active_sessions", "peak_desired_sessions", "mean_active_sessions", "attempts_first", "attempts_retry",
            "attempts_per_success", "refused", "forced_logouts", "goodput_pages_per_s", "visits", "share_never_in",
            "share_in_by_HHMM", "saturation_onset_clock_s", "saturated_until_clock_s", "saturated_share",
            "overload_onset_clock_s", "overloaded_until_clock_s", "overloaded_share",
            "refusal_onset_clock_s", "refusing_until_clock_s", "refusing_share",
        ] + gatedPlatformSummary + clientPlatformSummary,
        .segment: [
            "visits", "first_visits", "users_in", "share_in", "share_never_in", "mean_time_to_first_page_s",
            "p50_time_to_first_page_s", "p95_time_to_first_page_s", "share_in_by_HHMM",
        ],
        .attack: [
            "attack_offered", "attack_filtered", "attack_dropped", "attack_served", "attack_in_flight",
            "legit_blocked", "legit_users_blocked", "mean_attack_busy_workers", "share_capacity_left",
            "fluid_mode", "bursts", "mean_burst_recovery_s", "max_burst_recovery_s", "bursts_not_recovered",
            "attack_end_clock_s", "recovery_after_attack_s",
        ],
    ]

    /// Pool summary metrics written only for pools with a `service_level` (each for its threshold).
    public static let serviceLevelPoolSummary = ["p_wait_over_target", "share_response_within_target"]

    /// Platform summary metrics written only for platforms with a gate of the kind that
    /// declares them (a waiting room, a token bucket, time windows, a session cap).
    public static let gatedPlatformSummary = GateMetrics.summary

    /// Platform summary metrics written only for platforms whose users' behaviour has
    /// client policies (adaptive throttling, a retry budget or backoff).
    public static let clientPlatformSummary = [
        "client_requests", "throttled_locally", "p_throttled_locally", "retries_suppressed",
    ]

    /// Per-interval series metrics per entity kind, in the order the simulator records them.
    public static let series: [EntityKind: [String]] = [
        .pool: [
            "arrived", "served", "timed_out", "rejected", "wasted", "dropped", "reneged",
            "arrival_rate_per_s", "throughput_per_s", "workers", "busy_workers", "utilization",
            "mean_queue", "mean_wait_s", "p50_response_s", "p95_response_s",
        ],
        .platform: [
            "attempts_first", "attempts_retry", "admitted", "refused", "login_failures", "successful_logins",
            "gave_up", "forced_logouts", "idle_logouts", "sessions_completed", "pages_ok", "page_timeouts",
            "active_sessions", "active_sessions_end", "desired_sessions", "waiting_users", "session_cap",
            "attempts_per_success", "error_share", "waiting_room_users", "admitted_from_room", "balked", "reneged_room",
        ],
        .segment: ["visits", "first_ins", "gave_up"],
        .attack: [
            "attack_offered", "attack_filtered", "attack_dropped", "attack_served",
            "attack_offered_per_s", "attack_filtered_per_s", "attack_served_per_s", "attack_busy_workers", "capacity_left_workers", "share_capacity_left", "share_filter_effect",
            "legit_blocked", "legit_users_blocked",
        ],
    ]

    /// Entity kinds tried, in order, when an entity name is used by several kinds (a pool
    /// and a platform are often both called `ode_hdf`): the platform is what users see.
    static let kindPreference: [EntityKind] = [.platform, .pool, .segment, .attack]

    /// How a series is aggregated over the intervals of a `from`/`to` window.
    public enum WindowAggregation: Sendable, Hashable {
        /// Counts: summed over the window.
        case sum
        /// Levels, rates and shares: averaged over the intervals that have a value.
        case mean
        /// attempts_per_success: (Σ attempts_first + Σ attempts_retry) / Σ successful_logins.
        case attemptsPerSuccess
    }

    static let countSeries: Set<String> = [
        "arrived", "served", "timed_out", "rejected", "wasted", "dropped", "reneged",
        "attempts_first", "attempts_retry", "admitted", "refused", "login_failures", "successful_logins",
        "gave_up", "forced_logouts", "idle_logouts", "sessions_completed", "pages_ok", "page_timeouts",
        "visits", "first_ins",
        "attack_offered", "attack_filtered", "attack_dropped", "attack_served", "legit_blocked", "legit_users_blocked",
    ]

    public static func windowAggregation(of metric: String) -> WindowAggregation {
        if metric == "attempts_per_success" { return .attemptsPerSuccess }
        return countSeries.contains(metric) ? .sum : .mean
    }

    /// How a metric's values read to a person.
    public enum Unit: Sendable, Hashable {
        case number, share, seconds, perSecond, clock
    }

    public static func unit(of metric: String) -> Unit {
        if metric.hasSuffix("_clock_s") { return .clock }
        if metric.hasSuffix("_per_s") { return .perSecond }
        if metric.hasSuffix("_s") || metric == "mean_wait" || metric == "mean_response" { return .seconds }
        if metric.hasPrefix("p_") || metric.hasPrefix("share_") || metric.hasSuffix("_share")
            || metric == "utilization" || metric == "share_in" { return .share }
        return .number
    }

    /// Whether `metric` names a summary metric of `kind` (`share_in_by_0900` matches
    /// `share_in_by_HHMM`).
    static func isSummary(_ metric: String, of kind: EntityKind) -> Bool {
        guard let names = summary[kind] else { return false }
        if names.contains(metric) { return metric != "share_in_by_HHMM" }
        return names.contains("share_in_by_HHMM") && isCheckpointShare(metric)
    }

    static func isSeries(_ metric: String, of kind: EntityKind) -> Bool {
        series[kind]?.contains(metric) ?? false
    }

    static func isCheckpointShare(_ metric: String) -> Bool {
        guard metric.hasPrefix("share_in_by_") else { return false }
        let digits = metric.dropFirst("share_in_by_".count)
        return digits.count == 4 && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
