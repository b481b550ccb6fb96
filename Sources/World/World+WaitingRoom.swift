import Stochastics

/// The virtual waiting room (``WaitingRoomModel``): entering, balking on the displayed
/// wait, reneging by patience, and outflow by freed slot or by rate.
extension World {
    /// Whether the user goes straight through; otherwise they are now waiting in the room,
    /// or have balked.
    mutating func roomLetsThrough(_ u: Int32, platform p: Int) -> Bool {
        guard let room = model.platforms[p].room else { return true }
        let now = sim.now
        let i = Int(u)
        if now < room.preQueueOpens { return true }  // before the room (or its pre-queue) opens
        gates[p].count { $0.roomArrivals += 1 }
        if gates[p].started, gates[p].waiting == 0, canRelease(u, room, platform: p) {
            noteRelease(room, platform: p)
            return true
        }
        if room.showsWait, gates[p].started {
            let wait = displayedWait(room, platform: p)
            if !wait.isNaN {
                let limit = room.balkOver ?? (users[i].patienceDeadline - now)
                if wait > limit {
                    gates[p].count { $0.balked += 1 }
                    giveUp(u)
                    return false
                }
            }
        }
        gates[p].count { $0.roomEntered += 1 }
        users[i].phase = .inRoom
        let priority = model.platforms[p].reservedShare > 0 && !model.segmentReserved[segmentIndex(of: u)] ? 1 : 0
        gates[p].queues[priority].append(RoomEntry(user: u, generation: users[i].actionGeneration, since: now))
        gates[p].waiting += 1
        gates[p].roomLevel.add(1, at: now)
        if users[i].patienceDeadline.isFinite {
            sim.schedule(at: max(now, users[i].patienceDeadline), .roomRenege(user: u, generation: users[i].actionGeneration))
        }
        scheduleRoomRelease(platform: p)
        return false
    }

    /// The wait the room shows a newcomer: their position over the outflow rate
    /// (the configured rate, or the releases seen over the last report interval).
    func displayedWait(_ room: WaitingRoomModel, platform p: Int) -> Double {
        let position = Double(gates[p].waiting + 1)
        if let rate = room.rate { return position / rate }
        let observed = gates[p].observedRate
        guard observed.isFinite else { return .nan }
        return observed > 0 ? position / observed : .infinity
    }

    @inline(__always)
    func canRelease(_ u: Int32, _ room: WaitingRoomModel, platform p: Int) -> Bool {
        if let capacity = room.capacity {
            return platforms[p].sessions < admissionLimit(capacity, for: u, platform: p)
        }
        return sim.now >= gates[p].nextRelease
    }

    mutating func noteRelease(_ room: WaitingRoomModel, platform p: Int) {
        gates[p].intervalReleases += 1
        if let rate = room.rate { gates[p].nextRelease = max(sim.now, gates[p].nextRelease) + 1 / rate }
    }

    /// Asks for a release event if someone waits and none is pending (slot outflow: at once,
    /// when a slot is free; rate outflow: at the next release time).
    mutating func scheduleRoomRelease(platform p: Int) {
        guard let room = model.platforms[p].room, gates[p].started, !gates[p].releasePending, gates[p].waiting > 0 else { return }
        if let capacity = room.capacity {
            guard platforms[p].sessions < capacity else { return }
            gates[p].releasePending = true
            sim.schedule(at: sim.now, .roomRelease(platform: Int32(p)))
        } else {
            gates[p].releasePending = true
            sim.schedule(at: max(sim.now, gates[p].nextRelease), .roomRelease(platform: Int32(p)))
        }
    }

    /// Lets users out: as many as there are free slots, or one (rate outflow).
    mutating func roomRelease(platform p: Int) {
        gates[p].releasePending = false
        guard let room = model.platforms[p].room else { return }
        let stream = room.randomOrder ? gates[p].stream : nil
        while gates[p].waiting > 0 {
            // Reserved segments first; the others only within their share.
            var entry: RoomEntry? = nil
            if room.capacity.map({ platforms[p].sessions < $0 }) ?? true {
                entry = popLive(queue: 0, platform: p, stream: stream)
            }
            if entry == nil, gates[p].queues[1].count > 0 {
                if let capacity = room.capacity {
                    let limit = Int((Double(capacity) * (1 - model.platforms[p].reservedShare)).rounded(.down))
                    guard platforms[p].sessions < limit else { break }
                }
                entry = popLive(queue: 1, platform: p, stream: stream)
            }
            guard let e = entry else { break }
            releaseFromRoom(e, platform: p)
            noteRelease(room, platform: p)
            if room.rate != nil { break }
        }
        scheduleRoomRelease(platform: p)
    }

    /// The next entry of a class whose user still waits (reneged users' entries are skipped).
    mutating func popLive(queue c: Int, platform p: Int, stream: RandomStream?) -> RoomEntry? {
        while let e = gates[p].queues[c].pop(random: stream) {
            if users[e.user].phase == .inRoom, users[e.user].actionGeneration == e.generation { return e }
        }
        return nil
    }

    mutating func releaseFromRoom(_ e: RoomEntry, platform p: Int) {
        let now = sim.now
        let u = e.user
        gates[p].waiting -= 1
        gates[p].roomLevel.add(-1, at: now)
        gates[p].count {
            $0.admittedFromRoom += 1
            $0.roomWaitSum += now - e.since
        }
        users[u].actionGeneration &+= 1  // cancels the pending renege
        users[u].phase = .loggingIn
        if passBucket(u, platform: p) { admitOrRefuse(u, platform: p) }
    }

    /// The user's patience ran out in the room.
    mutating func roomRenege(_ u: Int32) {
        guard users[u].phase == .inRoom else { return }
        let p = platformIndex(of: u)
        gates[p].waiting -= 1
        gates[p].roomLevel.add(-1, at: sim.now)
        gates[p].count { $0.reneged += 1 }
        users[u].actionGeneration &+= 1  // the room entry is now stale
        users[u].phase = .waitingToRetry
        giveUp(u)
    }

    /// The pre-queue closes: everyone in it is shuffled (from the gate's own stream) and
    /// outflow starts.
    mutating func roomStart(platform p: Int) {
        gates[p].started = true
        if let stream = gates[p].stream {
            gates[p].queues[0].shuffle(stream)
            gates[p].queues[1].shuffle(stream)
        }
        scheduleRoomRelease(platform: p)
    }
}
