import Stochastics

/// A visit from arrival to departure: login attempts at the gate, retries, the session's
/// pages and think times, forced logouts, and how the visit ends.
extension World {
    /// The next visitor of an independent arrival source: plan the one after, then arrive.
    mutating func arrival(_ s: Int) {
        if let next = processes[s].next(arrivalStreams[s]), next <= model.duration {
            sim.schedule(at: next, .arrival(source: Int32(s)))
        }
        visitorArrives(s)
    }

    /// A visitor of source `s` arrives and heads for its platform (or its pool).
    mutating func visitorArrives(_ s: Int) {
        let now = sim.now
        serials[s] &+= 1
        let u = users.add(source: Int32(s), random: EntityRandom.start(sourceKey: sourceKeys[s], serial: serials[s]), now: now)
        clientStarts(u)
        let source = model.arrivals[s]
        segments[source.segment].visits += 1
        segments[source.segment].intervalVisits += 1
        if source.isFirstVisit {
            segments[source.segment].firstVisits += 1
            for (k, checkpoint) in model.checkpoints.enumerated() where now <= checkpoint {
                segments[source.segment].arrivedBy[k] += 1
            }
        }
        switch source.target {
        case .platform(let p):
            platforms[p].presentLevel.add(1, at: now)
            users[Int(u)].patienceDeadline = now + draw(model.behaviours[source.behaviour].patience, for: u)
            loginAttempt(u)
        case .direct(let route, let kind, let queuePatience):
            users[Int(u)].phase = .loggingIn
            let patience = queuePatience.map { draw($0, for: u) } ?? .infinity
            send(user: u, kind: kind, route: route, clientTimeout: .infinity, queuePatience: patience)
        }
    }

    /// The user asks the platform's gate to let them in.
    mutating func loginAttempt(_ u: Int32) {
        let i = Int(u)
        let p = platformIndex(of: u)
        leaveOrbit(u, platform: p)
        users[i].attempts += 1
        // The user's client may reject the attempt before it leaves: the platform never sees it.
        if clientRejectsLocally(u, retry: users[i].attempts > 1) {
            retryOrGiveUp(u)
            return
        }
        if users[i].attempts == 1 && !users[i].everIn && !users[i].cameBack {
            platforms[p].count { $0.attemptsFirst += 1 }
        } else {
            platforms[p].count { $0.attemptsRetry += 1 }
        }
        users[i].phase = .loggingIn
        admit(u, platform: p)
    }

    /// The gate said "come back later" (after the refusal page, if it costs anything).
    mutating func refused(_ u: Int32) {
        platforms[platformIndex(of: u)].count { $0.refused += 1 }
        users[u].failedLogins += 1
        retryOrGiveUp(u)
    }

    /// The login went through: the session starts with its first page.
    mutating func sessionStarted(_ u: Int32) {
        let now = sim.now
        let i = Int(u)
        let p = platformIndex(of: u)
        clientAccepted(u)
        platforms[p].count { $0.successfulLogins += 1 }
        users[i].failedLogins = 0
        if !users[i].everIn {
            users[i].everIn = true
            let s = segmentIndex(of: u)
            segments[s].usersIn += 1
            segments[s].intervalFirstIns += 1
            if model.arrivals[Int(users[i].source)].isFirstVisit {
                segments[s].firstVisitsIn += 1
                for (k, checkpoint) in model.checkpoints.enumerated() where now <= checkpoint {
                    segments[s].inBy[k] += 1
                }
            }
        }
        let b = behaviourIndex(of: u)
        if let limit = model.platforms[p].sessionLimit {
            let length = limit.limit + (limit.jitter.map { draw($0, for: u) } ?? 0)
            sim.schedule(after: max(0, length), .sessionLimit(user: u, session: users[i].session))
        }
        // Clamped before the conversion: a heavy-tailed draw of 1e300 pages is a session that
        // outlasts any run, not a trap.
        users[i].pagesLeft = Int32(min(Double(Int32.max), max(1, draw(model.behaviours[b].pages, for: u).rounded(.up))))
        users[i].reloads = 0
        requestPage(u)
    }

