import Scenario
import Testing
import World

/// The two saturation measures (docs/csv-format.md, "Saturation: overload and refusal") on
/// models where the flagged intervals can be derived by hand: capacity steps and a cap
/// switched on and off at clock times, with every other interval far from any threshold.
enum SaturationModels {
    /// A textbook source of 20 requests/s, each served in exactly 1 s, on 40 workers:
    /// utilisation ≈ 0.5 ± 0.02 per minute (1,200 Poisson arrivals). From 09:00 to 09:30
    /// the pool has 10 workers (queue limited to 20): every worker is busy and half the
    /// arrivals are rejected, so exactly the 30 intervals 09:00–09:30 are overloaded. At
    /// 09:30 the 20 queued requests start at once on the 40 workers: no wait, no failure.
    static let steppedPool = """
    version: 1
    name: stepped pool
    start: 08:00
    end: 10:00
    seed: 41
    sources:
      - {id: arrivals, rate: 20/s, pool: server}
    pools:
      - id: server
        servers: 40
        service_time: 1s
        queue_limit: 20
        capacity_schedule: [{at: 09:00, servers: 10}, {at: 09:30, servers: 40}]
    """

    /// The same step on a platform without a gate: 20 users/s, each one free login and
    /// one page of one 1 s request; a user whose page fails leaves (no reload, no retry).
    static let steppedPlatform = """
    version: 1
    name: stepped platform
    start: 08:00
    end: 10:00
    seed: 42
    behaviours:
      - {id: once, pages_per_session: 1, requests_per_page: 1, login_cost: 0, think_time: 1s, patience: 10h,
         retry_probability: 0%, reload_on_timeout: 0%}
    segments:
      - {id: users, size: 144000, platforms: lms, behaviour: once, intent: {curves: [{points: [[08:00, 1], [10:00, 1]]}]}}
    platforms:
      - {id: lms, pools: web}
    pools:
      - id: web
        servers: 40
        service_time: 1s
        queue_limit: 20
        capacity_schedule: [{at: 09:00, servers: 10}, {at: 09:30, servers: 40}]
    """

    /// Fast servers (50 workers, 10 ms pages, utilisation ≈ 0.0002) behind a cap of one
    /// session applied 09:00–09:40 only. One user per second logs in for a session far
    /// longer than the day (second page after 3 h), so from 09:00 thousands of sessions are
    /// open and every attempt is refused until 09:40; a refused user gives up. Outside the
    /// window nobody is refused; inside it nearly every outcome is a refusal.
    static let timedCap = """
    version: 1
    name: timed cap
    start: 08:00
    end: 10:00
    seed: 43
    behaviours:
      - {id: stay, pages_per_session: 2, requests_per_page: 1, login_cost: 0, think_time: 3h, patience: 10h, retry_probability: 0%}
    segments:
      - {id: users, size: 7200, platforms: lms, behaviour: stay, intent: {curves: [{points: [[08:00, 1], [10:00, 1]]}]}}
    platforms:
      - {id: lms, pools: web, gate: [cap]}
    pools:
      - {id: web, servers: 50, service_time: 10ms}
    gates:
      - {id: cap, session_cap: {max_sessions: 1, active_from: 09:00, active_until: 09:40}}
    """

    /// Fast servers and a trickle of attack traffic (1/s) whose filter switches on at 09:00
    /// at full effect and wrongly blocks 20% of legitimate requests. One user per second,
    /// one free login and one page of one 10 ms request; a user whose login or page fails
    /// leaves. From 09:00 the filter blocks 20% of the logins and 20% of the pages of those
    /// let in, about 22 a minute of ≈ 108 outcomes: every one a refusal by policy, none a
    /// failure of the servers.
    static let filtered = """
    version: 1
    name: filtered
    start: 08:00
    end: 10:00
    seed: 44
    behaviours:
      - {id: once, pages_per_session: 1, requests_per_page: 1, login_cost: 0, think_time: 1s, patience: 10h,
         retry_probability: 0%, reload_on_timeout: 0%}
    segments:
      - {id: users, size: 7200, platforms: lms, behaviour: once, intent: {curves: [{points: [[08:00, 1], [10:00, 1]]}]}}
    platforms:
      - {id: lms, pools: web}
    pools:
      - {id: web, servers: 50, service_time: 10ms}
    attacks:
      - {id: trickle, target: web, rate: 1/s, mode: discrete, request_cost: 10ms, windows: [{from: 08:00, to: 10:00}],
         mitigation: {start: 09:00, false_positive: 20%}}
    """
}

