import Stochastics

/// A visit from arrival to departure: login attempts at the gate, retries, the session's
/// pages and think times, forced logouts, and how the visit ends.
extension World {
    mutating func arrival(_ s: Int) {
        let now = sim.now
        if let next = processes[s].next(arrivalStreams[s]), next <= model.duration {
            sim.schedule(at: next, .arrival(source: Int32(s)))
        }
        serials[s] &+= 1
        let u = users.add(source: Int32(s), random: EntityRandom.start(sourceKey: sourceKeys[s], serial: serials[s]), now: now)
        growJobSideTables()
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
            users.patienceDeadline[Int(u)] = now + draw(model.behaviours[source.behaviour].patience, for: u)
            loginAttempt(u)
        case .direct(let route, let kind, let queuePatience):
            users.phase[Int(u)] = .loggingIn
            let patience = queuePatience.map { draw($0, for: u) } ?? .infinity
            send(user: u, kind: kind, route: route, clientTimeout: .infinity, queuePatience: patience)
        }
    }

    /// The user asks the platform's gate to let them in.
    mutating func loginAttempt(_ u: Int32) {
        let now = sim.now
        let i = Int(u)
        let p = platformIndex(of: u)
        leaveOrbit(u, platform: p)
        users.attempts[i] += 1
        if users.attempts[i] == 1 && !users.everIn[i] && !users.cameBack[i] {
            platforms[p].count { $0.attemptsFirst += 1 }
        } else {
            platforms[p].count { $0.attemptsRetry += 1 }
        }
        let platform = model.platforms[p]
        users.phase[i] = .loggingIn
        if let cap = platform.cap, capIsOn(cap, platform: p, now: now), platforms[p].sessions >= cap.maxSessions {
            if cap.refuseAfterLogin {
                refusedAfterLogin[i] = true
                send(user: u, kind: .login, route: platform.loginRoute, clientTimeout: behaviour(of: u).clientTimeout)
            } else if let route = platform.refusalRoute {
                refusedAfterLogin[i] = false
                send(user: u, kind: .refusal, route: route, clientTimeout: behaviour(of: u).clientTimeout)
            } else {
                refused(u)
            }
            return
        }
        refusedAfterLogin[i] = false
        takeSlot(u, platform: p)
        platforms[p].count { $0.admitted += 1 }
        send(user: u, kind: .login, route: platform.loginRoute, clientTimeout: behaviour(of: u).clientTimeout)
    }

    /// Whether the platform's session cap applies now (its window, and its activation threshold).
    mutating func capIsOn(_ cap: SessionCapModel, platform p: Int, now: Double) -> Bool {
        guard now >= cap.activeFrom, now < cap.activeUntil else { return false }
        if !platforms[p].capLatched, platforms[p].sessions >= cap.activationSessions {
            platforms[p].capLatched = true
        }
        return platforms[p].capLatched
    }

    /// The gate said "come back later" (after the refusal page, if it costs anything).
    mutating func refused(_ u: Int32) {
        platforms[platformIndex(of: u)].count { $0.refused += 1 }
        retryOrGiveUp(u)
    }

    /// The login went through: the session starts with its first page.
    mutating func sessionStarted(_ u: Int32) {
        let now = sim.now
        let i = Int(u)
        let p = platformIndex(of: u)
        platforms[p].count { $0.successfulLogins += 1 }
        if !users.everIn[i] {
            users.everIn[i] = true
            let s = segmentIndex(of: u)
            segments[s].usersIn += 1
            segments[s].intervalFirstIns += 1
            if model.arrivals[Int(users.source[i])].isFirstVisit {
                segments[s].firstVisitsIn += 1
                for (k, checkpoint) in model.checkpoints.enumerated() where now <= checkpoint {
                    segments[s].inBy[k] += 1
                }
            }
        }
        let b = behaviour(of: u)
        if let limit = model.platforms[p].sessionLimit {
            let length = limit.limit + (limit.jitter.map { draw($0, for: u) } ?? 0)
            sim.schedule(after: max(0, length), .sessionLimit(user: u, session: users.session[i]))
        }
        users.pagesLeft[i] = Int32(max(1, draw(b.pages, for: u).rounded(.up)))
        users.reloads[i] = 0
        requestPage(u)
    }

    mutating func requestPage(_ u: Int32) {
        let i = Int(u)
        users.phase[i] = .requestingPage
        users.lastActivity[i] = sim.now
        let p = platformIndex(of: u)
        send(user: u, kind: .page, route: model.platforms[p].pageRoute, clientTimeout: behaviour(of: u).clientTimeout)
    }

    mutating func pageDone(_ u: Int32) {
        let now = sim.now
        let i = Int(u)
        let p = platformIndex(of: u)
        platforms[p].count { $0.pagesOK += 1 }
        if !users.firstPageSeen[i] {
            users.firstPageSeen[i] = true
            let s = segmentIndex(of: u)
            let wait = now - users.arrivalTime[i]
            segments[s].timeToFirstPage.record(wait)
            segments[s].timeToFirstPageSum += wait
            segments[s].firstPages += 1
        }
        users.reloads[i] = 0
        users.pagesLeft[i] -= 1
        users.lastActivity[i] = now
        if users.pagesLeft[i] <= 0 {
            platforms[p].count { $0.sessionsCompleted += 1 }
            releaseSlot(u, platform: p)
            leave(u, outcome: .done)
            return
        }
        let think = draw(behaviour(of: u).think, for: u)
        users.phase[i] = .thinking
        sim.schedule(after: think, .thinkDone(user: u, generation: users.actionGeneration[i]))
        if let idle = model.platforms[p].idleTimeout, think > idle {
            sim.schedule(after: idle, .idleExpiry(user: u, session: users.session[i]))
        }
    }

    mutating func thinkDone(_ u: Int32) {
        let i = Int(u)
        if users.holdsSlot[i] {
            requestPage(u)
            return
        }
        // The session expired while the user was reading: log in again, or leave.
        if uniform(for: u) < behaviour(of: u).reloginProbability {
            restartLogin(u)
            loginAttempt(u)
        } else {
            leave(u, outcome: .forced)
        }
    }

    /// The session's absolute time limit: forced logout ("réinitialisation automatique du login").
    mutating func sessionLimitReached(_ u: Int32) {
        let i = Int(u)
        guard users.holdsSlot[i], users.phase[i] == .thinking || users.phase[i] == .requestingPage else { return }
        let p = platformIndex(of: u)
        platforms[p].count { $0.forcedLogouts += 1 }
        releaseSlot(u, platform: p)
        abandonCurrentJob(u)
        users.actionGeneration[i] &+= 1  // cancels the pending think
        let b = behaviour(of: u)
        if uniform(for: u) < b.reloginProbability {
            restartLogin(u)
            enterOrbit(u, platform: p)
            sim.schedule(after: draw(b.reloginDelay, for: u), .loginAttempt(user: u, generation: users.actionGeneration[i]))
        } else {
            leave(u, outcome: .forced)
        }
    }

    /// An idle session expires: its slot is freed; the user notices at the next page.
    mutating func idleExpired(_ u: Int32) {
        let i = Int(u)
        guard users.holdsSlot[i], users.phase[i] == .thinking else { return }
        let p = platformIndex(of: u)
        platforms[p].count { $0.idleLogouts += 1 }
        releaseSlot(u, platform: p)
    }

    /// A new round of login attempts (after a forced logout): fresh retry count and patience.
    mutating func restartLogin(_ u: Int32) {
        let i = Int(u)
        users.attempts[i] = 0
        users.patienceDeadline[i] = sim.now + draw(behaviour(of: u).patience, for: u)
    }

    /// After a refusal or a failed login: retry later, within the limit and the patience, or give up.
    mutating func retryOrGiveUp(_ u: Int32) {
        let i = Int(u)
        let b = behaviour(of: u)
        let retries = Int(users.attempts[i]) - 1
        guard retries < b.retryLimit else { giveUp(u); return }
        let delay = draw(b.retryDelay, for: u)
        guard sim.now + delay <= users.patienceDeadline[i] else { giveUp(u); return }
        if b.retryProbability < 1, uniform(for: u) >= b.retryProbability { giveUp(u); return }
        enterOrbit(u, platform: platformIndex(of: u))
        sim.schedule(after: delay, .loginAttempt(user: u, generation: users.actionGeneration[i]))
    }

    mutating func giveUp(_ u: Int32) {
        let i = Int(u)
        let p = platformIndex(of: u)
        platforms[p].count { $0.gaveUp += 1 }
        segments[segmentIndex(of: u)].intervalGaveUp += 1
        if users.everIn[i] {
            leave(u, outcome: .gaveUpAfterIn)
            return
        }
        let b = behaviour(of: u)
        if let comeback = b.comeback, !users.cameBack[i], uniform(for: u) < comeback.probability {
            random.seek(users.random[i])
            let z = random.stream.standardNormal()
            users.random[i] = random.position
            let at = comeback.at - model.startClock + comeback.sd * z
            if at > sim.now, at <= model.duration {
                users.cameBack[i] = true
                users.attempts[i] = 0
                enterOrbit(u, platform: p)
                users.patienceDeadline[i] = at + draw(b.patience, for: u)
                sim.schedule(at: at, .loginAttempt(user: u, generation: users.actionGeneration[i]))
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
        users.phase[Int(u)] = .waitingToRetry
        if !users.inOrbit[Int(u)] {
            users.inOrbit[Int(u)] = true
            platforms[p].orbitLevel.add(1, at: sim.now)
        }
    }

    mutating func leaveOrbit(_ u: Int32, platform p: Int) {
        if users.inOrbit[Int(u)] {
            users.inOrbit[Int(u)] = false
            platforms[p].orbitLevel.add(-1, at: sim.now)
        }
    }

    mutating func takeSlot(_ u: Int32, platform p: Int) {
        users.holdsSlot[Int(u)] = true
        platforms[p].sessions += 1
        platforms[p].sessionLevel.add(1, at: sim.now)
    }

    mutating func releaseSlot(_ u: Int32, platform p: Int) {
        let i = Int(u)
        guard users.holdsSlot[i] else { return }
        users.holdsSlot[i] = false
        users.session[i] &+= 1  // the session's timers are now stale
        platforms[p].sessions -= 1
        platforms[p].sessionLevel.add(-1, at: sim.now)
    }

    /// The user stops waiting for their request; the work itself goes on (or is dropped).
    mutating func abandonCurrentJob(_ u: Int32) {
        let j = users.currentJob[Int(u)]
        guard j >= 0 else { return }
        jobs.clientGaveUp[Int(j)] = true
        users.currentJob[Int(u)] = -1
    }
}