    mutating func requestPage(_ u: Int32) {
        let i = Int(u)
        users[i].phase = .requestingPage
        let p = platformIndex(of: u)
        // A page the client rejects locally fails at once, as a timed-out page would (reload or leave).
        if clientRejectsLocally(u, retry: users[i].reloads > 0) {
            reloadOrLeave(u, platform: p)
            return
        }
        send(user: u, kind: .page, route: model.platforms[p].pageRoute, clientTimeout: model.behaviours[behaviourIndex(of: u)].clientTimeout)
    }

    mutating func pageDone(_ u: Int32) {
        let now = sim.now
        let i = Int(u)
        let p = platformIndex(of: u)
        platforms[p].count { $0.pagesOK += 1 }
        clientAccepted(u)
        if !users[i].firstPageSeen {
            users[i].firstPageSeen = true
            let s = segmentIndex(of: u)
            let wait = now - users[i].arrivalTime
            segments[s].timeToFirstPage.record(wait)
            segments[s].timeToFirstPageSum += wait
            segments[s].firstPages += 1
        }
        users[i].reloads = 0
        users[i].pagesLeft -= 1
        if users[i].pagesLeft <= 0 {
            platforms[p].count { $0.sessionsCompleted += 1 }
            releaseSlot(u, platform: p)
            leave(u, outcome: .done)
            return
        }
        let think = draw(model.behaviours[behaviourIndex(of: u)].think, for: u)
        users[i].phase = .thinking
        sim.schedule(after: think, .thinkDone(user: u, generation: users[i].actionGeneration))
        if let idle = model.platforms[p].idleTimeout, think > idle {
            sim.schedule(after: idle, .idleExpiry(user: u, session: users[i].session))
        }
    }

    mutating func thinkDone(_ u: Int32) {
        let i = Int(u)
        if users[i].holdsSlot {
            requestPage(u)
            return
        }
        // The session expired while the user was reading: log in again, or leave.
        if uniform(for: u) < model.behaviours[behaviourIndex(of: u)].reloginProbability {
            restartLogin(u)
            loginAttempt(u)
        } else {
            leave(u, outcome: .forced)
        }
    }

    /// The session's absolute time limit: forced logout ("réinitialisation automatique du login").
    mutating func sessionLimitReached(_ u: Int32) {
        let i = Int(u)
        guard users[i].holdsSlot, users[i].phase == .thinking || users[i].phase == .requestingPage else { return }
        let p = platformIndex(of: u)
        platforms[p].count { $0.forcedLogouts += 1 }
        releaseSlot(u, platform: p)
        abandonCurrentJob(u)
        users[i].actionGeneration &+= 1  // cancels the pending think
        let b = behaviourIndex(of: u)
        if uniform(for: u) < model.behaviours[b].reloginProbability {
            restartLogin(u)
            enterOrbit(u, platform: p)
            sim.schedule(after: draw(model.behaviours[b].reloginDelay, for: u), .loginAttempt(user: u, generation: users[i].actionGeneration))
        } else {
            leave(u, outcome: .forced)
        }
    }

    /// An idle session expires: its slot is freed; the user notices at the next page.
    mutating func idleExpired(_ u: Int32) {
        let i = Int(u)
        guard users[i].holdsSlot, users[i].phase == .thinking else { return }
        let p = platformIndex(of: u)
        platforms[p].count { $0.idleLogouts += 1 }
        releaseSlot(u, platform: p)
    }

    /// A new round of login attempts (after a forced logout): fresh retry count and patience.
    mutating func restartLogin(_ u: Int32) {
        let i = Int(u)
        users[i].attempts = 0
        users[i].patienceDeadline = sim.now + draw(model.behaviours[behaviourIndex(of: u)].patience, for: u)
    }

