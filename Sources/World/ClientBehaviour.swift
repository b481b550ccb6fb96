import Scenario

/// What a user's client does about overload (behaviour keys `adaptive_throttling`,
/// `retry_budget`, `backoff`): the hooks the visit calls when it sends a login attempt or
/// a page request, gets one accepted, or considers a retry.
///
/// The client is per user, as Google SRE's is per client process: each browser tab or app
/// keeps its own counts and cannot see other users' failures (a population-wide client
/// would need the clients to share state, which browsers do not). A locally rejected
/// request costs the servers nothing and counts for the user as a failed attempt; an
/// accept is a login that opened a session, or a page delivered in time (a refusal is not
/// one). Every draw comes from the user's own random sequence, and users without client
/// policies draw exactly what they drew before these hooks existed, so common random
/// numbers across policies hold.
extension World {
    @inline(__always)
    func clientPolicies(of u: Int32) -> ClientPolicies? { model.behaviours[behaviourIndex(of: u)].client }

    /// A visit starts: its user gets a fresh client (if the behaviour has client policies).
    mutating func clientStarts(_ u: Int32) {
        if clientPolicies(of: u) != nil { clients.reset(u) }
    }

    /// The client is about to send a login attempt or a page request (`retry`: a retry of
    /// the same login round or a reload of the same page). It counts the request and says
    /// whether adaptive throttling rejects it locally.
    mutating func clientRejectsLocally(_ u: Int32, retry: Bool) -> Bool {
        guard let policies = clientPolicies(of: u) else { return false }
        let now = sim.now
        var rejected = false
        if let throttling = policies.throttling {
            // Counted before this request is recorded: the formula's "requests" are the earlier ones.
            let seen = clients.window(u, now: now, width: throttling.window)
            let probability = throttling.rejectionProbability(requests: seen.requests, accepts: seen.accepts)
            if probability > 0 { rejected = uniform(for: u) < probability }
        }
        clients.recordRequest(u, at: now, retry: retry)
        let p = platformIndex(of: u)
        clients.count(platform: p, measuring: platforms[p].measuring) {
            $0.requests += 1
            if rejected { $0.throttled += 1 }
        }
        return rejected
    }

    /// The servers accepted the user's request: the login opened a session, or the page arrived.
    mutating func clientAccepted(_ u: Int32) {
        if clientPolicies(of: u)?.throttling != nil { clients.recordAccept(u, at: sim.now) }
    }

    /// The delay before retry `n` (1: the first retry) of a login or a page: the client's
    /// backoff when it has one, else the person's own `retry_delay`.
    mutating func retryDelay(_ u: Int32, retry n: Int) -> Double {
        let b = behaviourIndex(of: u)
        guard let backoff = model.behaviours[b].client?.backoff else { return draw(model.behaviours[b].retryDelay, for: u) }
        return backoff.delay(retry: n, uniform: backoff.jittered ? uniform(for: u) : 0)
    }

    /// Whether the retry budget lets attempt number `attempt` (2: the first retry) of the
    /// current login round or page go out. A refusal is counted; the caller gives up.
    mutating func clientAllowsRetry(_ u: Int32, attempt: Int) -> Bool {
        guard let budget = clientPolicies(of: u)?.retryBudget else { return true }
        if attempt <= budget.maxAttempts, clients.retriesBelow(budget.ratio, u) { return true }
        let p = platformIndex(of: u)
        clients.count(platform: p, measuring: platforms[p].measuring) { $0.suppressed += 1 }
        return false
    }

    /// The clients' figures for platform `p`, written only when some of its users have client policies.
    func putClientSummary(platform p: Int, put: (EntityKind, String, String, Double) -> Void) {
        let clientUsers = model.arrivals.indices.contains { sourcePlatform[$0] == p && model.behaviours[sourceBehaviour[$0]].client != nil }
        guard clientUsers else { return }
        let name = model.platforms[p].name
        let c = clients.counters(platform: p)
        put(.platform, name, "client_requests", c.requests)
        put(.platform, name, "throttled_locally", c.throttled)
        put(.platform, name, "p_throttled_locally", c.requests > 0 ? c.throttled / c.requests : .nan)
        put(.platform, name, "retries_suppressed", c.suppressed)
    }
}
