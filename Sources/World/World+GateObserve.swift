/// Gate observations: the waiting room's per-interval series and run summary, and the
/// raw tallies experiments pool over groups of segments.
extension World {
    /// `waiting_room_users` (time average), `admitted_from_room`, `balked`, `reneged_room`.
    mutating func roomSeries(platform p: Int, now: Double, width: Double) -> [Double] {
        guard let room = model.platforms[p].room else { return [.nan, .nan, .nan, .nan] }
        let area = gates[p].roomLevel.closeInterval(at: now)
        let c = gates[p].interval
        if room.capacity != nil, gates[p].started {
            gates[p].observedRate = gates[p].intervalReleases / width
        }
        gates[p].intervalReleases = 0
        gates[p].interval.reset()
        return [area / width, c.admittedFromRoom, c.balked, c.reneged]
    }

    func putGateSummary(platform p: Int, now: Double, measured: Double,
                        put: (EntityKind, String, String, Double) -> Void) {
        let name = model.platforms[p].name
        let r = gates[p].run
        if model.platforms[p].room != nil {
            var level = gates[p].roomLevel
            level.set(level.value, at: now)
            put(.platform, name, "room_arrivals", r.roomArrivals)
            put(.platform, name, "p_room_wait", r.roomArrivals > 0 ? r.roomEntered / r.roomArrivals : .nan)
            // Little's law over everyone who reached the room (served, reneging or balking): Lq / λ.
            put(.platform, name, "mean_room_wait_s", r.roomArrivals > 0 ? level.runArea / r.roomArrivals : .nan)
            put(.platform, name, "mean_room_wait_admitted_s", r.admittedFromRoom > 0 ? r.roomWaitSum / r.admittedFromRoom : .nan)
            put(.platform, name, "mean_waiting_room_users", level.runArea / measured)
            put(.platform, name, "peak_waiting_room_users", level.peak)
            put(.platform, name, "admitted_from_room", r.admittedFromRoom)
            put(.platform, name, "balked", r.balked)
            put(.platform, name, "reneged_room", r.reneged)
            put(.platform, name, "p_room_balk", r.roomArrivals > 0 ? r.balked / r.roomArrivals : .nan)
            put(.platform, name, "p_room_renege", r.roomArrivals > 0 ? r.reneged / r.roomArrivals : .nan)
        }
        if model.platforms[p].bucket != nil { put(.platform, name, "bucket_refused", r.bucketRefused) }
        if model.segmentPlatform.indices.contains(where: { model.segmentPlatform[$0] == p && !model.segmentWindows[$0].isEmpty }) {
            put(.platform, name, "window_refused", r.windowRefused)
        }
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
