/// Gate observations: the waiting room's per-interval series and run summary, and the
/// raw tallies experiments pool over groups of segments.
extension World {
    /// `waiting_room_users` (time average), `admitted_from_room`, `balked`, `reneged_room`,
    /// summed over the platform's waiting rooms (NaN without one).
    mutating func roomSeries(platform p: Int, now: Double, width: Double) -> [Double] {
        var values: [Double]? = nil
        for step in model.platforms[p].gates {
            guard case .waitingRoom(let room) = step.kind else { continue }
            let g = step.state
            let area = gates[g].roomLevel.closeInterval(at: now)
            let c = gates[g].interval
            if room.capacity != nil, gates[g].started {
                gates[g].observedRate = gates[g].intervalReleases / width
            }
            gates[g].intervalReleases = 0
            let mine = [area / width, c.admittedFromRoom, c.balked, c.reneged]
            values = values.map { zip($0, mine).map(+) } ?? mine
        }
        for step in model.platforms[p].gates { gates[step.state].interval.reset() }
        return values ?? [.nan, .nan, .nan, .nan]
    }

    /// Each kind of gate the platform has adds its metrics (``AdmissionGate/summaryMetrics``),
    /// summed over its gates of that kind.
    func putGateSummary(platform p: Int, now: Double, measured: Double,
                        put: (EntityKind, String, String, Double) -> Void) {
        let name = model.platforms[p].name
        var rooms: (counters: GateCounters, area: Double, peak: Double)? = nil
        var buckets: GateCounters? = nil
        var windows: GateCounters? = nil
        var caps: GateCounters? = nil
        for step in model.platforms[p].gates {
            let r = gates[step.state].run
            switch step.kind {
            case .waitingRoom:
                var level = gates[step.state].roomLevel
                level.set(level.value, at: now)
                let sum = rooms.map { $0.counters + r } ?? r
                rooms = (sum, (rooms?.area ?? 0) + level.runArea, (rooms?.peak ?? 0) + level.peak)
            case .tokenBucket: buckets = buckets.map { $0 + r } ?? r
            case .timeWindows: windows = windows.map { $0 + r } ?? r
            case .sessionCap: caps = caps.map { $0 + r } ?? r
            }
        }
        if let (r, area, peak) = rooms {
            put(.platform, name, "room_arrivals", r.roomArrivals)
            put(.platform, name, "p_room_wait", r.roomArrivals > 0 ? r.roomEntered / r.roomArrivals : .nan)
            // Little's law over everyone who reached the room (served, reneging or balking): Lq / λ.
            put(.platform, name, "mean_room_wait_s", r.roomArrivals > 0 ? area / r.roomArrivals : .nan)
            put(.platform, name, "mean_room_wait_admitted_s", r.admittedFromRoom > 0 ? r.roomWaitSum / r.admittedFromRoom : .nan)
            put(.platform, name, "mean_waiting_room_users", area / measured)
            put(.platform, name, "peak_waiting_room_users", peak)
            put(.platform, name, "admitted_from_room", r.admittedFromRoom)
            put(.platform, name, "balked", r.balked)
            put(.platform, name, "reneged_room", r.reneged)
            put(.platform, name, "p_room_balk", r.roomArrivals > 0 ? r.balked / r.roomArrivals : .nan)
            put(.platform, name, "p_room_renege", r.roomArrivals > 0 ? r.reneged / r.roomArrivals : .nan)
        }
        if let r = buckets { put(.platform, name, "bucket_refused", r.bucketRefused) }
        if let r = windows { put(.platform, name, "window_refused", r.windowRefused) }
        if let r = caps { put(.platform, name, "cap_refused", r.capRefused) }
    }

    func tallies() -> RunTallies {
        var t = RunTallies()
        t.checkpointClocks = model.checkpoints.map { $0 + model.startClock }
        for (s, name) in model.segmentNames.enumerated() {
            let g = segments[s]
            let p = model.segmentPlatform[s]
            t.segments.append(SegmentTally(segment: name, platform: p >= 0 ? model.platforms[p].name : nil,
                                           firstVisits: g.firstVisits, firstPages: g.firstPages,
                                           timeToFirstPageSum: g.timeToFirstPageSum, arrivedBy: g.arrivedBy, inBy: g.inBy))
        }
        for (p, platform) in model.platforms.enumerated() {
            let r = platforms[p].run
            t.platforms.append(PlatformTally(platform: platform.name, attempts: r.attempts, refused: r.refused,
                                             successfulLogins: r.successfulLogins, forcedLogouts: r.forcedLogouts + r.idleLogouts))
        }
        return t
    }
}
