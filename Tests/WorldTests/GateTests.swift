import Scenario
import Testing
import World

/// Small platforms whose sessions have a known course, so that what a gate does can be
/// predicted exactly: a pool far from saturation (50–100 workers for a few requests per
/// second of 10 ms), so every login and page succeeds at its service time.
enum GateModels {
    /// Sessions that outlast the run (1000 pages 1 min apart): sessions only ever grow, so
    /// the cap of 300 is reached exactly when the 300th user is let in, and from then on
    /// every attempt is refused. 600 users arrive between 08:00 and 09:00 and retry each minute.
    static let monotoneCap = """
    version: 1
    name: session cap, sessions that never end
    start: 08:00
    end: 10:00
    seed: 11
    behaviours:
      - {id: user, requests_per_page: 1, pages_per_session: 1000, think_time: exponential(mean: 60s), patience: exponential(mean: 4h),
         retry_delay: exponential(mean: 1min)}
    segments:
      - {id: pupils, size: 600, platforms: lms, behaviour: user, intent: {curves: [{points: [[08:00, 1], [09:00, 1]]}]}}
    platforms:
      - {id: lms, pools: web, gate: cap}
    pools:
      - {id: web, servers: 50, service_time: 10ms}
    gates:
      - {id: cap, session_cap: {max_sessions: 300}}
    """

    /// Sessions of 5 pages 30 s apart (about 2 min) and 1.33 arrivals/s: about 160 users
    /// want a session at once, the cap allows 100. Refused users retry after 30 s on
    /// average for 10 min. Reported every 10 s so the gate's moves can be followed.
    /// Policy `uncapped` removes the cap (same arrivals and users: common random numbers).
    static let churningCap = """
    version: 1
    name: session cap with churn
    start: 08:00
    end: 10:00
    report_interval: 10s
    seed: 12
    behaviours:
      - {id: user, requests_per_page: 1, pages_per_session: 5, think_time: exponential(mean: 30s), patience: exponential(mean: 10min),
         retry_delay: exponential(mean: 30s)}
    segments:
      - {id: pupils, size: 9600, platforms: lms, behaviour: user, intent: {curves: [{points: [[08:00, 1], [10:00, 1]]}]}}
    platforms:
      - {id: lms, pools: web, gate: cap}
    pools:
      - {id: web, servers: 50, service_time: 10ms}
    gates:
      - {id: cap, session_cap: {max_sessions: 100}}
    policies:
      uncapped: {set: {platforms.lms.gate: []}}
    """

    /// 1 arrival/s (10,800 users over three hours) whose sessions would last 8 hours, cut
    /// by a 10 min session time limit; nobody logs in again. A login costs 6 × 10 ms, so a
    /// slot is held 600.06 s. Policy `jittered` adds uniform(0, 10 min) to each limit.
    static let timeLimit = """
    version: 1
    name: session time limit
    start: 08:00
    end: 11:00
    warmup: 20min
    seed: 13
    behaviours:
      - {id: user, requests_per_page: 1, pages_per_session: 1000, think_time: exponential(mean: 30s), login_cost: 6,
         relogin: {probability: 0%}}
    segments:
      - {id: pupils, size: 10800, platforms: lms, behaviour: user, intent: {curves: [{points: [[08:00, 1], [11:00, 1]]}]}}
    platforms:
      - {id: lms, pools: web, gate: limit}
    pools:
      - {id: web, servers: 100, service_time: 10ms}
    gates:
      - {id: limit, session_time_limit: {limit: 10min}}
      - {id: jittered, session_time_limit: {limit: 10min, jitter: uniform(0s, 10min)}}
    policies:
      jittered: {set: {platforms.lms.gate: [jittered]}}
    """
}

