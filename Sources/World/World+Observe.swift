#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Interval bookkeeping and the end-of-run summary.
extension World {
    /// The scheduled end of a report interval. The last one, at the horizon, is left to
    /// ``finish()``, which closes it after every event of that instant: an event at the
    /// horizon that comes after this one (a waiting-room release or an autoscaling check due
    /// exactly then, and the requests it sends) would otherwise count in the run's totals but
    /// in no interval.
    mutating func intervalEndReached() {
        if currentInterval + 1 >= model.intervalCount && sim.now >= model.duration { return }
        intervalEnded()
    }

    /// Closes the current report interval: every entity's counters and time averages go
    /// into the series, and the interval counters start again.
    mutating func intervalEnded() {
        let now = sim.now
        let start = Double(currentInterval) * model.interval
        let width = max(1e-9, now - start)
        if !model.attacks.isEmpty { recordAttackInterval(now: now, width: width) }  // before the pools close theirs
        for p in pools.indices {
            let busyArea = pools[p].busyLevel.closeInterval(at: now)
            let queueArea = pools[p].queueLevel.closeInterval(at: now)
            let workersArea = pools[p].workersLevel.closeInterval(at: now)
            let c = pools[p].interval
            recorder.record(pool: p, [
                c.arrived, c.served, c.timedOut, c.rejected, c.wasted, c.dropped, c.reneged,
                c.arrived / width, c.served / width, model.pools[p].unlimited ? .nan : Double(pools[p].workers), busyArea / width,
                workersArea > 0 && !model.pools[p].unlimited ? busyArea / workersArea : .nan, queueArea / width,
                c.queueExits > 0 ? c.waitSum / c.queueExits : .nan,
                c.response.quantile(0.5), c.response.quantile(0.95),
            ])
            pools[p].interval.reset()
        }
        for p in platforms.indices {
            let sessionArea = platforms[p].sessionLevel.closeInterval(at: now)
            let presentArea = platforms[p].presentLevel.closeInterval(at: now)
            let orbitArea = platforms[p].orbitLevel.closeInterval(at: now)
            let c = platforms[p].interval
            recorder.record(platform: p, [
                c.attemptsFirst, c.attemptsRetry, c.admitted, c.refused, c.loginFailures, c.successfulLogins,
                c.gaveUp, c.forcedLogouts, c.idleLogouts, c.sessionsCompleted, c.pagesOK, c.pageTimeouts,
                sessionArea / width, Double(platforms[p].sessions), presentArea / width, orbitArea / width,
                model.platforms[p].capSessions.map(Double.init) ?? .nan,
                c.successfulLogins > 0 ? c.attempts / c.successfulLogins : .nan,
                c.answered > 0 ? c.errors / c.answered : .nan,
            ] + roomSeries(platform: p, now: now, width: width))
            platforms[p].interval.reset()
        }
        for s in segments.indices {
            recorder.record(segment: s, [segments[s].intervalVisits, segments[s].intervalFirstIns, segments[s].intervalGaveUp])
            segments[s].intervalVisits = 0
            segments[s].intervalFirstIns = 0
            segments[s].intervalGaveUp = 0
        }
        currentInterval += 1
        if currentInterval < model.intervalCount {
            sim.schedule(at: min(model.duration, Double(currentInterval + 1) * model.interval), .intervalEnd)
        }
    }

