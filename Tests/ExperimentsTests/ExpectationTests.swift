import Foundation
import Testing
@testable import Experiments
@testable import Scenario
import World

@Suite("expectations")
struct ExpectationTests {
    static func expectation(_ yaml: String, model: String = TempModel.platform) throws -> (ModelExpectation, Scenario) {
        let scenario = try ScenarioLoader.load(text: model + "\nexpect:\n  - " + yaml + "\n", path: "test.yaml")
        return (try #require(scenario.expectations.first), scenario)
    }

    @Test("the metric lists match what the simulator writes, kind by kind")
    func catalogueMatchesARun() throws {
        let scenario = try ScenarioLoader.load(text: TempModel.platform, path: "test.yaml")
        let run = try #require(try Replications.run(scenario, indices: [0]).first)
        for kind in [EntityKind.pool, .platform, .segment] {
            let written = run.series.filter { $0.kind == kind }.map(\.metric)
            var unique: [String] = []
            for m in written where !unique.contains(m) { unique.append(m) }
            #expect(Set(unique) == Set(ExpectationMetrics.series[kind] ?? []), "series of \(kind)")
            let summary = run.summary.filter { $0.kind == kind }.map(\.metric)
            var names: [String] = []
            for m in summary where !names.contains(m) {
                names.append(ExpectationMetrics.isCheckpointShare(m) ? "share_in_by_HHMM" : m)
            }
            var deduplicated: [String] = []
            for m in names where !deduplicated.contains(m) { deduplicated.append(m) }
            // The test model has no gates, no client policies, no retry amplification and no service
            // levels, so those figures are absent.
            let expected = Set(ExpectationMetrics.summary[kind] ?? []).subtracting(ExpectationMetrics.gatedPlatformSummary)
                .subtracting(ExpectationMetrics.clientPlatformSummary).subtracting(ExpectationMetrics.amplifiedPlatformSummary)
                .subtracting(ExpectationMetrics.serviceLevelPoolSummary)
            #expect(Set(deduplicated) == expected, "summary of \(kind)")
        }
        // Every name an expectation can use is one the scenario language accepts, and back.
        let all = Set(ExpectationMetrics.summary.values.joined()).union(ExpectationMetrics.series.values.joined())
        #expect(all == Set(Schema.metrics.map(\.name)))
    }

    @Test("a clock bound reads as clock seconds: 07:00 is 25,200 s")
    func clockBounds() throws {
        let (e, _) = try Self.expectation("{metric: saturation_onset_clock_s, entity: ent, min: 07:00, max: 09:30}")
        #expect(e.min == 25_200 && e.max == 34_200)
        #expect(e.expectedText(metric: .clock) == "between 07:00 and 09:30")
    }

    @Test("an entity named by a pool and a platform reads the platform's figure")
    func platformFirst() throws {
        let (e, scenario) = try Self.expectation("{metric: saturated_share, entity: ent, max: 0}")
        let target = try ExpectationTarget.resolve(e, number: 1, in: scenario, file: "test.yaml")
        #expect(target.kind == .platform && target.reading == .summary)
        let (u, _) = try Self.expectation("{metric: utilization, entity: ent, max: 1}")
        #expect(try ExpectationTarget.resolve(u, number: 1, in: scenario, file: "test.yaml").kind == .pool)
    }

    @Test("at reads the interval containing the time; from/to the intervals starting in [from, to)")
    func readings() throws {
        let (at, scenario) = try Self.expectation("{metric: busy_workers, entity: ent, at: '08:07', value: 1}")
        #expect(try ExpectationTarget.resolve(at, number: 1, in: scenario, file: "t").reading == .interval(13))
        let (window, _) = try Self.expectation("{metric: attempts_per_success, entity: ent, from: 08:00, to: 09:00, min: 1}")
        #expect(try ExpectationTarget.resolve(window, number: 1, in: scenario, file: "t").reading == .window(12..<24))
    }

    @Test("a window sums counts, averages levels and divides sums for attempts per success")
    func windowAggregation() throws {
        let scenario = try ScenarioLoader.load(text: TempModel.platform, path: "test.yaml")
        let run = try #require(try Replications.run(scenario, indices: [0]).first)
        func series(_ m: String, _ kind: EntityKind) -> [Double] { run.series.first { $0.kind == kind && $0.metric == m }!.values }
        let range = 12..<24
        let sum = ExpectationTarget(metric: "pages_ok", kind: .platform, entity: "ent", reading: .window(range))
        #expect(sum.value(in: run) == range.reduce(0) { $0 + series("pages_ok", .platform)[$1] })
        let mean = ExpectationTarget(metric: "utilization", kind: .pool, entity: "ent", reading: .window(range))
        #expect(abs(mean.value(in: run) - range.reduce(0) { $0 + series("utilization", .pool)[$1] } / 12) < 1e-12)
        let ratio = ExpectationTarget(metric: "attempts_per_success", kind: .platform, entity: "ent", reading: .window(range))
        let attempts = range.reduce(0) { $0 + series("attempts_first", .platform)[$1] + series("attempts_retry", .platform)[$1] }
        #expect(ratio.value(in: run) == attempts / range.reduce(0) { $0 + series("successful_logins", .platform)[$1] })
    }

    @Test("an unknown or misplaced metric names the file, the expectation and the known names")
    func problems() throws {
        let (series, scenario) = try Self.expectation("{metric: active_sessions, entity: ent, value: 3}")
        let error = try #require(throws: ExpectationProblem.self) {
            try ExpectationTarget.resolve(series, number: 2, in: scenario, file: "models/x.yaml")
        }
        #expect(error.description.contains("models/x.yaml:"))
        #expect(error.description.contains("expectation 2 (`active_sessions`)"))
        #expect(error.description.contains("time series (add `at` or `from`/`to`)"))
        let (wrongKind, _) = try Self.expectation("{metric: p_blocked, entity: pupils, value: 0}")
        let kindError = try #require(throws: ExpectationProblem.self) {
            try ExpectationTarget.resolve(wrongKind, number: 1, in: scenario, file: "x.yaml")
        }
        #expect(kindError.description.contains("`pupils` is not a pool"))
        // A misspelt name is refused when the file loads, with a suggestion and its place.
        #expect(throws: ScenarioError.self) { try Self.expectation("{metric: utilisation, entity: ent, value: 0.5}") }
        do {
            _ = try Self.expectation("{metric: utilisation, entity: ent, value: 0.5}")
        } catch let error as ScenarioError {
            #expect(error.description.contains("did you mean `utilization`"))
            #expect(error.description.contains("test.yaml:"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}

@Suite("the pass rule")
struct RuleTests {
    static func expectation(value: Double? = nil, min: Double? = nil, max: Double? = nil,
                            tolerance: ModelExpectation.Tolerance = .ci95) -> ModelExpectation {
        ModelExpectation(metric: "mean_queue", entity: "server", policy: nil, at: nil, from: nil, to: nil,
                    value: value, min: min, max: max, tolerance: tolerance)
    }
    static let target = ExpectationTarget(metric: "mean_queue", kind: .pool, entity: "server", reading: .summary)
    static let full = CheckBudget(.declared).rule(declared: 10, used: 10)

    @Test("a value passes within its tolerance and misses outside it, saying by how much")
    func tolerance() {
        let values = [8.0, 8.1, 8.2, 8.1, 8.0, 8.2, 8.1, 8.1, 8.0, 8.2]
        let pass = Self.full.evaluate(Self.expectation(value: 8.1, tolerance: .relative(0.05)), number: 1, target: Self.target, values: values)
        #expect(pass.verdict == .pass)
        let miss = Self.full.evaluate(Self.expectation(value: 9, tolerance: .relative(0.05)), number: 1, target: Self.target, values: values)
        #expect(miss.verdict == .miss)
        #expect(miss.note.contains("off by 0.9") && miss.note.contains("allowed 0.45 (the tolerance)"))
        #expect(miss.measuredText.hasPrefix("8.1 ± "))
    }

    @Test("a tight tolerance is widened to the 99% interval, never narrower than the noise")
    func noise() {
        let values = [7.0, 9.0, 8.0, 8.5, 7.5, 8.2, 7.8, 8.8, 7.2, 8.0]
        let e = Self.expectation(value: 8.6, tolerance: .absolute(0.01))
        let o = Self.full.evaluate(e, number: 1, target: Self.target, values: values)
        #expect(o.verdict == .pass)
        #expect(o.note.contains("(the 99% interval)"))
    }

    @Test("ci95: the expected value must lie in the 95% interval")
    func ci95() {
        let values = [8.0, 8.1, 8.2, 8.1, 8.0, 8.2, 8.1, 8.1, 8.0, 8.2]
        #expect(Self.full.evaluate(Self.expectation(value: 8.12), number: 1, target: Self.target, values: values).verdict == .pass)
        #expect(Self.full.evaluate(Self.expectation(value: 8.3), number: 1, target: Self.target, values: values).verdict == .miss)
        let one = CheckBudget(.fast).rule(declared: 1, used: 1)
        #expect(one.evaluate(Self.expectation(value: 8.1), number: 1, target: Self.target, values: [8.1]).verdict == .unchecked)
    }

    @Test("bounds hold the mean; a replication without a value is a miss")
    func bounds() {
        let values = [2.0, 3.0, 4.0]
        #expect(Self.full.evaluate(Self.expectation(min: 2.5, max: 3.5), number: 1, target: Self.target, values: values).verdict == .pass)
        let low = Self.full.evaluate(Self.expectation(min: 3.5), number: 1, target: Self.target, values: values)
        #expect(low.verdict == .miss && low.note.contains("below the minimum by 0.5"))
        let missing = Self.full.evaluate(Self.expectation(max: 5), number: 1, target: Self.target, values: [1, .nan, 2])
        #expect(missing.verdict == .miss && missing.note.contains("no value in 1 of 3 replications"))
    }

    @Test("--fast widens tolerances by √(declared/run) × t ratio and says so", arguments: [(10, 5, 1.7357), (30, 5, 3.3252)])
    func fast(declared: Int, used: Int, factor: Double) {
        let rule = CheckBudget(.fast).rule(declared: declared, used: used)
        #expect(abs(rule.widening - factor) < 1e-3)
        #expect(rule.note == "fast: \(used) of \(declared) runs, tolerance ×\(ExpectationRule.factor(factor))")
        let o = rule.evaluate(Self.expectation(value: 8.1, tolerance: .relative(0.01)), number: 1, target: Self.target,
                              values: [8.1, 8.1, 8.1, 8.1, 8.1])
        #expect(o.note.hasSuffix(rule.note))
        #expect(CheckBudget(.declared).rule(declared: 10, used: 10).note.isEmpty)
    }

    static func expectation(value: Double, tolerance: ModelExpectation.Tolerance, decidableWithin: ModelExpectation.Tolerance?) -> ModelExpectation {
        var e = expectation(value: value, tolerance: tolerance)
        e.decidableWithin = decidableWithin
        return e
    }

    @Test("--fast may at most double the declared tolerance: 10 → 5 runs (×1.74) decides, 30 → 5 (×3.33) and 10 → 1 (×3.16) are UNDECIDABLE")
    func fastKeepsItsPower() {
        let values = [8.1, 8.1, 8.1, 8.1, 8.1]
        let e = Self.expectation(value: 8.1, tolerance: .relative(0.01))
        #expect(CheckBudget(.fast).rule(declared: 10, used: 5).evaluate(e, number: 1, target: Self.target, values: values).verdict == .pass)
        let wide = CheckBudget(.fast).rule(declared: 30, used: 5).evaluate(e, number: 1, target: Self.target, values: values)
        #expect(wide.verdict == .undecidable)
        #expect(wide.note.contains("allowed 0.2693 is wider than 0.162 (twice the tolerance)"), "\(wide.note)")
        let one = CheckBudget(.fast).rule(declared: 10, used: 1).evaluate(e, number: 1, target: Self.target, values: [8.1])
        #expect(one.verdict == .undecidable)
        // A value outside even the wide allowance is a miss, not undecidable: that much is decided.
        let far = CheckBudget(.fast).rule(declared: 30, used: 5).evaluate(Self.expectation(value: 12, tolerance: .relative(0.01)),
                                                                          number: 1, target: Self.target, values: values)
        #expect(far.verdict == .miss)
        // The full budget keeps the model's own tolerance: no default limit applies.
        #expect(CheckBudget(.fast).rule(declared: 30, used: 30).evaluate(e, number: 1, target: Self.target, values: values).verdict == .pass)
    }

    @Test("the noise allowance counts too: 5 noisy runs of a model declaring 10 cannot check a 1% tolerance")
    func noiseCanBeUndecidable() {
        let values = [7.0, 9.0, 8.0, 8.5, 7.5]
        let o = CheckBudget(.fast).rule(declared: 10, used: 5).evaluate(Self.expectation(value: 8, tolerance: .relative(0.01)),
                                                                        number: 1, target: Self.target, values: values)
        #expect(o.verdict == .undecidable && o.note.contains("twice the tolerance"), "\(o.note)")
    }

    @Test("ci95 under --fast: undecidable exactly when the widening passes 2")
    func ci95Power() {
        let values = [8.0, 8.1, 8.2, 8.1, 8.0]
        let e = Self.expectation(value: 8.08)
        #expect(CheckBudget(.fast).rule(declared: 10, used: 5).evaluate(e, number: 1, target: Self.target, values: values).verdict == .pass)
        let o = CheckBudget(.fast).rule(declared: 30, used: 5).evaluate(e, number: 1, target: Self.target, values: values)
        #expect(o.verdict == .undecidable && o.note.contains("95% interval of the declared 30 runs"), "\(o.note)")
    }

    @Test("a stated decidable_within holds with any budget, and replaces the default rule")
    func statedLimit() {
        let values = [7.0, 9.0, 8.0, 8.5, 7.5, 8.2, 7.8, 8.8, 7.2, 8.0]
        // Declared budget, noise ±0.6 (99%): a stated 0.25 cannot be met, a stated 10% can.
        let tight = Self.expectation(value: 8, tolerance: .absolute(0.1), decidableWithin: .absolute(0.25))
        #expect(Self.full.evaluate(tight, number: 1, target: Self.target, values: values).verdict == .undecidable)
        let loose = Self.expectation(value: 8, tolerance: .absolute(0.1), decidableWithin: .relative(0.1))
        #expect(Self.full.evaluate(loose, number: 1, target: Self.target, values: values).verdict == .pass)
        // Under --fast, a stated limit wider than twice the tolerance lets a wide check decide.
        let stated = Self.expectation(value: 8.1, tolerance: .relative(0.01), decidableWithin: .relative(0.05))
        #expect(CheckBudget(.fast).rule(declared: 30, used: 5).evaluate(stated, number: 1, target: Self.target,
                                                                         values: [8.1, 8.1, 8.1, 8.1, 8.1]).verdict == .pass)
    }

