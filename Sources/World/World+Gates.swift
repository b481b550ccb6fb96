import Stochastics

/// The gates in front of a platform's login, in the order a user meets them: time
/// windows (per segment), the waiting room, the token bucket, then the session cap
/// (with reserved shares for priority segments). Only platforms with one of these gates
/// take this path (`PlatformModel.gated`); the others run exactly as before.
extension World {
    /// The entry point: whether the user may go on to the session cap and login now.
    /// When not, the gate has already decided what the user does next.
    mutating func passGates(_ u: Int32, platform p: Int) -> Bool {
        let s = segmentIndex(of: u)
        if !model.segmentWindows[s].isEmpty, let reopen = windowRefusal(segment: s) {
            comeBack(u, at: reopen, platform: p)
            return false
        }
        if model.platforms[p].room != nil, !roomLetsThrough(u, platform: p) { return false }
        return passBucket(u, platform: p)
    }

    /// After the waiting room: the token bucket, then the session cap and login.
    mutating func passBucket(_ u: Int32, platform p: Int) -> Bool {
        if let bucket = model.platforms[p].bucket, !bucketAllows(u, bucket, platform: p) {
            gates[p].count { $0.bucketRefused += 1 }
            refuseAtEdge(u, platform: p)
            return false
        }
        return true
    }

    /// The most sessions a user of this segment may find: with reserved shares, users
    /// outside the reserved segments see the capacity less the reserved part (trunk reservation).
    @inline(__always)
    func admissionLimit(_ limit: Int, for u: Int32, platform p: Int) -> Int {
        let share = model.platforms[p].reservedShare
        guard share > 0, !model.segmentReserved[segmentIndex(of: u)] else { return limit }
        return Int((Double(limit) * (1 - share)).rounded(.down))
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

    // MARK: Time windows

    /// When a segment refused now may come back, or `nil` if it may log in now
    /// (+∞: no window opens again today).
    func windowRefusal(segment s: Int) -> Double? {
        let now = sim.now
        var allowed: Bool? = nil
        var nextAllow = Double.infinity
        for w in model.segmentWindows[s] {
            let inside = now >= w.from && now < w.to
            if w.allow {
                if inside { allowed = true } else if allowed == nil { allowed = false }
                if w.from > now { nextAllow = min(nextAllow, w.from) }
            } else if inside {
                return w.to
            }
        }
        if allowed == false { return nextAllow }
        return nil
    }

    /// A refusal that says when to come back: the user returns then (after their usual
    /// retry delay), with a fresh patience, or gives up if it is after the end of the day.
    /// The refusal is a static page (no pool work).
    mutating func comeBack(_ u: Int32, at reopen: Double, platform p: Int) {
        let i = Int(u)
        platforms[p].count { $0.refused += 1 }
        gates[p].count { $0.windowRefused += 1 }
        let b = behaviourIndex(of: u)
        let at = reopen + draw(model.behaviours[b].retryDelay, for: u)
        guard at <= model.duration else { giveUp(u); return }
        users[i].attempts = 0
        users[i].patienceDeadline = at + draw(model.behaviours[b].patience, for: u)
        enterOrbit(u, platform: p)
        sim.schedule(at: at, .loginAttempt(user: u, generation: users[i].actionGeneration))
    }

    // MARK: Token bucket

    /// Takes a token if there is one and the active-user limit allows.
    ///
    /// - Complexity: O(1).
    mutating func bucketAllows(_ u: Int32, _ bucket: TokenBucketModel, platform p: Int) -> Bool {
        let now = sim.now
        gates[p].tokens = min(bucket.burst, gates[p].tokens + (now - gates[p].lastRefill) * bucket.rate)
        gates[p].lastRefill = now
        if let maxActive = bucket.maxActive, platforms[p].sessions >= admissionLimit(maxActive, for: u, platform: p) {
            return false
        }
        guard gates[p].tokens >= 1 else { return false }
        gates[p].tokens -= 1
        return true
    }
}
