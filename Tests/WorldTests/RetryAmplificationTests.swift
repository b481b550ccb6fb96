import Scenario
import Testing
import World

/// `retry_amplification`: a login after k failed attempts of the same visit costs
/// min(max, factor^k) first logins' work (docs/scenario-format.md, "Retry amplification").
@Suite("Retry amplification: a retried login costs the platform more")
struct RetryAmplificationTests {
    // MARK: The scenario language

    static func platform(_ amplification: String) -> String {
        """
        version: 1
        start: 08:00
        end: 09:00
        segments:
          - {id: pupils, size: 100, platforms: lms, intent: {bumps: [{at: 08:30, sd: 5min}]}}
        platforms:
          - {id: lms, pools: web, retry_amplification: \(amplification)}
        pools:
          - {id: web, servers: 5, service_time: 10ms}
        """
    }

    @Test("the multiplier is 1 for a first login, then min(max, factor^k)")
    func multiplier() throws {
        let scenario = try Models.load(text: Self.platform("{factor: 1.5, max: 4}"), name: "amplification.yaml")
        let amplification = try #require(scenario.platform("lms")?.retryAmplification)
        #expect(amplification == RetryAmplification(factor: 1.5, max: 4))
        #expect([0, 1, 2, 3, 4, 10].map { amplification.multiplier(afterFailures: $0) } == [1, 1.5, 2.25, 3.375, 4, 4])
        #expect(RetryAmplification(factor: 1, max: 8).multiplier(afterFailures: 50) == 1)
    }

    @Test("bad retry amplifications are located errors", arguments: [
        ("{factor: 0.8, max: 4}", "0.8 is below 1"),
        ("{factor: 1.5, max: 0.5}", "0.5 is below 1"),
        ("{max: 4}", "missing key `factor`"),
        ("{factor: 1.5}", "missing key `max`"),
        ("{factor: 1.5, max: 4, cap: 2}", "unknown key `cap`"),
        ("{factor: fast, max: 4}", "fast"),
        ("1.5", "expected"),
    ])
    func errors(amplification: String, message: String) {
        // Located at the platform's line.
        expectLocatedError(Self.platform(amplification), name: "amplification-bad.yaml", message: message, line: 7)
    }

    // MARK: A hand-derived case

    /// Every visit arrives in the first of `windows` back-to-back deny windows of 30 minutes
    /// and returns 1 s after each ends, so it is refused exactly `windows` times (at the
    /// edge: no pool work) before its one login. Its login then costs exactly
    /// a = min(max, factor^windows) first logins; login and page go to an infinite-server
    /// pool (nobody waits, nothing times out), so the pool's work per visit is a·E[login] + E[page].
    static func barred(windows: Int, factor: Double, max: Double, service: String, loginCost: Int) -> String {
        let deny = (0..<windows).map { w in
            "{segments: [pupils], from: \(clockText(8 * 60 + 30 * w)), to: \(clockText(8 * 60 + 30 * (w + 1))), action: deny}"
        }
        return """
        version: 1
        name: every login refused \(windows) times first
        start: 08:00
        end: 10:30
        seed: 4242
        behaviours:
          - {id: user, pages_per_session: 1, requests_per_page: 1, login_cost: \(loginCost), client_timeout: 1h, retry_delay: 1s, patience: 10h}
        segments:
          - {id: pupils, size: 3000, platforms: lms, behaviour: user, intent: {curves: [{points: [[08:00, 1], [08:20, 1]]}]}}
        platforms:
          - {id: lms, pools: web, gate: barred, retry_amplification: {factor: \(factor), max: \(max)}}
        pools:
          - {id: web, servers: unlimited, service_time: \(service)}
        gates:
          - {id: barred, time_windows: [\(deny.joined(separator: ", "))]}
        """
    }

    static func clockText(_ minutes: Int) -> String {
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }

    /// (windows, factor, max, service time, login_cost, a): a login with its own service
    /// time (2 s mean) uncapped, and a login of `login_cost: 2` pages of 1 s capped by `max`.
    static let barredCases: [(Int, Double, Double, String, Int, Double)] = [
        (2, 1.5, 4, "{page: exponential(mean: 1s), login: exponential(mean: 2s)}", 1, 2.25),
        (3, 1.5, 3, "exponential(mean: 1s)", 2, 3),
    ]

