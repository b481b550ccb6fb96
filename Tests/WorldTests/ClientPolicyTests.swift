import Experiments
import Foundation
import Scenario
import Stochastics
import Testing
@testable import World

/// A platform that refuses every login but one, at once and at no cost: a session cap of
/// 1 whose only session (the first user's: one page, then 10 h of reading) outlasts the
/// run. About 2,000 users arrive 08:00–08:30, each retrying every 10 s, and the run lasts
/// until 09:30, so every refused user's course is known in advance: what a client policy
/// changes in it can be counted exactly, or against its exact distribution.
enum ClientModels {
    static func refuseAll(_ behaviour: String, session: String = "pages_per_session: 1000, think_time: 10h", gate: String = "cap") -> String {
        """
        version: 1
        name: client policies in front of a platform that refuses everyone
        start: 08:00
        end: 09:30
        seed: 31
        behaviours:
          - {id: user, requests_per_page: 1, login_cost: 1, \(session), \(behaviour)}
        segments:
          - {id: pupils, size: 2000, platforms: lms, behaviour: user, intent: {curves: [{points: [[08:00, 1], [08:30, 1]]}]}}
        platforms:
          - {id: lms, pools: web, gate: \(gate)}
        pools:
          - {id: web, servers: 50, service_time: 10ms}
        gates:
          - {id: cap, session_cap: {max_sessions: 1}}
        """
    }

    /// Runs replications 0 and 1 of the refuse-all platform with this behaviour.
    static func runs(_ behaviour: String) throws -> [RunResult] {
        let scenario = try Models.load(text: refuseAll(behaviour), name: "client-refuse-all.yaml")
        return try replicate(scenario, 2)
    }
}

@Suite("Client policies: adaptive throttling, retry budgets, backoff")
struct ClientPolicyTests {
    /// Refused users of a run: every visit but the one that holds the only session.
    static func refused(_ run: RunResult) throws -> Double {
        #expect(try run.values("successful_logins", "lms").reduce(0, +) == 1)
        return try run.value("visits", "lms") - 1
    }

    // MARK: The scenario language

    @Test("empty policy mappings take SRE's and gRPC's defaults; a profile without them has none")
    func defaults() throws {
        let scenario = try Models.load(text: ClientModels.refuseAll("adaptive_throttling: {}, retry_budget: {}, backoff: {}"), name: "client-defaults.yaml")
        let client = try #require(scenario.behaviour("user")).client
        #expect(client.throttling == AdaptiveThrottling(k: 2, window: 120))
        #expect(client.retryBudget == RetryBudget(maxAttempts: 3, ratio: 0.1))
        #expect(client.backoff == Backoff(initial: 1, multiplier: 1.6, max: 120, jitter: .proportional(0.2)))
        #expect(try #require(scenario.behaviour("default")).client.isEmpty)
        let full = try Models.load(text: ClientModels.refuseAll("backoff: {jitter: full}"), name: "client-full.yaml")
        #expect(try #require(full.behaviour("user")).client.backoff?.jitter == .full)
    }

    @Test("bad client policies are located errors", arguments: [
        ("backoff: {initial: 10s, max: 5s}", "backoff max 5s is below its initial delay 10s"),
        ("adaptive_throttling: {k: 0}", "0 is not above 0"),
        ("retry_budget: {max_attempts: 0}", "0 is below 1"),
        ("retry_budget: {ratio: 120%}", "share 120% is over 100%"),
        ("retry_budget: {max_attempt: 3}", "unknown key `max_attempt`"),
    ])
    func errors(behaviour: String, message: String) {
        // Located at the behaviour's line.
        expectLocatedError(ClientModels.refuseAll(behaviour), name: "client-bad.yaml", message: message, line: 7)
    }

    // MARK: Adaptive throttling

    @Test("the rejection probability is SRE's max(0, (requests − K·accepts)/(requests + 1))")
    func formula() {
        #expect(AdaptiveThrottling.rejectionProbability(requests: 0, accepts: 0, k: 2) == 0)
        #expect(AdaptiveThrottling.rejectionProbability(requests: 9, accepts: 0, k: 2) == 0.9)
        #expect(AdaptiveThrottling.rejectionProbability(requests: 10, accepts: 5, k: 2) == 0)
        #expect(AdaptiveThrottling.rejectionProbability(requests: 10, accepts: 3, k: 2) == 4.0 / 11)
        #expect(AdaptiveThrottling.rejectionProbability(requests: 10, accepts: 3, k: 1.5) == 5.5 / 11)
    }

