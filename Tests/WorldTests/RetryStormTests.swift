import Experiments
import Scenario
import Testing
import World

/// `models/retry-storm.yaml`: a 15 min surge tips the pool into a retry storm (a metastable
/// failure) that outlives it; a retry limit or a session cap breaks the loop and the
/// platform recovers. See the model file for the mechanism and the arithmetic.
@Suite("Retry storm: overload that outlives its trigger")
struct RetryStormTests {
    static let file = "retry-storm.yaml"
    static let surgeEnd = clock(9, 15)
    /// The last hour of the run, 10:30–11:30, from 75 minutes after the surge ended.
    static let lastHour = (from: clock(10, 30), to: clock(11, 30))

    /// Pages a healthy platform delivers per second to the base demand: arrival rate × pages per session.
    static func baseGoodput(_ scenario: Scenario) throws -> Double {
        let base = try #require(scenario.segment("base"))
        let behaviour = try #require(scenario.behaviour(base.behaviour))
        return base.activeMembers / scenario.duration * behaviour.pagesPerSession.mean
    }

    struct LastHour {
        let goodput: Double
        let errorShare: Double
        let wastedShare: Double

        init(_ run: RunResult) throws {
            let range = run.interval(at: RetryStormTests.lastHour.from)..<run.interval(at: RetryStormTests.lastHour.to)
            let seconds = RetryStormTests.lastHour.to - RetryStormTests.lastHour.from
            goodput = try run.sum("pages_ok", "lms", range) / seconds
            let errors = try run.sum("refused", "lms", range) + run.sum("login_failures", "lms", range) + run.sum("page_timeouts", "lms", range)
            let requests = try run.sum("attempts_first", "lms", range) + run.sum("attempts_retry", "lms", range)
                + run.sum("pages_ok", "lms", range) + run.sum("page_timeouts", "lms", range)
            errorShare = requests > 0 ? errors / requests : .nan
            let served = try run.sum("served", "web", range)
            wastedShare = served > 0 ? try run.sum("wasted", "web", range) / served : .nan
        }
    }

    @Test("without a retry limit or a cap the pool is still collapsed two hours after the surge")
    func stormOutlivesTheSurge() throws {
        let scenario = try Models.load(Self.file)
        let base = try Self.baseGoodput(scenario)
        let runs = try replicate(scenario, scenario.replications)
        for (r, run) in runs.enumerated() {
            // Healthy before the surge: the base demand gets its pages, nothing is wasted.
            let before = run.interval(at: clock(8, 15))..<run.interval(at: clock(9))
            #expect(try run.sum("wasted", "web", before) == 0, "replication \(r) wasted work before the surge")
            #expect(try run.sum("page_timeouts", "lms", before) == 0)
            // Saturated from the surge on and never recovered (NaN: still saturated at the end).
            for entity in ["web", "lms"] {
                let onset = try run.value("saturation_onset_clock_s", entity)
                #expect(onset >= clock(9) && onset < Self.surgeEnd, "replication \(r) \(entity): onset \(onset)")
                #expect(try run.value("saturated_until_clock_s", entity).isNaN, "replication \(r) \(entity) recovered")
            }
            // The pool works flat out for nobody: goodput near zero, almost all served work wasted.
            let last = try LastHour(run)
            #expect(last.goodput < 0.05 * base, "replication \(r): goodput \(last.goodput)/s, base demand \(base)/s")
            #expect(last.errorShare > 0.9, "replication \(r): error share \(last.errorShare)")
            #expect(last.wastedShare > 0.9, "replication \(r): wasted share \(last.wastedShare)")
            #expect(try run.sum("utilization", "web", run.interval(at: Self.lastHour.from)..<run.intervalCount) / 60 > 0.99)
        }
    }

    /// The recovered platform serves the base demand again: over the last hour, the mean
    /// goodput of the replications is compared with the base demand's page rate with a
    /// 99.9% t interval (Bonferroni over the two policies), and every replication recovers.
    @Test("a retry limit or a session cap lets the platform recover", arguments: ["retry_limit", "session_cap"])
    func recoversWhenTheLoopIsBroken(policy: String) throws {
        let scenario = try Models.load(Self.file, policy: policy)
        let base = try Self.baseGoodput(scenario)
        let runs = try replicate(scenario, scenario.replications)
        var goodputs: [Double] = []
        for (r, run) in runs.enumerated() {
            for entity in ["web", "lms"] {
                let until = try run.value("saturated_until_clock_s", entity)
                let onset = try run.value("saturation_onset_clock_s", entity)
                // Either it never saturated for 5 minutes, or it recovered well before the last hour.
                #expect(onset.isNaN || (until.isFinite && until <= Self.lastHour.from),
                        "replication \(r) \(entity): saturated from \(onset) until \(until)")
            }
            let last = try LastHour(run)
            #expect(last.errorShare < 0.01, "replication \(r): error share \(last.errorShare)")
            #expect(last.wastedShare == 0, "replication \(r): wasted share \(last.wastedShare)")
            #expect(last.goodput > 0.8 * base, "replication \(r): goodput \(last.goodput)/s, base demand \(base)/s")
            goodputs.append(last.goodput)
        }
        let interval = MeanInterval(goodputs, confidence: familyConfidence(comparisons: 2))
        #expect(interval.contains(base), "\(policy): last-hour goodput \(interval), base demand \(base)/s")
        #expect(interval.halfWidth < 0.1 * base)
    }

    @Test("the storm is the retries' doing: the pool wastes work only once clients time out and retry")
    func workAmplification() throws {
        let storm = try replicate(try Models.load(Self.file), 2)
        let limited = try replicate(try Models.load(Self.file, policy: "retry_limit"), 2)
        for (s, l) in zip(storm, limited) {
            // Same arrivals (common random numbers): the difference is the retry loop alone.
            #expect(try s.value("visits", "base") == l.value("visits", "base"))
            #expect(try s.value("visits", "surge") == l.value("visits", "surge"))
            let retriesStorm = try s.value("attempts_retry", "lms"), retriesLimited = try l.value("attempts_retry", "lms")
            let firstStorm = try s.value("attempts_first", "lms")
            #expect(retriesStorm > 10 * firstStorm, "retries \(retriesStorm) per \(firstStorm) first attempts")
            #expect(retriesLimited <= 2 * firstStorm)
            #expect(try s.value("wasted", "web") > 10 * l.value("wasted", "web"))
        }
    }
}
