import Scenario
import Stochastics

/// A platform whose sessions (plus the users in its waiting room) are a birth–death chain
/// in one count N, and the checks that make it one.
///
/// A session holds its slot from admission to the end of its only page. With a one-page
/// session (`pages_per_session: 1`, one request per page, `login_cost: 0` and no login
/// service time, so the login takes no time) served at a pool that never queues (its
/// workers, at their fewest, at least the sessions the platform can hold), a session
/// lasts one exponential page service: each of the s sessions ends at rate μ. Segments
/// arrive as Poisson processes whose rate is their members × the intent curve's share of
/// visits per second, piecewise constant with `step` curves. A refused user leaves
/// (no retry, no comeback), so refusals feed nothing back.
///
/// - A session cap of C admits while N < C; with reserved shares (a `priority` gate) a
///   user of a reserved segment sees C, any other ⌊C·(1 − share)⌋ (trunk reservation).
///   A cap with `active_from` / `active_until` applies only between them: before, N is
///   unbounded (cut where negligible).
/// - A waiting room with `slot_freed` outflow and capacity c admits while sessions < c and
///   queues the rest, who renege at rate θ (exponential patience, no balking): N is then
///   Erlang A, with min(N, c) sessions and max(0, N − c) users waiting, in either order.
///
/// The death rate in state n is min(n, c)·μ + max(0, n − c)·θ (c infinite without a room).
enum PlatformChain {
    /// The platform's chain, nil when no segment uses it; throws the first part that is not Markovian.
    static func chain(_ platform: Platform, scenario: Scenario) throws(SweepError) -> CountChain? {
        let users = scenario.segments.compactMap { s in s.platforms.first { $0.platform == platform.id }.map { (s, $0.share) } }
        guard !users.isEmpty else { return nil }
        func refuse(_ why: String) -> SweepError { .invalid("platform '\(platform.id)': \(why)") }

        // The pool: a page is one exponential service that never waits.
        guard platform.pools.count == 1, let pool = scenario.pool(platform.pools[0]) else {
            throw refuse("the exact twin needs one pool per platform (a page visits every tier in turn)")
        }
        guard platform.sso == nil else { throw refuse("single sign-on makes the login wait at another pool") }
        if scenario.sources.contains(where: { $0.pool == pool.id })
            || scenario.platforms.contains(where: { $0.id != platform.id && $0.pools.contains(pool.id) })
            || scenario.services.contains(where: { $0.pool == pool.id }) {
            throw refuse("pool '\(pool.id)' also serves other traffic, so its pages may queue behind it")
        }
        guard let page = pool.serviceTime[.page], page.isExponential, page.mean > 0 else {
            throw refuse("pool '\(pool.id)' needs an exponential page service time (the session's length)")
        }
        guard pool.serviceTime[.login] == nil, pool.serviceTime[.refusal] == nil else {
            throw refuse("pool '\(pool.id)' has a login or refusal service time: a login would lengthen the session, a refusal page delay the refusal")
        }
        guard pool.autoscaling == nil else { throw refuse("pool '\(pool.id)' autoscales") }
        let workers = ([pool.servers] + pool.capacitySchedule.map(\.servers)).min()! * pool.workersPerServer

        // The gates.
        var cap: Gate.SessionCap?
        var reservations: [Gate.Reservation] = []
        var room: Gate.WaitingRoom?
        for id in platform.gates {
            guard let gate = scenario.gate(id) else { throw refuse("unknown gate '\(id)'") }
            if let other = gate.pool, scenario.pool(other)?.serviceTime[.refusal] != nil {
                throw refuse("gate '\(id)' serves refusal pages at pool '\(other)', which delays the refusal")
            }
            switch gate.kind {
            case .noControl:
                break
            case .sessionCap(let c):
                guard cap == nil else { throw refuse("two session caps (gate '\(id)' is the second)") }
                guard c.refusal == .edge else { throw refuse("gate '\(id)' refuses after login, which costs the login's time first") }
                guard (c.activation ?? 0) <= 0 else {
                    throw refuse("gate '\(id)' switches on at an activation threshold and stays on: it remembers, N alone does not")
                }
                cap = c
            case .priority(let r):
                reservations += r
            case .waitingRoom(let r):
                guard room == nil else { throw refuse("two waiting rooms (gate '\(id)' is the second)") }
                guard r.outflow == .slotFreed, r.capacity != nil else {
                    throw refuse("waiting room '\(id)' lets users out at a fixed rate, not when a slot frees")
                }
                guard r.startsAt == nil, r.preQueueOpens == nil else { throw refuse("waiting room '\(id)' has a start or a pre-queue") }
                guard !r.showsWait else { throw refuse("waiting room '\(id)' shows its wait, and users balk on it") }
                room = r
            case .sessionTimeLimit:
                throw refuse("gate '\(id)' limits the session's time, so sessions are not exponential")
            case .idleTimeout:
                throw refuse("gate '\(id)' is an idle timeout")
            case .tokenBucket:
                throw refuse("gate '\(id)' is a token bucket, whose tokens N does not count")
            case .timeWindows:
                throw refuse("gate '\(id)' has time windows, whose refused users come back")
            }
        }
        if room != nil, cap != nil || !reservations.isEmpty {
            throw refuse("a waiting room with a session cap or reserved shares is not one count")
        }
        let capacity = room?.capacity ?? Int.max
        if capacity < Int.max, capacity > workers {
            throw refuse("its \(capacity) sessions may exceed pool '\(pool.id)''s \(workers) workers, and pages would queue")
        }

        // The segments: Poisson with step intents, one-page sessions, refused users leave.
        var patience: Distribution?
        var classes: [(rate: (Double) -> Double, reserved: Bool)] = []
        var breakpoints: [Double] = []
        for (segment, share) in users {
            func refuse(_ why: String) -> SweepError { .invalid("segment '\(segment.id)' at platform '\(platform.id)': \(why)") }
            guard let b = scenario.behaviour(segment.behaviour) else { throw refuse("unknown behaviour '\(segment.behaviour)'") }
            guard b.pagesPerSession.variance == 0, b.pagesPerSession.mean <= 1, b.requestsPerPage.variance == 0, b.requestsPerPage.mean <= 1 else {
                throw refuse("behaviour '\(b.id)' needs one page of one request per session (`pages_per_session: 1`, `requests_per_page: 1`)")
            }
            guard b.loginCost == 0 else { throw refuse("behaviour '\(b.id)' needs `login_cost: 0` (a login's time would lengthen the session)") }
            guard b.clientTimeout >= scenario.duration else {
                throw refuse("behaviour '\(b.id)' has a client timeout shorter than the run, so a page could be reloaded")
            }
            guard b.retryLimit == 0 || b.retryProbability == 0 else {
                throw refuse("behaviour '\(b.id)' retries after a refusal (`retry_limit: 0` makes refused users leave)")
            }
            guard (b.comeback?.probability ?? 0) == 0 else { throw refuse("behaviour '\(b.id)' comes back later") }
            guard b.client.isEmpty else { throw refuse("behaviour '\(b.id)' has client policies") }
            if room != nil {
                guard b.patience.isExponential else { throw refuse("behaviour '\(b.id)' needs exponential patience in a waiting room") }
                guard patience == nil || patience == b.patience else {
                    throw refuse("behaviour '\(b.id)' has another patience than the room's other users")
                }
                patience = b.patience
            }
            guard segment.intent.repeats.isEmpty else { throw refuse("repeat visits are normal bumps, not a step rate") }
            let members = segment.activeMembers * share
            var curves: [(RateCurve, Double)] = []
            for component in segment.intent.components {
                guard case .curve(let weight, let relative) = component, relative.interpolation == .stepwise,
                      let curve = try? relative.rateCurve(start: scenario.start) else {
                    throw refuse("the exact twin needs intent curves with `interpolation: step` (no bumps, no class cohorts: their arrivals are not Poisson)")
                }
                // The share of visits is spread over the curve's whole extent (World's VisitDensity).
                let total = curve.cumulative(at: curve.times[curve.times.count - 1])
                guard total > 0 else { continue }
                curves.append((curve, members * weight / total))
                breakpoints += curve.times
            }
            classes.append((rate: { t in curves.reduce(0) { $0 + $1.0.rate(at: t) * $1.1 } },
                            reserved: reservations.contains { $0.segments.contains(segment.id) }))
        }

        let serviceRate = 1 / page.mean
        let abandonRate = patience.map { 1 / $0.mean } ?? 0
        let reservedShare = min(1, reservations.reduce(0) { $0 + $1.share })
        let from = (cap?.activeFrom).map { $0 - scenario.start } ?? -.infinity
        let until = (cap?.activeUntil).map { $0 - scenario.start } ?? .infinity
        if from.isFinite { breakpoints.append(from) }
        if until.isFinite { breakpoints.append(until) }
        let classesNow = classes, capNow = cap
        return CountChain(kind: .platform, entity: platform.id, breakpoints: breakpoints, regime: { t in
            let limits: (reserved: Int, other: Int)
            if let cap = capNow, t >= from, t < until {
                // The simulator's admission limit: others see ⌊C·(1 − share)⌋ when shares are reserved.
                limits = (cap.maxSessions, reservedShare > 0 ? Int((Double(cap.maxSessions) * (1 - reservedShare)).rounded(.down)) : cap.maxSessions)
            } else {
                limits = (Int.max, Int.max)
            }
            return CountChain.Regime(
                classes: classesNow.map { CountChain.Class(rate: $0.rate(t), limit: $0.reserved ? limits.reserved : limits.other) },
                servers: capacity, serviceRate: serviceRate, abandonRate: abandonRate)
        }, ceiling: room == nil ? (workers, "platform '\(platform.id)': its sessions may reach pool '\(pool.id)''s \(workers) workers, where pages would queue") : nil)
    }
}
