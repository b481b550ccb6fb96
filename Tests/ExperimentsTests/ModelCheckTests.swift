import Foundation
import Testing
@testable import Experiments
import Scenario

/// The checks can fail: a wrong expectation misses and shows what was measured, and a
/// one-line change of behaviour changes the fingerprint.
@Suite("model checks")
struct ModelCheckTests {
    @Test("a copy of the M/M/1 model passes; with a wrong expected value it misses and shows the measured value")
    func wrongExpectation() throws {
        let good = ModelCheck.run(file: try TempModel.write(try TempModel.shortMM1()), budget: CheckBudget(.declared), jobs: 2)
        #expect(good.problems.isEmpty && good.notSimulated == nil && good.runError == nil)
        #expect(good.outcomes.count == 7)
        #expect(good.outcomes.allSatisfy { $0.verdict == .pass }, "\(good.outcomes.map(\.note))")

        let wrong = try TempModel.shortMM1([("{metric: utilization, entity: server, value: 0.9, tolerance: 1%}",
                                            "{metric: utilization, entity: server, value: 0.8, tolerance: 1%}")])
        let report = ModelCheck.run(file: try TempModel.write(wrong), budget: CheckBudget(.declared), jobs: 2)
        let miss = try #require(report.outcomes.first)
        #expect(miss.verdict == .miss)
        #expect(report.outcomes.dropFirst().allSatisfy { $0.verdict == .pass })
        #expect(miss.measuredText.hasPrefix("89.") || miss.measuredText.hasPrefix("90."))
        let block = CheckTable.block(report, fingerprint: .unchanged("0123456789abcdef"))
        let line = try #require(block.split(separator: "\n").first { $0.contains("utilization") && $0.contains("MISS") })
        #expect(line.contains("80% ± 1% of it"))
        #expect(line.contains(miss.measuredText))
        #expect(line.contains("off by ") && line.contains("%, allowed "))
        var tally = CheckTally()
        tally.add(report, fingerprint: .unchanged("0123456789abcdef"))
        #expect(tally.finalLine == "7 passed, 1 failed")
    }

    @Test("a one-line change of behaviour (mean service 1 s → 1.01 s) changes the fingerprint; budget and jobs do not")
    func fingerprintCatchesBehaviour() throws {
        let original = try TempModel.shortMM1()
        let a = ModelCheck.run(file: try TempModel.write(original), budget: CheckBudget(.declared), jobs: 2)
        let b = ModelCheck.run(file: try TempModel.write(original), budget: CheckBudget(.fast), jobs: 1)
        let changed = try TempModel.edited(original, [("service_time: exponential(mean: 1s)", "service_time: exponential(mean: 1.01s)")])
        let c = ModelCheck.run(file: try TempModel.write(changed), budget: CheckBudget(.declared), jobs: 2)
        let textA = try #require(a.fingerprintText), textB = try #require(b.fingerprintText), textC = try #require(c.fingerprintText)
        #expect(textA == textB)
        #expect(textA != textC)
        #expect(textA.hasPrefix("affluence trajectory v1: "))
    }

    /// Observations are judged on the base run by calibrate's own rule, and reported: the
    /// reading is the mean of the runs' figures, a far holdout is MISSED, and neither
    /// changes the passes and failures of the check.
    @Test("check reports each observation against the base run, met or MISSED, and never fails on one")
    func observationsAreReportedNotFailed() throws {
        let model = try TempModel.model("validation/calibrate-mmc.yaml")
        let text = try TempModel.edited(model, [("     source: \"Erlang C at λ = 9/s (QueueingTheory.MMc)\"}",
            "     source: \"Erlang C at λ = 9/s (QueueingTheory.MMc)\"}\n  - {id: far, metric: utilization, entity: servers, value: 0.5, sd: 1%, role: holdout}")])
        let report = ModelCheck.run(file: try TempModel.write(text), budget: CheckBudget(.declared), jobs: 2)
        #expect(report.outcomes.allSatisfy { $0.verdict == .pass })
        let verdicts = report.observations
        #expect(verdicts.map(\.observation.id) == ["mean-wait", "far"])
        #expect(verdicts.allSatisfy { $0.replications == 4 })
        let wait = verdicts[0]
        #expect(wait.met && wait.reading.missing == 0)
        // The Erlang C wait at the model's own λ = 9/s is 0.6687 s: met.
        #expect(abs(wait.reading.mean - 0.668732) <= 3 * (0.05 * 0.668732), "\(wait.reading.mean)")
        // Utilisation 0.9 against an observed 0.5 ± 0.005: far beyond 3.
        #expect(!verdicts[1].met && verdicts[1].reading.implausibility > 30)
        let block = CheckTable.block(report, fingerprint: .unchanged("ab"))
        #expect(block.contains("observations (reported, never a failure)"))
        let far = try #require(block.split(separator: "\n").first { $0.contains(" far ") })
        #expect(far.contains("holdout") && far.hasSuffix("MISSED"))
        var tally = CheckTally()
        tally.add(report, fingerprint: .unchanged("ab"))
        #expect(tally.finalLine == "3 passed, 0 failed")
    }

    @Test("a model without expectations is unchecked, not passed")
    func noExpectations() throws {
        let text = try TempModel.edited(try TempModel.shortMM1(), [("expect:", "unused:")])
        let stripped = String(text[..<text.range(of: "unused:")!.lowerBound])
        let report = ModelCheck.run(file: try TempModel.write(stripped), budget: CheckBudget(.fast), jobs: 1)
        #expect(!report.hasExpectations && report.fingerprintText != nil)
        #expect(CheckTable.block(report, fingerprint: .missing(now: "ab")).contains("UNCHECKED: this model has no `expect:` block"))
        var tally = CheckTally()
        tally.add(report, fingerprint: .unchanged("ab"))
        #expect(tally.finalLine == "1 passed, 0 failed")
        #expect(tally.summary.contains("UNCHECKED, no expectations: "))
    }

    @Test("fingerprint files read back what they wrote")
    func fingerprintFile() {
        let record = FingerprintRecord(sha256: String(repeating: "ab", count: 32), seed: 20210406, version: "0.1.0")
        let text = record.render(model: "models/france-2021-04-06.yaml")
        #expect(FingerprintRecord.parse(text) == record)
        #expect(text.contains("affluence check --update-fingerprints"))
        #expect(Fingerprint.path(forModel: "models/validation/mm1.yaml") == "models/validation/mm1.fingerprint")
        #expect(Fingerprint.format(-0.0) == "0" && Fingerprint.format(.nan) == "nan" && Fingerprint.format(1234567.89) == "1.23457e+06")
    }
}
