import Stochastics

/// The admission pipeline: a login meets the platform's gates in the order its `gate:` list
/// gives them (``PlatformGate``). Each gate answers; a pass goes on to the next, anything
/// else ends the attempt there (or, for a waiting room, suspends it until the room lets the
/// user out, and the pipeline resumes after the room). Past the last gate the user takes a
/// session slot and the login starts.
extension World {
    /// Runs the platform's gates from `first` on for user `u`.
    mutating func admit(_ u: Int32, platform p: Int, from first: Int = 0) {
        let steps = model.platforms[p].gates
        var k = first
        while k < steps.count {
            let site = GateSite(platform: p, step: k, state: steps[k].state)
            let answer: GateAnswer
            switch steps[k].kind {
            case .timeWindows(let g): answer = g.answer(u, at: site, in: &self)
            case .waitingRoom(let g): answer = g.answer(u, at: site, in: &self)
            case .tokenBucket(let g): answer = g.answer(u, at: site, in: &self)
            case .sessionCap(let g): answer = g.answer(u, at: site, in: &self)
            }
            switch answer {
            case .pass: k += 1
            case .refuse: refuseAtEdge(u, platform: p); return
            case .refuseAfterLogin: refuseAfterLogin(u, platform: p); return
            case .comeBack(let at): comeBack(u, at: at, platform: p); return
            case .enqueue, .leave: return
            }
        }
        users[Int(u)].refusedAfterLogin = false
        takeSlot(u, platform: p)
        platforms[p].count { $0.admitted += 1 }
        send(user: u, kind: .login, route: model.platforms[p].loginRoute, clientTimeout: model.behaviours[behaviourIndex(of: u)].clientTimeout)
    }

    /// The most sessions a user of this segment may find: with reserved shares, users
    /// outside the reserved segments see the capacity less the reserved part (trunk reservation).
    @inline(__always)
    func admissionLimit(_ limit: Int, for u: Int32, platform p: Int) -> Int {
        model.segmentReserved[segmentIndex(of: u)] ? limit : unreservedLimit(limit, platform: p)
    }

    /// The part of `limit` open to segments outside the platform's reservations.
    @inline(__always)
    func unreservedLimit(_ limit: Int, platform p: Int) -> Int {
        let share = model.platforms[p].reservedShare
        return share > 0 ? Int((Double(limit) * (1 - share)).rounded(.down)) : limit
    }

    /// "Come back later" served at the edge: the refusal page (if it costs anything), then a retry.
    mutating func refuseAtEdge(_ u: Int32, platform p: Int) {
        if let route = model.platforms[p].refusalRoute {
            users[Int(u)].refusedAfterLogin = false
            send(user: u, kind: .refusal, route: route, clientTimeout: model.behaviours[behaviourIndex(of: u)].clientTimeout)
        } else {
            refused(u)
        }
    }

    /// The login's work is done (SSO and platform), then the user is refused.
    mutating func refuseAfterLogin(_ u: Int32, platform p: Int) {
        users[Int(u)].refusedAfterLogin = true
        send(user: u, kind: .login, route: model.platforms[p].loginRoute, clientTimeout: model.behaviours[behaviourIndex(of: u)].clientTimeout)
    }

    /// A refusal that says when to come back: the user returns then (after their usual
    /// retry delay), with a fresh patience, or gives up if it is after the end of the day.
    /// The refusal is a static page (no pool work).
    mutating func comeBack(_ u: Int32, at reopen: Double, platform p: Int) {
        let i = Int(u)
        platforms[p].count { $0.refused += 1 }
        users[i].failedLogins += 1
        let b = behaviourIndex(of: u)
        let at = reopen + draw(model.behaviours[b].retryDelay, for: u)
        guard at <= model.duration else { giveUp(u); return }
        users[i].attempts = 0
        users[i].patienceDeadline = at + draw(model.behaviours[b].patience, for: u)
        enterOrbit(u, platform: p)
        sim.schedule(at: at, .loginAttempt(user: u, generation: users[i].actionGeneration))
    }
}

extension TimeWindowsModel: AdmissionGate {
    static let summaryMetrics = MetricCatalog.names(requiring: .timeWindow)

    /// Refused inside a deny window of the user's segment (back at its end); with allow
    /// windows, refused outside all of them (back when the next opens; +∞: none today).
    func answer(_ u: Int32, at site: GateSite, in world: inout World) -> GateAnswer {
        let windows = bySegment[world.segmentIndex(of: u)]
        guard !windows.isEmpty else { return .pass }
        let now = world.sim.now
        var allowed: Bool? = nil
        var nextAllow = Double.infinity
        var reopen: Double? = nil
        for w in windows {
            let inside = now >= w.from && now < w.to
            if w.allow {
                if inside { allowed = true } else if allowed == nil { allowed = false }
                if w.from > now { nextAllow = min(nextAllow, w.from) }
            } else if inside {
                reopen = w.to
                break
            }
        }
        if reopen == nil, allowed == false { reopen = nextAllow }
        guard let reopen else { return .pass }
        world.gates[site.state].count { $0.windowRefused += 1 }
        return .comeBack(at: reopen)
    }
}

extension TokenBucketModel: AdmissionGate {
    static let summaryMetrics = MetricCatalog.names(requiring: .tokenBucket)

    /// Takes a token if there is one and the active-user limit allows.
    ///
    /// - Complexity: O(1).
    func answer(_ u: Int32, at site: GateSite, in world: inout World) -> GateAnswer {
        let now = world.sim.now
        let g = site.state
        world.gates[g].tokens = min(burst, world.gates[g].tokens + (now - world.gates[g].lastRefill) * rate)
        world.gates[g].lastRefill = now
        let full = maxActive.map { world.platforms[site.platform].sessions >= world.admissionLimit($0, for: u, platform: site.platform) } ?? false
        guard !full, world.gates[g].tokens >= 1 else {
            world.gates[g].count { $0.bucketRefused += 1 }
            return .refuse
        }
        world.gates[g].tokens -= 1
        return .pass
    }
}

extension SessionCapModel: AdmissionGate {
    static let summaryMetrics = MetricCatalog.names(requiring: .sessionCap)

    /// Refuses when the cap is on (inside its clock window, once latched by its
    /// activation threshold) and the sessions reach the user's limit.
    func answer(_ u: Int32, at site: GateSite, in world: inout World) -> GateAnswer {
        let now = world.sim.now
        guard now >= activeFrom, now < activeUntil else { return .pass }
        let sessions = world.platforms[site.platform].sessions
        if !world.gates[site.state].capLatched, sessions >= activationSessions {
            world.gates[site.state].capLatched = true
        }
        guard world.gates[site.state].capLatched,
              sessions >= world.admissionLimit(maxSessions, for: u, platform: site.platform) else { return .pass }
        world.gates[site.state].count { $0.capRefused += 1 }
        return refuseAfterLogin ? .refuseAfterLogin : .refuse
    }
}