    @Test("the window counts the requests and accepts of the last `window`, and forgets beyond 32 events")
    func slidingWindow() {
        var table = ClientTable()
        table.reset(3)
        for t in stride(from: 0.0, through: 90, by: 10) { table.recordRequest(3, at: t, retry: t > 0) }
        table.recordAccept(3, at: 95)
        // (100 − 25, 100]: requests at 80 and 90, the accept at 95.
        #expect(table.window(3, now: 100, width: 25) == (2, 1))
        #expect(table.window(3, now: 100, width: 1000) == (10, 1))
        // 9 retries out of 10 requests: below 100%, not below 50%.
        #expect(table.retriesBelow(1, 3) && !table.retriesBelow(0.5, 3))
        for t in stride(from: 100.0, to: 140, by: 1) { table.recordRequest(3, at: t, retry: true) }
        #expect(table.window(3, now: 140, width: 1000) == (Double(ClientTable.memory), 0))
        // A new visit in the slot starts a fresh client.
        table.reset(3)
        #expect(table.window(3, now: 140, width: 1000) == (0, 0))
    }

    /// With every attempt refused and a window `window` long, attempt n (10 s apart) sees the
    /// earlier attempts still in the window and no accept, so it is rejected locally with
    /// probability m/(m + 1), m = min(n − 1, attempts in the window). Over the refused users
    /// the locally rejected attempts are a sum of independent Bernoulli variables whose mean
    /// and variance follow; the tolerance is 4.5 standard deviations (with these fixed seeds
    /// the test is deterministic; a correct simulator would fail it for under 1 seed in 10^5).
    @Test("with every attempt refused, the share rejected locally follows the formula",
          arguments: [(window: "10h", inWindow: 9), (window: "25s", inWindow: 2)])
    func throttlingAgainstTheFormula(window: String, inWindow: Int) throws {
        let attempts = 10
        let runs = try ClientModels.runs("retry_delay: 10s, retry_limit: \(attempts - 1), patience: 10h, adaptive_throttling: {k: 2, window: \(window)}")
        let p = (1...attempts).map { n -> Double in let m = Double(min(n - 1, inWindow)); return m / (m + 1) }
        let mean = p.reduce(0, +), variance = p.reduce(0) { $0 + $1 * (1 - $1) }
        for run in runs {
            let users = try Self.refused(run)
            #expect(users > 1500)
            // Every refused user makes exactly `attempts` attempts; the one user in, a login and a page.
            #expect(try run.value("client_requests", "lms") == users * Double(attempts) + 2)
            let throttled = try run.value("throttled_locally", "lms")
            let expected = users * mean, tolerance = 4.5 * (users * variance).squareRoot()
            #expect(abs(throttled - expected) <= tolerance, "\(throttled) rejected locally, expected \(expected) ± \(tolerance)")
            // The platform sees only the attempts that left the client.
            let sent = try run.value("attempts_first", "lms") + run.value("attempts_retry", "lms")
            #expect(sent == users * Double(attempts) + 1 - throttled)
            #expect(abs(try run.value("p_throttled_locally", "lms") - throttled / (users * Double(attempts) + 2)) < 1e-12)
        }
    }

    /// Without the cap every login and page is accepted: each request finds as many
    /// accepts as requests before it in the window, and K · accepts ≥ requests.
    @Test("a client whose requests are accepted never throttles")
    func acceptedClientsPass() throws {
        let text = ClientModels.refuseAll("retry_delay: 10s, adaptive_throttling: {k: 2, window: 2min}",
                                          session: "pages_per_session: 20, think_time: 30s", gate: "[]")
        let free = try #require(try replicate(try Models.load(text: text, name: "client-calm.yaml"), 1).first)
        #expect(try free.value("client_requests", "lms") > 10_000)
        #expect(try free.value("throttled_locally", "lms") == 0)
    }

    // MARK: Backoff

    @Test("backoff delays follow min(max, initial · multiplierⁿ⁻¹) within the jitter's bounds")
    func backoffSequence() {
        let grpc = Backoff(initial: 1, multiplier: 1.6, max: 120, jitter: .proportional(0.2))
        let capped = (1...15).map { grpc.cappedDelay(retry: $0) }
        #expect(abs(capped[0] - 1) < 1e-12 && abs(capped[1] - 1.6) < 1e-12 && abs(capped[2] - 2.56) < 1e-12)
        #expect(abs(capped[10] - pow(1.6, 10)) < 1e-9)  // 109.95 s, under the cap
        #expect(capped[11...].allSatisfy { $0 == 120 })  // 1.6^11 = 175.9 s is capped
        let full = Backoff(initial: 1, multiplier: 1.6, max: 120, jitter: .full)
        let stream = StreamFactory(seed: 5).stream("backoff")
        let draws = 4000
        for n in 1...15 {
            var sum = 0.0, sumFull = 0.0
            for _ in 0..<draws {
                let d = grpc.delay(retry: n, uniform: stream.uniform())
                #expect(d >= 0.8 * capped[n - 1] && d <= 1.2 * capped[n - 1])
                sum += d
                let f = full.delay(retry: n, uniform: stream.uniform())
                #expect(f >= 0 && f <= capped[n - 1])
                sumFull += f
            }
            // Uniform jitter is centred: ±20% has mean c and sd c·0.2/√3; full jitter mean c/2, sd c/√12.
            let c = capped[n - 1], k = Double(draws)
            #expect(abs(sum / k - c) <= 4.5 * c * 0.2 / 3.0.squareRoot() / k.squareRoot())
            #expect(abs(sumFull / k - c / 2) <= 4.5 * c / 12.0.squareRoot() / k.squareRoot())
        }
    }

