import Scenario
import Testing
import World

/// Simulator bugs found while writing these tests. Fixed ones stay as regression tests; an
/// open one would be wrapped in `withKnownIssue` until fixed.
@Suite("Simulator issues found by these tests")
struct SimulatorIssueTests {
    /// A pool with one worker, no queue, and pages that take an hour: the first user's first
    /// page keeps the worker busy; after the 30 s client timeout the user reloads, and the
    /// reload is rejected at once (no queue). Before the fix in 87333f0, `requestFailed`
    /// reloaded again in the same instant, recursively (requestFailed → requestPage → send →
    /// arrive → rejected → requestFailed): `retry_limit` reloads in zero simulated time, and
    /// with no retry limit and `reload_on_timeout: 100%` a stack overflow (SIGSEGV).
    static let instantReloads = """
    version: 1
    name: reload after an immediate error
    start: 08:00
    end: 08:10
    report_interval: 1s
    seed: 5
    behaviours:
      - {id: user, requests_per_page: 1, pages_per_session: 3, think_time: 5s, client_timeout: 30s,
         reload_on_timeout: 100%, retry_delay: 20s, patience: 1h}
    segments:
      - {id: pupils, size: 3, platforms: lms, behaviour: user, intent: {curves: [{points: [[08:00, 1], [08:01, 1]]}]}}
    platforms:
      - {id: lms, pools: web}
    pools:
      - {id: web, servers: 1, queue_limit: 0, service_time: {page: 1h, login: 10ms}}
    """

    @Test("a page rejected by a full queue is reloaded after a delay, not in the same instant", arguments: ["unlimited", "50"])
    func reloadAfterRejectionTakesTime(retryLimit: String) throws {
        let overrides = retryLimit == "unlimited" ? [] : [Override(path: "behaviours.user.retry_limit", value: retryLimit)]
        let scenario = try ScenarioLoader.load(text: Self.instantReloads, path: Models.root + "/instant-reloads.yaml", overrides: overrides)
        var world = try World(scenario: scenario)
        let run = world.run()  // before the fix: a stack overflow with no retry limit
        let users = try run.value("visits", "pupils")
        let rejected = try run.values("rejected", "web")
        try #require(users >= 1 && rejected.reduce(0, +) > 0, "the scenario must produce a rejected reload")
        // With a 20 s retry delay a user sends at most one request per second (1 s intervals).
        #expect(rejected.max()! <= users, "\(rejected.max()!) rejections in one second from \(users) users")
        // Over 10 minutes, one request per 20 s retry delay at most, plus the login and the first page.
        #expect(try run.values("arrived", "web").reduce(0, +) <= users * (600 / 20 + 2))
    }

    /// `requests_per_page` ("dynamic backend requests a page costs") was compiled into
    /// `BehaviourModel.requestsPerPage` but never read: a page was one service-time draw
    /// whatever its requests (fixed in 87333f0). With the same users (common random numbers)
    /// and an uncongested pool, busy workers = page rate × requests per page × E[S]: the
    /// ratio of 12 to 1 request per page is 12, up to the sampling error of ~36,000 pages
    /// (coefficient of variation of the total ≈ 1/√36000 ≈ 0.5%; 5% allowed).
    static let pageCost = """
    version: 1
    name: requests per page
    start: 08:00
    end: 09:00
    seed: 7
    behaviours:
      - {id: user, pages_per_session: 10, think_time: exponential(mean: 10s), requests_per_page: 1}
    segments:
      - {id: pupils, size: 3600, platforms: lms, behaviour: user, intent: {curves: [{points: [[08:00, 1], [09:00, 1]]}]}}
    platforms:
      - {id: lms, pools: web}
    pools:
      - {id: web, servers: 200, service_time: exponential(mean: 10ms)}
    """

    @Test("a page of 12 requests costs the pool 12 times the work of a page of 1")
    func requestsPerPageCostsWork() throws {
        func busy(_ requests: String) throws -> Double {
            let scenario = try ScenarioLoader.load(text: Self.pageCost, path: Models.root + "/page-cost.yaml",
                                                   overrides: [Override(path: "behaviours.user.requests_per_page", value: requests)])
            var world = try World(scenario: scenario)
            return try world.run().value("busy_workers", "web")
        }
        let one = try busy("1"), twelve = try busy("12")
        #expect(one > 0)
        #expect(abs(twelve / one - 12) < 0.05 * 12, "busy workers \(twelve) with 12 requests per page, \(one) with 1")
    }