    @Test("work per visit is a·E[login] + E[page] after a known number of refusals", arguments: barredCases.indices)
    func handDerived(index: Int) throws {
        let (windows, factor, max, service, loginCost, a) = Self.barredCases[index]
        let scenario = try Models.load(text: Self.barred(windows: windows, factor: factor, max: max, service: service, loginCost: loginCost),
                                       name: "amplification-barred.yaml")
        let runs = try replicate(scenario, 10)
        let login = 2.0, page = 1.0
        let expected = a * login + page
        var perVisit: [Double] = []
        for run in runs {
            let visits = try run.value("visits", "lms")
            // Deterministic: each visit refused `windows` times, then one login of multiplier a.
            #expect(try run.value("refused", "lms") == Double(windows) * visits)
            #expect(try run.values("successful_logins", "lms").reduce(0, +) == visits)
            #expect(try run.value("login_work_amplification", "lms") == a)
            // The pool's work: its time-average busy workers over the run's length.
            perVisit.append(try run.value("busy_workers", "web") * scenario.duration / visits)
        }
        let interval = MeanInterval(perVisit, confidence: familyConfidence(comparisons: Self.barredCases.count))
        print("retry amplification, \(windows) refusals, factor \(factor), max \(max): work per visit \(interval) s, expected \(expected) s")
        #expect(agrees(perVisit, expected, confidence: familyConfidence(comparisons: Self.barredCases.count)))
        // Without amplification the same visits cost a first login each: the difference is the mechanism's.
        #expect(interval.mean - interval.halfWidth > login + page)
    }

    // MARK: No amplification is no change

    /// retry-storm.yaml's policy `amplified` as overrides, with another factor (a policy
    /// applies after `--set`, so the policy itself cannot be overridden).
    static func amplified(factor: Double) -> [(String, String)] {
        [("behaviours.impatient.retry_limit", "6"), ("platforms.lms.retry_amplification", "{factor: \(factor), max: 8}")]
    }

    @Test("factor 1 simulates exactly what a platform without the key does")
    func factorOneIsNone() throws {
        let plain = try Models.load("retry-storm.yaml", [("behaviours.impatient.retry_limit", "6")])
        let one = try Models.load("retry-storm.yaml", Self.amplified(factor: 1))
        let a = try #require(try replicate(plain, 1).first), b = try #require(try replicate(one, 1).first)
        #expect(a.events == b.events)
        #expect(a.series.map(\.values.description) == b.series.map(\.values.description))
        #expect(try b.value("login_work_amplification", "lms") == 1)
        #expect(a.summary("login_work_amplification", "lms") == nil)
    }

    // MARK: Metastability

    /// Minutes from the surge's end (09:15) until the pool is no longer overloaded; a pool
    /// still overloaded at the end of the run counts as recovering then (censored: a lower bound).
    static func recoveryMinutes(_ run: RunResult) throws -> Double {
        let surgeEnd = clock(9, 15)
        let onset = try run.value("overload_onset_clock_s", "web")
        #expect(onset.isFinite, "the surge overloads the pool")
        let until = try run.value("overloaded_until_clock_s", "web")
        let end = run.startClock + Double(run.intervalCount) * run.interval
        return ((until.isFinite ? until : end) - surgeEnd) / 60
    }

    /// `models/retry-storm.yaml`, policy `amplified`: a retry limit of 6 that lets the pool
    /// recover once the surge ends, unless each failed login doubles the next one's work
    /// (at most 8 times). Paired on common random numbers: the same seeds with `factor: 1`.
    /// Measured (5 replications, seed 20211): recovery 4 min after the surge without
    /// amplification in every replication; with it, still overloaded at 11:30 (≥ 135 min).
    @Test("with amplification the pool is still overloaded at the end of the run; without, it recovers after the surge")
    func metastable() throws {
        let amplified = try Models.load("retry-storm.yaml", policy: "amplified")
        let plain = try Models.load("retry-storm.yaml", Self.amplified(factor: 1))
        // The policy is these overrides with factor 2: the runs differ only by the factor.
        #expect(amplified.platform("lms")?.retryAmplification == RetryAmplification(factor: 2, max: 8))
        #expect(amplified.behaviour("impatient")?.retryLimit == plain.behaviour("impatient")?.retryLimit)
        let n = amplified.replications
        let withRuns = try replicate(amplified, n), withoutRuns = try replicate(plain, n)
        let with = try withRuns.map(Self.recoveryMinutes), without = try withoutRuns.map(Self.recoveryMinutes)
        print("retry amplification, recovery after the surge (min): with \(with), without \(without)")
        // No band to pick: without amplification the retry orbit drains once the surge ends
        // (a retry limit of 6), so every replication recovers within the run; with it, the
        // failed logins' extra work sustains the overload, so none does (a metastable failure).
        let runEnd = (withRuns[0].startClock + Double(withRuns[0].intervalCount) * withRuns[0].interval - clock(9, 15)) / 60
        for (r, minutes) in without.enumerated() {
            #expect(minutes < runEnd, "replication \(r) without amplification did not recover within the run")
        }
        for (r, minutes) in with.enumerated() {
            #expect(minutes == runEnd, "replication \(r) with amplification recovered \(minutes) min after the surge")
        }
        let differences = zip(with, without).map { $0 - $1 }
        let paired = MeanInterval(differences, confidence: 0.999)
        print("retry amplification, paired difference in recovery (min): \(paired)")
        #expect(paired.mean - paired.halfWidth > 0, "amplification delays recovery by \(paired)")
        for run in withRuns {
            #expect(try run.value("login_work_amplification", "lms") > 1)
        }
    }
}