    /// After a refusal, a failed login or a locally rejected attempt: retry later, within the
    /// limit, the patience and the client's retry budget, or give up.
    mutating func retryOrGiveUp(_ u: Int32) {
        let i = Int(u)
        let b = behaviourIndex(of: u)
        let retries = Int(users[i].attempts) - 1
        guard retries < model.behaviours[b].retryLimit else { giveUp(u); return }
        let delay = retryDelay(u, retry: retries + 1)
        guard sim.now + delay <= users[i].patienceDeadline else { giveUp(u); return }
        if model.behaviours[b].retryProbability < 1, uniform(for: u) >= model.behaviours[b].retryProbability { giveUp(u); return }
        // Last, so that only retries the user would have made count as suppressed by the budget.
        guard clientAllowsRetry(u, attempt: Int(users[i].attempts) + 1) else { giveUp(u); return }
        enterOrbit(u, platform: platformIndex(of: u))
        sim.schedule(after: delay, .loginAttempt(user: u, generation: users[i].actionGeneration))
    }

    mutating func giveUp(_ u: Int32) {
        let i = Int(u)
        let p = platformIndex(of: u)
        platforms[p].count { $0.gaveUp += 1 }
        segments[segmentIndex(of: u)].intervalGaveUp += 1
        if users[i].everIn {
            leave(u, outcome: .gaveUpAfterIn)
            return
        }
        let b = behaviourIndex(of: u)
        if let comeback = model.behaviours[b].comeback, !users[i].cameBack, uniform(for: u) < comeback.probability {
            let z = random.standardNormal(at: &users[i].random)
            let at = comeback.at - model.startClock + comeback.sd * z
            if at > sim.now, at <= model.duration {
                users[i].cameBack = true
                users[i].attempts = 0
                enterOrbit(u, platform: p)
                users[i].patienceDeadline = at + draw(model.behaviours[b].patience, for: u)
                sim.schedule(at: at, .loginAttempt(user: u, generation: users[i].actionGeneration))
                return
            }
        }
        leave(u, outcome: .gaveUpNeverIn)
    }

    enum Outcome { case done, forced, gaveUpNeverIn, gaveUpAfterIn, direct }

    mutating func leave(_ u: Int32, outcome: Outcome) {
        let s = segmentIndex(of: u)
        switch outcome {
        case .done, .direct: segments[s].leftDone += 1
        case .forced: segments[s].leftForced += 1
        case .gaveUpNeverIn: segments[s].gaveUpNeverIn += 1
        case .gaveUpAfterIn: segments[s].gaveUpAfterIn += 1
        }
        let p = model.segmentPlatform[s]
        if p >= 0 {
            leaveOrbit(u, platform: p)
            platforms[p].presentLevel.add(-1, at: sim.now)
        }
        users.remove(u)
    }

    /// The user waits to try again (the retry orbit of retrial queues).
    mutating func enterOrbit(_ u: Int32, platform p: Int) {
        users[Int(u)].phase = .waitingToRetry
        if !users[Int(u)].inOrbit {
            users[Int(u)].inOrbit = true
            platforms[p].orbitLevel.add(1, at: sim.now)
        }
    }

    mutating func leaveOrbit(_ u: Int32, platform p: Int) {
        if users[Int(u)].inOrbit {
            users[Int(u)].inOrbit = false
            platforms[p].orbitLevel.add(-1, at: sim.now)
        }
    }

    mutating func takeSlot(_ u: Int32, platform p: Int) {
        users[Int(u)].holdsSlot = true
        platforms[p].sessions += 1
        platforms[p].sessionLevel.add(1, at: sim.now)
    }

    mutating func releaseSlot(_ u: Int32, platform p: Int) {
        let i = Int(u)
        guard users[i].holdsSlot else { return }
        users[i].holdsSlot = false
        users[i].session &+= 1  // the session's timers are now stale
        platforms[p].sessions -= 1
        platforms[p].sessionLevel.add(-1, at: sim.now)
        for g in model.platforms[p].slotRooms { scheduleRoomRelease(gate: g) }
    }

    /// The user stops waiting for their request; the work itself goes on (or is dropped).
    mutating func abandonCurrentJob(_ u: Int32) {
        let j = users[Int(u)].currentJob
        guard j >= 0 else { return }
        jobs[Int(j)].clientGaveUp = true
        users[Int(u)].currentJob = -1
    }
}