    /// The end of the run: the last interval closes and every summary figure is computed.
    mutating func finish() -> RunResult {
        if currentInterval < model.intervalCount { intervalEnded() }
        let now = sim.now
        if !measuring { startMeasuring(at: min(now, model.warmup)) }
        let measured = max(1e-9, now - model.warmup)
        var summary: [SummaryValue] = []
        func put(_ kind: EntityKind, _ entity: String, _ metric: String, _ value: Double) {
            assert(MetricCatalog.isSummary(metric, of: kind), "\(kind) summary metric \(metric) is not in MetricCatalog")
            summary.append(SummaryValue(kind: kind, entity: entity, metric: metric, unit: MetricCatalog.csvUnit(of: metric), value: value))
        }
        let overloadedPools = model.pools.indices.map(poolOverloaded)

        for (p, pool) in model.pools.enumerated() {
            pools[p].busyLevel.set(pools[p].busyLevel.value, at: now)
            pools[p].queueLevel.set(pools[p].queueLevel.value, at: now)
            pools[p].workersLevel.set(pools[p].workersLevel.value, at: now)
            let r = pools[p].run
            let busyArea = pools[p].busyLevel.runArea
            let workersArea = pools[p].workersLevel.runArea
            put(.pool, pool.name, "utilization", workersArea > 0 && !pool.unlimited ? busyArea / workersArea : .nan)
            put(.pool, pool.name, "busy_workers", busyArea / measured)
            put(.pool, pool.name, "mean_wait", r.queueExits > 0 ? r.waitSum / r.queueExits : .nan)
            put(.pool, pool.name, "mean_wait_served_s", r.serviceStarts > 0 ? r.servedWaitSum / r.serviceStarts : .nan)
            put(.pool, pool.name, "mean_response", r.served > 0 ? r.responseSum / r.served : .nan)
            put(.pool, pool.name, "p_wait", r.queueExits > 0 ? r.waited / r.queueExits : .nan)
            put(.pool, pool.name, "mean_queue", pools[p].queueLevel.runArea / measured)
            put(.pool, pool.name, "peak_queue", pools[p].queueLevel.peak)
            put(.pool, pool.name, "p_blocked", r.arrived > 0 ? r.rejected / r.arrived : .nan)
            put(.pool, pool.name, "p_abandon", r.arrived > 0 ? r.reneged / r.arrived : .nan)
            put(.pool, pool.name, "p_timeout", r.arrived > 0 ? r.timedOut / r.arrived : .nan)
            put(.pool, pool.name, "throughput_per_s", r.served / measured)
            put(.pool, pool.name, "p95_response_s", r.response.quantile(0.95))
            put(.pool, pool.name, "wasted", r.wasted)
            if pool.waitTarget != nil {
                put(.pool, pool.name, "p_wait_over_target", r.queueExits > 0 ? r.waitedOverTarget / r.queueExits : .nan)
            }
            if pool.responseTarget != nil {
                // Every request whose stay ended, answered or not: a failure is not within the target.
                let ended = r.served + r.rejected + r.reneged + r.dropped
                put(.pool, pool.name, "share_response_within_target", ended > 0 ? r.respondedWithinTarget / ended : .nan)
            }
            // A pool has no gate: saturated means overloaded.
            putSaturation(overloadedPools[p], .either, kind: .pool, entity: pool.name, put: put)
            putSaturation(overloadedPools[p], .overload, kind: .pool, entity: pool.name, put: put)
        }

        for (p, platform) in model.platforms.enumerated() {
            let r = platforms[p].run
            put(.platform, platform.name, "peak_active_sessions", platforms[p].sessionLevel.peak)
            put(.platform, platform.name, "peak_desired_sessions", platforms[p].presentLevel.peak)
            put(.platform, platform.name, "mean_active_sessions", platforms[p].sessionLevel.runArea / measured)
            put(.platform, platform.name, "attempts_first", r.attemptsFirst)
            put(.platform, platform.name, "attempts_retry", r.attemptsRetry)
            put(.platform, platform.name, "attempts_per_success", r.successfulLogins > 0 ? r.attempts / r.successfulLogins : .nan)
            put(.platform, platform.name, "refused", r.refused)
            put(.platform, platform.name, "forced_logouts", r.forcedLogouts + r.idleLogouts)
            put(.platform, platform.name, "goodput_pages_per_s", r.pagesOK / measured)
            let mine = model.segmentPlatform.indices.filter { model.segmentPlatform[$0] == p }
            let visits = mine.reduce(0) { $0 + segments[$1].visits }
            let neverIn = mine.reduce(0) { $0 + segments[$1].gaveUpNeverIn }
            put(.platform, platform.name, "visits", visits)
            put(.platform, platform.name, "share_never_in", visits > 0 ? neverIn / visits : .nan)
            for (k, checkpoint) in model.checkpoints.enumerated() {
                let arrivedBy = mine.reduce(0) { $0 + segments[$1].arrivedBy[k] }
                let inBy = mine.reduce(0) { $0 + segments[$1].inBy[k] }
                put(.platform, platform.name, Checkpoints.metricName(clock: model.startClock + checkpoint), arrivedBy > 0 ? inBy / arrivedBy : .nan)
            }
            let (overloaded, refusing) = platformSaturation(p, poolOverloaded: overloadedPools)
            putSaturation(zip(overloaded, refusing).map { $0 || $1 }, .either, kind: .platform, entity: platform.name, put: put)
            putSaturation(overloaded, .overload, kind: .platform, entity: platform.name, put: put)
            putSaturation(refusing, .refusal, kind: .platform, entity: platform.name, put: put)
            putGateSummary(platform: p, now: now, measured: measured, put: put)
            putClientSummary(platform: p, put: put)
            if platform.retryAmplification != nil {
                put(.platform, platform.name, "login_work_amplification", r.loginsSent > 0 ? r.loginWorkFactorSum / r.loginsSent : .nan)
            }
        }

        var present = Array(repeating: 0.0, count: segments.count)
        for u in 0..<users.capacity where users[u].phase != .gone {
            present[model.arrivals[Int(users[u].source)].segment] += 1
        }
        var accounts: [VisitAccount] = []
        for (s, name) in model.segmentNames.enumerated() {
            let g = segments[s]
            put(.segment, name, "visits", g.visits)
            put(.segment, name, "first_visits", g.firstVisits)
            put(.segment, name, "users_in", g.usersIn)
            put(.segment, name, "share_in", g.visits > 0 ? g.usersIn / g.visits : .nan)
            put(.segment, name, "share_never_in", g.visits > 0 ? g.gaveUpNeverIn / g.visits : .nan)
            put(.segment, name, "mean_time_to_first_page_s", g.firstPages > 0 ? g.timeToFirstPageSum / g.firstPages : .nan)
            put(.segment, name, "p50_time_to_first_page_s", g.timeToFirstPage.quantile(0.5))
            put(.segment, name, "p95_time_to_first_page_s", g.timeToFirstPage.quantile(0.95))
            for (k, checkpoint) in model.checkpoints.enumerated() {
                put(.segment, name, Checkpoints.metricName(clock: model.startClock + checkpoint), g.arrivedBy[k] > 0 ? g.inBy[k] / g.arrivedBy[k] : .nan)
            }
            accounts.append(VisitAccount(segment: name, visits: g.visits, leftDone: g.leftDone, leftForced: g.leftForced,
                                         gaveUpNeverIn: g.gaveUpNeverIn, gaveUpAfterIn: g.gaveUpAfterIn, presentAtEnd: present[s]))
        }
        summary += attackSummary(now: now, measured: measured)
        put(.run, "run", "events", Double(sim.firedEvents))
        var result = RunResult(scenario: scenarioName, startClock: model.startClock, interval: model.interval,
                               intervalCount: model.intervalCount, series: recorder.series + attacks.series, summary: summary,
                               visitAccounts: accounts, events: sim.firedEvents)
        result.tallies = tallies()
        return result.scaledToPopulation(fromSample: model.sample)
    }

    /// `0900` for 09:00 (simulation time → clock label).
}