@Suite("Saturation: overload and refusal, reported apart")
struct SaturationTests {
    static func run(_ text: String, _ name: String, saturation: String? = nil) throws -> RunResult {
        let full = saturation.map { text + "\nsaturation: \($0)\n" } ?? text
        var world = try World(scenario: try Models.load(text: full, name: name + ".yaml"))
        return world.run()
    }

    /// NaN-aware equality for figures that may be undefined.
    static func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }

    @Test("a pool stepped down 09:00–09:30 is overloaded exactly then, and saturated means overloaded")
    func steppedPool() throws {
        let r = try Self.run(SaturationModels.steppedPool, "stepped-pool")
        #expect(try r.value("overload_onset_clock_s", "server") == clock(9))
        #expect(try r.value("overloaded_until_clock_s", "server") == clock(9, 30))
        #expect(try r.value("overloaded_share", "server") == 30.0 / 120)
        for (either, overload) in [("saturation_onset_clock_s", "overload_onset_clock_s"),
                                   ("saturated_until_clock_s", "overloaded_until_clock_s"),
                                   ("saturated_share", "overloaded_share")] {
            #expect(try r.value(either, "server") == r.value(overload, "server"))
        }
        // A pool has no gate: no refusal figures.
        #expect(r.summary("refusal_onset_clock_s", "server") == nil)
        // The hand derivation's premises: far from the thresholds outside the window.
        let utilization = try r.values("utilization", "server")
        #expect(utilization[0..<60].allSatisfy { $0 < 0.6 } && utilization[90...].allSatisfy { $0 < 0.6 })
        #expect(utilization[60..<90].allSatisfy { $0 >= 0.95 })
    }

    @Test("thresholds and sustain read from the scenario change the answer as they should")
    func thresholdsFromTheScenario() throws {
        // 40% utilisation: every interval (≈ 0.5) is overloaded, to the end: no recovery.
        let low = try Self.run(SaturationModels.steppedPool, "stepped-pool-low", saturation: "{utilization: 40%}")
        #expect(try low.value("overload_onset_clock_s", "server") == clock(8))
        #expect(try low.value("overloaded_until_clock_s", "server").isNaN)
        #expect(try low.value("overloaded_share", "server") == 1)
        // A 45-minute sustain: the 30-minute episode has no onset (nor end), but its share stays.
        let long = try Self.run(SaturationModels.steppedPool, "stepped-pool-sustain", saturation: "{sustain: 45min}")
        #expect(try long.value("overload_onset_clock_s", "server").isNaN)
        #expect(try long.value("overloaded_until_clock_s", "server").isNaN)
        #expect(try long.value("overloaded_share", "server") == 30.0 / 120)
        // A 31-minute sustain still finds none; 30 minutes finds 09:00.
        let thirty = try Self.run(SaturationModels.steppedPool, "stepped-pool-30", saturation: "{sustain: 30min}")
        #expect(try thirty.value("overload_onset_clock_s", "server") == clock(9))
        let thirtyOne = try Self.run(SaturationModels.steppedPool, "stepped-pool-31", saturation: "{sustain: 31min}")
        #expect(try thirtyOne.value("overload_onset_clock_s", "server").isNaN)
        // Latency: every response takes at least the 1 s service, so a 500 ms p95 limit
        // flags every interval; a 5 s limit (waits are at most 20 queued / 10 workers = 2 s) none
        // on its own, leaving the step's 30 intervals.
        let slow = try Self.run(SaturationModels.steppedPool, "stepped-pool-p95", saturation: "{p95_response: 500ms}")
        #expect(try slow.value("overloaded_share", "server") == 1)
        let lenient = try Self.run(SaturationModels.steppedPool, "stepped-pool-p95-5s", saturation: "{p95_response: 5s}")
        #expect(try lenient.value("overloaded_share", "server") == 30.0 / 120)
        // The defaults written out give the defaults' answer, figure for figure.
        let defaults = try Self.run(SaturationModels.steppedPool, "stepped-pool", saturation: "{sustain: 5min, utilization: 95%, failed_share: 1%, refused_share: 1%}")
        let plain = try Self.run(SaturationModels.steppedPool, "stepped-pool")
        #expect(zip(defaults.summary, plain.summary).allSatisfy { $0.metric == $1.metric && Self.same($0.value, $1.value) })
    }

    @Test("an overloaded pool with no gate: its platform is overloaded, never refusing")
    func overloadWithoutGate() throws {
        let r = try Self.run(SaturationModels.steppedPlatform, "stepped-platform")
        #expect(try r.value("overload_onset_clock_s", "web") == clock(9))
        #expect(try r.value("overloaded_until_clock_s", "web") == clock(9, 30))
        #expect(try r.value("overload_onset_clock_s", "lms") == clock(9))
        #expect(try r.value("overloaded_until_clock_s", "lms") == clock(9, 30))
        #expect(try r.value("overloaded_share", "lms") == 30.0 / 120)
        #expect(try r.value("refusal_onset_clock_s", "lms").isNaN)
        #expect(try r.value("refusing_until_clock_s", "lms").isNaN)
        #expect(try r.value("refusing_share", "lms") == 0)
        #expect(try r.value("saturation_onset_clock_s", "lms") == clock(9))
        #expect(try r.value("saturated_until_clock_s", "lms") == clock(9, 30))
        #expect(try r.value("refused", "lms") == 0)
        #expect(try r.sum("page_timeouts", "lms", 60..<90) + r.sum("login_failures", "lms", 60..<90) > 0)
    }

    @Test("a cap refusing 09:00–09:40 in front of fast servers: refusal exactly then, no overload")
    func refusalWithoutOverload() throws {
        let r = try Self.run(SaturationModels.timedCap, "timed-cap")
        #expect(try r.value("refusal_onset_clock_s", "lms") == clock(9))
        #expect(try r.value("refusing_until_clock_s", "lms") == clock(9, 40))
        #expect(try r.value("refusing_share", "lms") == 40.0 / 120)
        #expect(try r.value("overload_onset_clock_s", "lms").isNaN)
        #expect(try r.value("overloaded_share", "lms") == 0)
        #expect(try r.value("overloaded_share", "web") == 0)
        #expect(try r.value("saturation_onset_clock_s", "lms") == clock(9))
        #expect(try r.value("saturated_until_clock_s", "lms") == clock(9, 40))
        // The premises: refusals only inside the window, in every minute of it.
        let refused = try r.values("refused", "lms")
        #expect(refused[0..<60].allSatisfy { $0 == 0 } && refused[100...].allSatisfy { $0 == 0 })
        #expect(refused[60..<100].allSatisfy { $0 > 0 })
        // No share of refusals can pass 100%: the same run is never refusing.
        let lenient = try Self.run(SaturationModels.timedCap, "timed-cap-lenient", saturation: "{refused_share: 100%}")
        #expect(try lenient.value("refusal_onset_clock_s", "lms").isNaN)
        #expect(try lenient.value("refusing_share", "lms") == 0)
        #expect(try lenient.value("saturated_share", "lms") == 0)
    }

    @Test("legitimate requests an attack filter blocks are refusals by policy, not overload")
    func filterBlocksAreRefusals() throws {
        let r = try Self.run(SaturationModels.filtered, "filtered")
        #expect(try r.value("refusal_onset_clock_s", "lms") == clock(9))
        #expect(try r.value("refusing_until_clock_s", "lms").isNaN)  // still refusing at the end
        #expect(try r.value("refusing_share", "lms") == 60.0 / 120)
        #expect(try r.value("overloaded_share", "lms") == 0)
        #expect(try r.value("overload_onset_clock_s", "lms").isNaN)
        // The premise: the blocked logins and pages are counted as failures at the platform,
        // so without telling them apart the platform would look overloaded.
        let blocked = try r.values("legit_blocked", "trickle")
        let failed = zip(try r.values("page_timeouts", "lms"), try r.values("login_failures", "lms")).map(+)
        #expect(blocked[60...].allSatisfy { $0 > 0 } && blocked[..<60].allSatisfy { $0 == 0 })
        #expect(failed == blocked)
    }

    @Test("a bad threshold is a located error naming what was expected", arguments: [
        ("{utilization: 120%}", "over 100%"),
        ("{sustain: 0s}", "sustain"),
        ("{utilisation: 90%}", "did you mean `utilization`"),
        ("{p95_response: fast}", "p95_response"),
    ])
    func badThreshold(text: String, message: String) throws {
        let full = SaturationModels.timedCap + "\nsaturation: \(text)\n"
        do {
            _ = try Models.load(text: full, name: "bad-saturation.yaml")
            Issue.record("accepted `saturation: \(text)`")
        } catch {
            let shown = "\(error)"
            #expect(shown.contains("bad-saturation.yaml:16:"), "\(shown)")  // the line of `saturation:`
            #expect(shown.contains(message), "\(shown)")
        }
    }
}