    @Test("an undecidable expectation fails the check and is counted apart")
    func tallyFails() {
        var tally = CheckTally()
        let o = CheckBudget(.fast).rule(declared: 30, used: 5).evaluate(Self.expectation(value: 8.1, tolerance: .relative(0.01)),
                                                                        number: 1, target: Self.target, values: [8.1, 8.1, 8.1, 8.1, 8.1])
        let report = ModelCheckReport(file: "m.yaml", name: "m", diagnostics: [], problems: [], outcomes: [o], notSimulated: nil, runError: nil,
                                      rule: nil, policyRuns: [], fingerprintText: nil, seed: 1, estimatedEvents: 0, events: 0, seconds: 0)
        tally.add(report, fingerprint: .notComputed("test"))
        #expect(tally.undecidable == 1 && tally.totalFailed == 1 && tally.passed == 0)
        #expect(tally.summary.contains("1 UNDECIDABLE"))
    }

    @Test("--fast runs every declared replication of a cheap model")
    func cheapModelsRunInFull() throws {
        var scenario = try ScenarioLoader.load(text: TempModel.platform, path: "test.yaml")
        scenario.replications = 30
        scenario.estimatedEvents = CheckBudget.fastFullEventBudget / 30
        #expect(CheckBudget(.fast).replications(for: scenario) == 30)
        scenario.estimatedEvents = CheckBudget.fastFullEventBudget / 29
        #expect(CheckBudget(.fast).replications(for: scenario) == CheckBudget.fastReplications)
    }
}