@Suite("Gates: the session cap caps, the session time limit logs out")
struct GateTests {
    @Test("with sessions that never end, refusals start exactly when the 300th session opens")
    func capReachedThenRefusals() throws {
        let scenario = try Models.load(text: GateModels.monotoneCap, name: "monotone-cap.yaml")
        for run in try replicate(scenario, 4) {
            let end = try run.values("active_sessions_end", "lms")
            let refused = try run.values("refused", "lms")
            let admitted = try run.values("admitted", "lms")
            let completed = try run.values("sessions_completed", "lms")
            #expect(completed.allSatisfy { $0 == 0 }, "sessions were meant to outlast the run")
            #expect(try run.value("peak_active_sessions", "lms") == 300)
            #expect(admitted.reduce(0, +) == 300, "one admission per slot, never more")
            #expect(try run.values("successful_logins", "lms").reduce(0, +) == 300)
            #expect(try run.value("refused", "lms") > 0)
            for k in end.indices {
                #expect(end[k] <= 300, "interval \(k): \(end[k]) sessions over the cap")
                if k > 0 { #expect(end[k] >= end[k - 1], "interval \(k): sessions fell although none ended") }
                // Sessions only grow, so the cap was reached in interval k iff the count is 300 at its end.
                if end[k] < 300 { #expect(refused[k] == 0, "interval \(k): \(refused[k]) refusals with \(end[k]) sessions") }
                if refused[k] > 0 { #expect(end[k] == 300) }
            }
            // Every attempt after the cap is a refusal: attempts = admissions + refusals.
            let attempts = try run.values("attempts_first", "lms").reduce(0, +) + run.values("attempts_retry", "lms").reduce(0, +)
            #expect(attempts == 300 + refused.reduce(0, +))
        }
    }

    @Test("with churn, active sessions never exceed the cap and a refusal needs a full platform")
    func capHoldsUnderChurn() throws {
        let capped = try Models.load(text: GateModels.churningCap, name: "churning-cap.yaml")
        let uncapped = try Models.load(text: GateModels.churningCap, name: "churning-cap.yaml", policy: "uncapped")
        let cap = 100.0
        for replication in 0..<3 {
            var worldCapped = try World(scenario: capped, replication: replication)
            var worldUncapped = try World(scenario: uncapped, replication: replication)
            let run = worldCapped.run(), free = worldUncapped.run()
            let end = try run.values("active_sessions_end", "lms")
            let mean = try run.values("active_sessions", "lms")
            let refused = try run.values("refused", "lms")
            let admitted = try run.values("admitted", "lms")
            #expect(try run.value("peak_active_sessions", "lms") == cap, "the cap must be reached, and held")
            #expect(end.allSatisfy { $0 <= cap } && mean.allSatisfy { $0 <= cap + 1e-9 })
            #expect(try run.values("session_cap", "lms").allSatisfy { $0 == cap })
            #expect(try run.value("refused", "lms") > 0)
            // Sessions grow only by admissions, so the most sessions open during interval k is
            // at most those open at its start plus its admissions: a refusal needs that to reach the cap.
            for k in refused.indices where refused[k] > 0 {
                let atStart = k > 0 ? end[k - 1] : 0
                #expect(atStart + admitted[k] >= cap, "interval \(k): refused with at most \(atStart + admitted[k]) sessions")
            }
            // Without the cap the same users want more sessions than the cap allows, and nobody is refused.
            #expect(try free.value("peak_active_sessions", "lms") > cap)
            #expect(try free.value("refused", "lms") == 0)
            // Common random numbers: until the first refusal the two runs are the same run.
            let first = try #require(refused.firstIndex { $0 > 0 })
            for (a, b) in zip(run.series, free.series) where a.metric != "session_cap" {
                #expect(a.entity == b.entity && a.metric == b.metric)
                #expect(a.values[..<first].map(\.bitPattern) == b.values[..<first].map(\.bitPattern),
                        "\(a.entity).\(a.metric) differs before the first refusal (interval \(first))")
            }
        }
    }

    @Test("a 10 min session limit logs each session out exactly 10 min after its login")
    func forcedLogoutsFollowLogins() throws {
        let scenario = try Models.load(text: GateModels.timeLimit, name: "time-limit.yaml")
        for run in try replicate(scenario, 3) {
            let logins = try run.values("successful_logins", "lms")
            let forced = try run.values("forced_logouts", "lms")
            let shift = 10  // 10 min in 1 min intervals
            #expect(forced[..<shift].allSatisfy { $0 == 0 })
            for k in shift..<forced.count {
                #expect(forced[k] == logins[k - shift], "interval \(k): \(forced[k]) forced logouts, \(logins[k - shift]) logins 10 min before")
            }
            // Nobody logs in again, so every forced logout ends a visit as "forced".
            let account = try #require(run.visitAccounts.first)
            #expect(account.leftForced == forced.reduce(0, +))
            #expect(account.gaveUpNeverIn == 0 && account.gaveUpAfterIn == 0 && account.leftDone == 0)
        }
    }

    /// Forced logouts per second over the measured period estimate the admission rate (every
    /// session is cut); and Little's law for sessions: the time-average number of sessions is
    /// the admission rate times the time a slot is held (login 0.06 s + limit + mean jitter).
    /// Both are compared with a 99.9% t interval over replications (Bonferroni over the two).
    @Test("forced logouts come at the arrival rate and Little's law holds for sessions", arguments: [
        ("base", 600.06), ("jittered", 600.06 + 300),
    ])
    func forcedLogoutRateAndLittle(policy: String, slotTime: Double) throws {
        let scenario = try Models.load(text: GateModels.timeLimit, name: "time-limit.yaml",
                                       policy: policy == "base" ? nil : policy)
        let runs = try replicate(scenario, 8)
        let first = 20, measured = 3 * 3600.0 - 1200, arrivalRate = 10_800 / (3 * 3600.0)
        var rates: [Double] = [], little: [Double] = []
        for run in runs {
            let forced = try run.sum("forced_logouts", "lms", first..<180)
            let admitted = try run.sum("admitted", "lms", first..<180)
            rates.append(forced / measured)
            little.append(try run.value("mean_active_sessions", "lms") - admitted / measured * slotTime)
            #expect(try run.value("forced_logouts", "lms") == forced, "summary counts the measured period")
        }
        let confidence = familyConfidence(comparisons: 2)
        let rate = MeanInterval(rates, confidence: confidence)
        #expect(rate.contains(arrivalRate), "forced logouts per second \(rate), arrival rate \(arrivalRate)")
        #expect(rate.halfWidth < 0.05 * arrivalRate)
        let gap = MeanInterval(little, confidence: confidence)
        #expect(gap.contains(0), "mean sessions − admission rate × slot time: \(gap)")
        #expect(gap.halfWidth < 0.02 * arrivalRate * slotTime, "interval \(gap) too wide to test Little's law")
    }
}
