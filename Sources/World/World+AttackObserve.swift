/// What attacks did, per report interval and per run: requests offered, filtered, dropped
/// and served; legitimate requests and users the filter blocked; the capacity the attack
/// left to legitimate users; and how long the target pool took to recover.
extension World {
    /// Per-interval series of each attack, in the order they are recorded.
    static let attackSeriesMetrics = [
        "attack_offered", "attack_filtered", "attack_dropped", "attack_served",
        "attack_offered_per_s", "attack_filtered_per_s", "attack_served_per_s", "attack_busy_workers", "capacity_left_workers", "share_capacity_left", "share_filter_effect",
        "legit_blocked", "legit_users_blocked",
    ]

    /// Run summary metrics of each attack, in the order they are written.
    static let attackSummaryMetrics = [
        "attack_offered", "attack_filtered", "attack_dropped", "attack_served", "attack_in_flight",
        "legit_blocked", "legit_users_blocked", "mean_attack_busy_workers", "share_capacity_left",
        "fluid_mode", "bursts", "mean_burst_recovery_s", "max_burst_recovery_s", "bursts_not_recovered",
        "attack_end_clock_s", "recovery_after_attack_s",
    ]

    /// The end of the warm-up for attacks: their run counters start.
    mutating func startMeasuringAttacks(at now: Double) {
        for a in attacks.states.indices {
            accountFluid(a, until: now)
            attacks.states[a].measuring = true
            attacks.states[a].busyLevel.startMeasuring(at: now)
        }
    }

    /// Closes the report interval for every attack. Called before the pools close theirs
    /// (it reads the pool's workers over the interval from a copy of their level).
    mutating func recordAttackInterval(now: Double, width: Double) {
        if attacks.series.isEmpty {
            attacks.series = model.attacks.flatMap { m in
                Self.attackSeriesMetrics.map { Series(kind: .attack, entity: m.name, metric: $0, values: []) }
            }
        }
        for a in attacks.states.indices {
            accountFluid(a, until: now)
            let p = model.attacks[a].pool
            var workersLevel = pools[p].workersLevel
            let workers = workersLevel.closeInterval(at: now) / width
            let busy = attacks.states[a].busyLevel.closeInterval(at: now) / width
            let left = max(0, workers - busy)
            let c = attacks.states[a].interval
            let step = attacks.states[a].step
            let effect = step >= 0 ? attacks.states[a].profile.steps[step].effect : 0
            let values = [c.offered, c.filtered, c.dropped, c.served,
                          c.offered / width, c.filtered / width, c.served / width, busy, left, workers > 0 ? left / workers : .nan, effect,
                          c.legitBlocked, c.legitUsersBlocked]
            let base = a * Self.attackSeriesMetrics.count
            for (k, v) in values.enumerated() { attacks.series[base + k].values.append(v) }
            attacks.states[a].interval.reset()
        }
    }

    /// The run summary of every attack (after the last interval has closed).
    mutating func attackSummary(now: Double, measured: Double) -> [SummaryValue] {
        var out: [SummaryValue] = []
        for (a, m) in model.attacks.enumerated() {
            func put(_ metric: String, _ value: Double) {
                out.append(SummaryValue(kind: .attack, entity: m.name, metric: metric, unit: MetricCatalog.csvUnit(of: metric), value: value))
            }
            accountFluid(a, until: now)
            attacks.states[a].busyLevel.set(attacks.states[a].busyLevel.value, at: now)
            var workersLevel = pools[m.pool].workersLevel
            workersLevel.set(workersLevel.value, at: now)
            let busy = attacks.states[a].busyLevel.runArea / measured
            let workers = workersLevel.runArea / measured
            let r = attacks.states[a].run
            put("attack_offered", r.offered)
            put("attack_filtered", r.filtered)
            put("attack_dropped", r.dropped)
            put("attack_served", r.served)
            put("attack_in_flight", Double(attacks.states[a].inFlight))
            put("legit_blocked", r.legitBlocked)
            put("legit_users_blocked", r.legitUsersBlocked)
            put("mean_attack_busy_workers", busy)
            put("share_capacity_left", workers > 0 ? max(0, workers - busy) / workers : .nan)
            put("fluid_mode", m.fluid ? 1 : 0)
            let recovery = attackRecovery(a)
            put("bursts", Double(attacks.states[a].profile.bursts.count))
            let recovered = recovery.bursts.compactMap { $0 }
            put("mean_burst_recovery_s", recovered.isEmpty ? .nan : recovered.reduce(0, +) / Double(recovered.count))
            put("max_burst_recovery_s", recovered.max() ?? .nan)
            put("bursts_not_recovered", Double(recovery.bursts.count - recovered.count))
            put("attack_end_clock_s", attacks.states[a].profile.end.map { model.startClock + $0 } ?? .nan)
            put("recovery_after_attack_s", recovery.afterEnd ?? .nan)
        }
        return out
    }

    /// Recovery of the attacked pool after each burst and after the attack's end: the time
    /// from the end to the start of the first report interval, starting at or after it, in
    /// which the pool is not overloaded (the overload test of the run summary, with the
    /// scenario's `saturation:` thresholds: by default utilisation below 95% and at most
    /// 1% of legitimate requests failing). Exact to one report interval. A burst whose pool
    /// is still overloaded when the next burst starts has not recovered (nil), nor has an
    /// end after which the pool stays overloaded to the horizon.
    func attackRecovery(_ a: Int) -> (bursts: [Double?], afterEnd: Double?) {
        let overloaded = poolOverloaded(model.attacks[a].pool)
        let width = model.interval
        func recovery(after end: Double, before limit: Double) -> Double? {
            var i = Int((end / width - 1e-9).rounded(.up))
            while i < overloaded.count {
                let start = Double(i) * width
                if start > limit { return nil }
                if !overloaded[i] { return start - end }
                i += 1
            }
            return nil
        }
        let bursts = attacks.states[a].profile.bursts.sorted { $0.start < $1.start }
        var out: [Double?] = []
        for (k, b) in bursts.enumerated() where b.end < model.duration {
            let next = bursts[(k + 1)...].first { $0.start >= b.end }?.start ?? .infinity
            out.append(recovery(after: b.end, before: next))
        }
        let afterEnd = attacks.states[a].profile.end.flatMap { $0 < model.duration ? recovery(after: $0, before: .infinity) : nil }
        return (out, afterEnd)
    }
}