    /// Run statistics start at the first report-interval end at or after the warm-up
    /// (World+Observe.swift, intervalEnded → startMeasuring), but `finish()` divides by
    /// `now − model.warmup`. With warmup 90 s and 1 min intervals the areas cover 120 s → end
    /// while the divisor is end − 90 s: a worker busy the whole run reports busy_workers
    /// 480/510 = 0.94. Every per-second summary figure is biased the same way (busy_workers,
    /// mean_queue, throughput_per_s, mean_active_sessions, goodput_pages_per_s). Fix: divide
    /// by the time actually measured (or start measuring exactly at the warm-up's end).
    static let busyAllDay = """
    version: 1
    name: always busy
    duration: 10min
    warmup: 90s
    seed: 6
    sources:
      - {id: jobs, rate: 10/s, pool: server}
    pools:
      - {id: server, servers: 1, service_time: 1h}
    """

    @Test("a server busy the whole run has busy_workers 1, whatever the warm-up", arguments: ["120s", "90s"])
    func warmupNotOnAnIntervalBoundary(warmup: String) throws {
        let scenario = try ScenarioLoader.load(text: Self.busyAllDay, path: Models.root + "/busy.yaml",
                                               overrides: [Override(path: "warmup", value: warmup)])
        var world = try World(scenario: scenario)
        let run = world.run()
        #expect(try run.value("utilization", "server") == 1)
        let busy = try run.value("busy_workers", "server")
        // Fixed: measuring used to start at the first interval end after the warm-up while
        // finish() divided by now − warmup (busy_workers 0.941 instead of 1 with 90 s).
        #expect(abs(busy - 1) < 1e-9, "warmup \(warmup): busy_workers \(busy)")
    }

    /// Issue 18's model: a discrete attack of 5 requests/s on `web` (4 workers, queue limit
    /// 500) from 08:30 to 08:40, with a single sign-on service and a session cap. Attack
    /// requests that found a free worker were counted as leaving the queue they never joined
    /// (a new job's state was `queued`), so `mean_queue` climbed to 2463 and stayed there
    /// with half the workers idle.
    static let attackWithSSO = """
    version: 1
    name: Base
    start: 08:00
    end: 09:00
    report_interval: 5min
    replications: 1
    seed: 7
    behaviours:
      - id: pupil
        pages_per_session: 3
        think_time: exponential(mean: 20s)
        patience: exponential(mean: 5min)
    segments:
      - id: seg
        size: 2000
        platforms: lms
        behaviour: pupil
        intent:
          bumps: [{share: 60%, at: 08:20, sd: 10min}]
          curves: [{share: 40%, points: [[08:00, 0], [08:30, 1], [09:00, 0]]}]
    platforms:
      - id: lms
        pools: [web]
        gate: [cap]
        sso: sso
    pools:
      - id: web
        servers: 4
        service_time: lognormal(mean: 100ms, cv: 1.5)
        queue_limit: 500
      - id: ssopool
        servers: 2
        service_time: gamma(shape: 2, scale: 50ms)
    services:
      - {id: sso, pool: ssopool}
    gates:
      - {id: cap, session_cap: {max_sessions: 300}}
    attacks:
      - id: ddos
        target: web
        rate: 5/s
        windows: [{from: 08:30, to: 08:40}]
    """

    @Test("an attack's requests never leave a queue behind: it stays within its limit and empties after the attack")
    func attackLeavesNoStuckQueue() throws {
        let scenario = try ScenarioLoader.load(text: Self.attackWithSSO, path: Models.root + "/attack-sso.yaml")
        for replication in 0..<20 {
            var world = try World(scenario: scenario, replication: replication)
            let run = world.run()
            let queue = try run.values("mean_queue", "web")
            #expect(queue.allSatisfy { $0 >= 0 && $0 <= 500 }, "replication \(replication): mean_queue \(queue)")
            // 08:45–09:00: 4 workers for 84 requests per 5 min of 100 ms: the queue is (almost) always empty.
            #expect(queue.suffix(3).allSatisfy { $0 < 1 }, "replication \(replication): mean_queue \(queue)")
            // Every attack request is accounted for: filtered, dropped, served or still in flight.
            let offered = try run.value("attack_offered", "ddos"), filtered = try run.value("attack_filtered", "ddos")
            let dropped = try run.value("attack_dropped", "ddos"), served = try run.value("attack_served", "ddos")
            let inFlight = try run.value("attack_in_flight", "ddos")
            #expect(offered > 2500 && offered == filtered + dropped + served + inFlight)
        }
    }
}
