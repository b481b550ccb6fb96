import Stochastics

extension WaitingRoomModel: AdmissionGate {
    static let summaryMetrics = MetricCatalog.names(requiring: .waitingRoom)

    /// Lets the user straight through, or queues them (they may balk on the displayed wait).
    func answer(_ u: Int32, at site: GateSite, in world: inout World) -> GateAnswer {
        world.enterRoom(u, self, at: site)
    }
}

/// The virtual waiting room (``WaitingRoomModel``): entering, balking on the displayed
/// wait, reneging by patience, and outflow by freed slot or by rate. A room's state is
/// `gates[g]`; a user it lets out goes on to the gates after it.
extension World {
    /// The room model of gate state `g`.
    func room(_ g: Int) -> WaitingRoomModel? {
        let site = model.gateSites[g]
        guard case .waitingRoom(let room) = model.platforms[site.platform].gates[site.step].kind else { return nil }
        return room
    }

    mutating func enterRoom(_ u: Int32, _ room: WaitingRoomModel, at site: GateSite) -> GateAnswer {
        let now = sim.now
        let i = Int(u)
        let g = site.state
        if now < room.preQueueOpens { return .pass }  // before the room (or its pre-queue) opens
        gates[g].count { $0.roomArrivals += 1 }
        if gates[g].started, gates[g].waiting == 0, canRelease(u, room, at: site) {
            noteRelease(room, gate: g)
            return .pass
        }
        if room.showsWait, gates[g].started {
            let wait = displayedWait(room, gate: g)
            if !wait.isNaN {
                let limit = room.balkOver ?? (users[i].patienceDeadline - now)
                if wait > limit {
                    gates[g].count { $0.balked += 1 }
                    giveUp(u)
                    return .leave
                }
            }
        }
        gates[g].count { $0.roomEntered += 1 }
        users[i].phase = .inRoom
        let priority = model.platforms[site.platform].reservedShare > 0 && !model.segmentReserved[segmentIndex(of: u)] ? 1 : 0
        gates[g].queues[priority].append(RoomEntry(user: u, generation: users[i].actionGeneration, since: now))
        gates[g].waiting += 1
        gates[g].roomLevel.add(1, at: now)
        if users[i].patienceDeadline.isFinite {
            sim.schedule(at: max(now, users[i].patienceDeadline), .roomRenege(user: u, generation: users[i].actionGeneration, gate: Int32(g)))
        }
        scheduleRoomRelease(gate: g)
        return .enqueue
    }

    /// The wait the room shows a newcomer: their position over the outflow rate
    /// (the configured rate, or the releases seen over the last report interval).
    func displayedWait(_ room: WaitingRoomModel, gate g: Int) -> Double {
        let position = Double(gates[g].waiting + 1)
        if let rate = room.rate { return position / rate }
        let observed = gates[g].observedRate
        guard observed.isFinite else { return .nan }
        return observed > 0 ? position / observed : .infinity
    }

    @inline(__always)
    func canRelease(_ u: Int32, _ room: WaitingRoomModel, at site: GateSite) -> Bool {
        if let capacity = room.capacity {
            return platforms[site.platform].sessions < admissionLimit(capacity, for: u, platform: site.platform)
        }
        return sim.now >= gates[site.state].nextRelease
    }

    mutating func noteRelease(_ room: WaitingRoomModel, gate g: Int) {
        gates[g].intervalReleases += 1
        if let rate = room.rate { gates[g].nextRelease = max(sim.now, gates[g].nextRelease) + 1 / rate }
    }

    /// Asks for a release event if someone waits and none is pending (slot outflow: at once,
    /// when a slot is free; rate outflow: at the next release time).
    mutating func scheduleRoomRelease(gate g: Int) {
        guard gates[g].started, !gates[g].releasePending, gates[g].waiting > 0, let room = room(g) else { return }
        if let capacity = room.capacity {
            // Only when someone waiting could be let out: with reserved shares, users outside
            // them leave only below capacity × (1 − share). Asking for a release that frees
            // nobody would ask again at the same instant, forever. (Reserved entries may be
            // stale; a release that finds only stale ones clears them, and the next asks with
            // the lower limit.)
            let p = model.gateSites[g].platform
            let limit = gates[g].queues[0].count > 0 ? capacity : unreservedLimit(capacity, platform: p)
            guard platforms[p].sessions < limit else { return }
            gates[g].releasePending = true
            sim.schedule(at: sim.now, .roomRelease(gate: Int32(g)))
        } else {
            gates[g].releasePending = true
            sim.schedule(at: max(sim.now, gates[g].nextRelease), .roomRelease(gate: Int32(g)))
        }
    }

    /// Lets users out: as many as there are free slots, or one (rate outflow).
    mutating func roomRelease(gate g: Int) {
        gates[g].releasePending = false
        guard let room = room(g) else { return }
        let site = model.gateSites[g]
        let p = site.platform
        let stream = room.randomOrder ? gates[g].stream : nil
        while gates[g].waiting > 0 {
            // Reserved segments first; the others only within their share.
            var entry: RoomEntry? = nil
            if room.capacity.map({ platforms[p].sessions < $0 }) ?? true {
                entry = popLive(queue: 0, gate: g, stream: stream)
            }
            if entry == nil, gates[g].queues[1].count > 0 {
                if let capacity = room.capacity {
                    guard platforms[p].sessions < unreservedLimit(capacity, platform: p) else { break }
                }
                entry = popLive(queue: 1, gate: g, stream: stream)
            }
            guard let e = entry else { break }
            releaseFromRoom(e, at: site)
            noteRelease(room, gate: g)
            if room.rate != nil { break }
        }
        scheduleRoomRelease(gate: g)
    }

    /// The next entry of a class whose user still waits (reneged users' entries are skipped).
    mutating func popLive(queue c: Int, gate g: Int, stream: RandomStream?) -> RoomEntry? {
        while let e = gates[g].queues[c].pop(random: stream) {
            if users[e.user].phase == .inRoom, users[e.user].actionGeneration == e.generation { return e }
        }
        return nil
    }

    /// The user leaves the room and goes on to the gates after it.
    mutating func releaseFromRoom(_ e: RoomEntry, at site: GateSite) {
        let now = sim.now
        let u = e.user
        let g = site.state
        gates[g].waiting -= 1
        gates[g].roomLevel.add(-1, at: now)
        gates[g].count {
            $0.admittedFromRoom += 1
            $0.roomWaitSum += now - e.since
        }
        users[u].actionGeneration &+= 1  // cancels the pending renege
        users[u].phase = .loggingIn
        admit(u, platform: site.platform, from: site.step + 1)
    }

    /// The user's patience ran out in room `g`.
    mutating func roomRenege(_ u: Int32, gate g: Int) {
        guard users[u].phase == .inRoom else { return }
        gates[g].waiting -= 1
        gates[g].roomLevel.add(-1, at: sim.now)
        gates[g].count { $0.reneged += 1 }
        users[u].actionGeneration &+= 1  // the room entry is now stale
        users[u].phase = .waitingToRetry
        giveUp(u)
    }

    /// The pre-queue closes: everyone in it is shuffled (from the gate's own stream) and
    /// outflow starts.
    mutating func roomStart(gate g: Int) {
        gates[g].started = true
        if let stream = gates[g].stream {
            gates[g].queues[0].shuffle(stream)
            gates[g].queues[1].shuffle(stream)
        }
        scheduleRoomRelease(gate: g)
    }
}
