/// The per-interval time series, filled at each interval's end. Memory is
/// O(entities × metrics × intervals), never O(requests).
struct SeriesRecorder {
    static let poolMetrics = [
        "arrived", "served", "timed_out", "rejected", "wasted", "dropped", "reneged",
        "arrival_rate_per_s", "throughput_per_s", "workers", "busy_workers", "utilization",
        "mean_queue", "mean_wait_s", "p50_response_s", "p95_response_s",
    ]
    static let platformMetrics = [
        "attempts_first", "attempts_retry", "admitted", "refused", "login_failures", "successful_logins",
        "gave_up", "forced_logouts", "idle_logouts", "sessions_completed", "pages_ok", "page_timeouts",
        "active_sessions", "active_sessions_end", "desired_sessions", "waiting_users", "session_cap",
        "attempts_per_success", "error_share",
        // Waiting-room gates (NaN on platforms without a room).
        "waiting_room_users", "admitted_from_room", "balked", "reneged_room",
    ]
    static let segmentMetrics = ["visits", "first_ins", "gave_up"]

    /// The number of series a run of `model` records: the recorder's and the attacks'
    /// (``World/attackSeriesMetrics``), as ``init(model:)`` and ``AttackRuntime`` build them.
    static func count(for model: CompiledModel) -> Int {
        model.pools.count * poolMetrics.count + model.platforms.count * platformMetrics.count
            + model.segmentNames.count * segmentMetrics.count + model.attacks.count * World.attackSeriesMetrics.count
    }

    var series: [Series]
    let poolBase: Int
    let platformBase: Int
    let segmentBase: Int

    init(model: CompiledModel) {
        var all: [Series] = []
        func add(_ kind: EntityKind, _ names: [String], _ metrics: [String]) {
            for name in names {
                for metric in metrics {
                    var values: [Double] = []
                    values.reserveCapacity(model.intervalCount)
                    all.append(Series(kind: kind, entity: name, metric: metric, values: values))
                }
            }
        }
        poolBase = 0
        add(.pool, model.pools.map(\.name), Self.poolMetrics)
        platformBase = all.count
        add(.platform, model.platforms.map(\.name), Self.platformMetrics)
        segmentBase = all.count
        add(.segment, model.segmentNames, Self.segmentMetrics)
        series = all
    }

    mutating func record(pool p: Int, _ values: [Double]) {
        let base = poolBase + p * Self.poolMetrics.count
        for (k, v) in values.enumerated() { series[base + k].values.append(v) }
    }

    mutating func record(platform p: Int, _ values: [Double]) {
        let base = platformBase + p * Self.platformMetrics.count
        for (k, v) in values.enumerated() { series[base + k].values.append(v) }
    }

    mutating func record(segment s: Int, _ values: [Double]) {
        let base = segmentBase + s * Self.segmentMetrics.count
        for (k, v) in values.enumerated() { series[base + k].values.append(v) }
    }

    func values(pool p: Int, _ metric: String) -> [Double] {
        series[poolBase + p * Self.poolMetrics.count + Self.poolMetrics.firstIndex(of: metric)!].values
    }

    func values(platform p: Int, _ metric: String) -> [Double] {
        series[platformBase + p * Self.platformMetrics.count + Self.platformMetrics.firstIndex(of: metric)!].values
    }
}