    /// Retries at cumulative times Σ delays: with initial 1 s and ×2, retry k comes
    /// (2^k − 1) s after the first attempt, within ±20%: retry 6 by 75.6 s, retry 7 not
    /// before 101.6 s, so a patience of 100 s allows exactly 6 retries to every user. With a
    /// 10 s cap and no jitter the retries come at 1, 3, 7, 15, 25, 35, … 95 s: 12 of them.
    @Test("in the simulation, retries follow the backoff: an exact retry count within a fixed patience",
          arguments: [(backoff: "{initial: 1s, multiplier: 2, max: 120s, jitter: 20%}", retries: 6),
                      (backoff: "{initial: 1s, multiplier: 2, max: 10s, jitter: 0%}", retries: 12)])
    func backoffInTheWorld(backoff: String, retries: Int) throws {
        for run in try ClientModels.runs("retry_delay: 10s, patience: 100s, backoff: \(backoff)") {
            let users = try Self.refused(run)
            #expect(users > 1500)
            #expect(try run.value("attempts_retry", "lms") == users * Double(retries))
        }
    }

    // MARK: Retry budget

    /// Without a budget each refused user retries every 10 s for 10 h; with one, max_attempts
    /// bounds a login round, and a 10% ratio allows one retry to a client whose only request
    /// so far is the refused first attempt (0 retries < 10% × 1 request; then 1 ≥ 10% × 2).
    @Test("a retry budget bounds the attempts per user", arguments: [(ratio: "100%", retries: 2), (ratio: "10%", retries: 1)])
    func retryBudget(ratio: String, retries: Int) throws {
        for run in try ClientModels.runs("retry_delay: 10s, patience: 10h, retry_budget: {max_attempts: 3, ratio: \(ratio)}") {
            let users = try Self.refused(run)
            #expect(users > 1500)
            #expect(try run.value("attempts_retry", "lms") == users * Double(retries))
            #expect(try run.value("retries_suppressed", "lms") == users, "each refused user is stopped once, then gives up")
            #expect(try run.value("client_requests", "lms") == users * Double(retries + 1) + 2)
            #expect(try run.value("throttled_locally", "lms") == 0)
        }
    }

    // MARK: The retry storm

    /// `models/retry-storm.yaml` stays collapsed without client policies (RetryStormTests);
    /// with P6's (throttling K = 2 over 2 min, at most 3 attempts and 10% retries, gRPC
    /// backoff) the sustaining retry load is cut and the pool recovers after the surge.
    @Test("the retry storm recovers with P6-style client policies")
    func stormRecovers() throws {
        let file = RetryStormTests.file
        let scenario = try Models.load(file, policy: "client_policies")
        let base = try RetryStormTests.baseGoodput(scenario)
        let runs = try replicate(scenario, scenario.replications)
        let storm = try replicate(try Models.load(file), 1)[0]
        var goodputs: [Double] = []
        for (r, run) in runs.enumerated() {
            for entity in ["web", "lms"] {
                let until = try run.value("saturated_until_clock_s", entity)
                let onset = try run.value("saturation_onset_clock_s", entity)
                #expect(onset.isNaN || (until.isFinite && until <= RetryStormTests.lastHour.from),
                        "replication \(r) \(entity): saturated from \(onset) until \(until)")
            }
            let last = try RetryStormTests.LastHour(run)
            #expect(last.errorShare < 0.01, "replication \(r): error share \(last.errorShare)")
            #expect(last.goodput > 0.8 * base, "replication \(r): goodput \(last.goodput)/s, base demand \(base)/s")
            goodputs.append(last.goodput)
            // The clients did it: retries were refused by the budget and attempts throttled locally.
            #expect(try run.value("retries_suppressed", "lms") > 0)
            #expect(try run.value("throttled_locally", "lms") > 0)
        }
        let interval = MeanInterval(goodputs, confidence: familyConfidence(comparisons: 1))
        #expect(interval.contains(base), "last-hour goodput \(interval), base demand \(base)/s")
        // Same arrivals as the storm (common random numbers), a fraction of its retries.
        #expect(try runs[0].value("visits", "base") == storm.value("visits", "base"))
        #expect(try runs[0].value("attempts_retry", "lms") < 0.05 * storm.value("attempts_retry", "lms"))
    }
}
