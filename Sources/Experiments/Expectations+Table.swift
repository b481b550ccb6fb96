import Scenario

/// What became of a model's fingerprint in a check.
public enum FingerprintStatus: Sendable, Hashable {
    /// Recomputed and equal to the stored hash.
    case unchanged(String)
    /// Recomputed and different: the model's simulated trajectory changed.
    case changed(stored: String, now: String)
    /// No `.fingerprint` file next to the model.
    case missing(now: String)
    /// Written by `--update-fingerprints` (`previous` nil when new or when equal).
    case written(String, previous: String?)
    /// Not computed (the model is invalid or cannot be simulated yet).
    case notComputed(String)

    public var failed: Bool {
        switch self {
        case .changed, .missing: return true
        default: return false
        }
    }
}

/// The text `affluence check` prints: a legend, one block per model, a summary.
public enum CheckTable {
    /// The rule in words, printed once before the models.
    public static func legend(budget: CheckBudget) -> String {
        var lines = [
            "How to read this: each expectation is measured as the mean over the model's replications, shown as mean ± the",
            "half-width of its 95% confidence interval. When: `whole run` is the run's summary (after any warm-up), `at 10:00`",
            "the report interval containing 10:00, `08:00–09:00` the report intervals in that window (counts summed, levels averaged).",
            "  PASS  a value with a tolerance: |mean − expected| ≤ the larger of the tolerance and the half-width of the 99%",
            "        interval (the run's own noise); \"in the 95% interval\": the expected value lies within mean ± 95% half-width;",
            "        bounds (≥, ≤, between): the mean lies within them.",
            "  MISS  otherwise, or a replication produced no value (for a saturation time: it never saturated).",
            "  UNCHECKED  could not be evaluated; the reason is given. It does not fail the check, but it is not a pass.",
            "  UNDECIDABLE  the allowed distance is wider than the expectation's `decidable_within` (under --fast, without it:",
            "        twice the declared tolerance, or twice the 95% interval of the declared replications), so a pass would not",
            "        tell a right simulator from a wrong one. It fails.",
        ]
        if budget.mode == .fast {
            lines += [
                "--fast: each model runs at most \(CheckBudget.fastReplications) replications (1 when one replication is estimated at more",
                "  than \(ValueText.number(CheckBudget.hugeEventCount)) events; all of them when they total at most \(ValueText.number(CheckBudget.fastFullEventBudget)) events),",
                "  and tolerances are widened by √(declared ÷ run) × t(95%, run) ÷ t(95%, declared)",
                "  (√declared with 1 run). Every line concerned says so (\"fast: 5 of 10 runs, tolerance ×1.74\").",
            ]
        }
        return lines.joined(separator: "\n")
    }

    /// One model: a title line, a table of its expectations, its fingerprint.
    public static func block(_ report: ModelCheckReport, fingerprint: FingerprintStatus) -> String {
        var lines: [String] = []
        var title = "\(report.file): \(report.name)"
        if report.notSimulated != nil || report.runError != nil {
            title += " — not run"
        } else if let rule = report.rule {
            let reps = rule.isReduced ? "\(rule.used) of \(rule.declared) replications (--fast)" : "\(rule.used) replication\(rule.used == 1 ? "" : "s")"
            title += " — \(reps), seed \(report.seed)"
            if rule.isReduced && rule.used == 1 && report.estimatedEvents > CheckBudget.hugeEventCount {
                title += " (about \(ValueText.number(report.estimatedEvents, digits: 2)) events per replication)"
            }
            for p in report.policyRuns { title += "; policy \(p.policy): \(p.replications)" }
        }
        title += String(format: " — %.1f s", report.seconds)
        lines.append(title)
        if report.isInvalid {
            lines.append("  INVALID model: \(report.diagnostics.filter { $0.severity == .error }.count) error(s); nothing was run:")
            for d in report.diagnostics where d.severity == .error {
                lines += d.description.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
            }
            return lines.joined(separator: "\n")
        }
        if !report.hasExpectations {
            lines.append("  UNCHECKED: this model has no `expect:` block, so nothing about its results is checked.")
        }
        if let reason = report.notSimulated {
            lines.append("  UNCHECKED, not run: \(reason).")
        }
        if let error = report.runError {
            lines.append("  FAILED to run: \(error)")
        }
        for problem in report.problems { lines.append("  MISS  expectation cannot be checked as written: \(problem)") }
        if !report.outcomes.isEmpty {
            let header = ["metric", "entity", "when", "policy", "expected", "measured (mean ± 95% CI)", "verdict", "why"]
            var rows = [header]
            for o in report.outcomes {
                let e = o.expectation
                let unit = ExpectationMetrics.unit(of: e.metric)
                let entity = o.target.map { "\($0.kind.rawValue) \($0.entity)" } ?? (e.entity ?? "")
                rows.append([
                    e.metric, entity, whenText(e, report), e.policy ?? "base",
                    e.expectedText(metric: unit), o.measuredText, o.verdict.rawValue, o.note,
                ])
            }
            lines += table(rows).map { "  " + $0 }
        }
        lines += observationLines(report.observations)
        lines.append("  fingerprint: " + fingerprintText(fingerprint, file: report.file))
        return lines.joined(separator: "\n")
    }

    /// The model's observations against its base run, by calibrate's rule (I ≤ 3: met).
    /// Reported, never counted as passed or failed.
    static func observationLines(_ verdicts: [ObservationVerdict]) -> [String] {
        guard let runs = verdicts.first?.replications else { return [] }
        var lines = ["  observations (reported, never a failure): met when I = |observed − model| / √(Var_obs + Var_disc + Var_sim/R"
                     + " [+ Var_sim for one day's value]) ≤ 3, over \(runs) run\(runs == 1 ? " (no run-to-run variance)" : "s")"]
        var rows = [["role", "id", "metric", "entity", "when", "observed ± 1.96 sd", "model", "I", "verdict"]]
        for v in verdicts {
            let o = v.observation
            let unit = ExpectationMetrics.unit(of: o.metric)
            let sd = o.sd.sd(of: o.value)
            let observed = "\(ValueText.format(o.value, unit)) [\(ValueText.format(o.value - 1.96 * sd, unit))–\(ValueText.format(o.value + 1.96 * sd, unit))]"
            let r = v.reading
            let model = r.missing > 0 ? "none in \(r.missing) of \(runs) runs" : ValueText.format(r.mean, unit, digits: 5)
            rows.append([o.role.rawValue, o.id, o.metric, "\(v.target.kind.rawValue) \(v.target.entity)",
                         whenText(at: o.at, from: o.from, to: o.to), observed, model,
                         r.implausibility.isFinite ? String(format: "%.1f", r.implausibility) : "∞", v.met ? "met" : "MISSED"])
        }
        return lines + table(rows).map { "    " + $0 }
    }

    public static func whenText(_ e: Expectation, _ report: ModelCheckReport) -> String {
        whenText(at: e.at, from: e.from, to: e.to)
    }

    /// `at 10:00`, `08:00–09:00`, or `whole run`: what an expectation or an observation reads.
    static func whenText(at: Double?, from: Double?, to: Double?) -> String {
        if let at { return "at \(ClockText.format(at))" }
        if from != nil || to != nil {
            return "\(from.map(ClockText.format) ?? "after warm-up")–\(to.map(ClockText.format) ?? "end")"
        }
        return "whole run"
    }

    public static func fingerprintText(_ status: FingerprintStatus, file: String) -> String {
        let path = Fingerprint.path(forModel: file)
        switch status {
        case .unchanged(let hash): return "unchanged (\(short(hash)))"
        case .changed(let stored, let now):
            return "CHANGED: the simulated trajectory differs from \(path) (stored \(short(stored)), now \(short(now))). "
                + "If the change is intended, refresh with `affluence check --update-fingerprints`."
        case .missing(let now):
            return "MISSING: no \(path) (now \(short(now))); create it with `affluence check --update-fingerprints`."
        case .written(let hash, let previous):
            if let previous, previous != hash { return "updated \(path) (was \(short(previous)), now \(short(hash)))" }
            return "written \(path) (\(short(hash)))"
        case .notComputed(let reason): return "not computed (\(reason))"
        }
    }

    static func short(_ hash: String) -> String { String(hash.prefix(12)) }

    /// Left-aligned columns, two spaces apart; the last column is not padded.
    static func table(_ rows: [[String]]) -> [String] {
        guard let columns = rows.map(\.count).max() else { return [] }
        var widths = Array(repeating: 0, count: columns)
        for row in rows { for (k, cell) in row.enumerated() { widths[k] = max(widths[k], cell.count) } }
        return rows.map { row in
            var line = ""
            for (k, cell) in row.enumerated() {
                line += k == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[k] - cell.count + 2)
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }
}

/// Totals over every model of a check; the last line of the output is ``finalLine``.
public struct CheckTally: Sendable {
    public var passed = 0
    public var missed = 0
    public var unchecked = 0
    /// Expectations whose allowance was too wide to decide: they fail.
    public var undecidable = 0
    public var fingerprintsUnchanged = 0
    public var fingerprintsWritten = 0
    public var changed: [String] = []
    public var missing: [String] = []
    public var invalid: [String] = []
    public var runErrors: [String] = []
    public var problems = 0
    public var notSimulated: [String] = []
    public var withoutExpectations: [String] = []
    public var fingerprintsNotComputed = 0

    public init() {}

    public mutating func add(_ report: ModelCheckReport, fingerprint: FingerprintStatus) {
        if report.isInvalid { invalid.append(report.file) }
        if report.runError != nil { runErrors.append(report.file) }
        if report.notSimulated != nil { notSimulated.append(report.file) }
        if !report.isInvalid && !report.hasExpectations { withoutExpectations.append(report.file) }
        problems += report.problems.count
        for o in report.outcomes {
            switch o.verdict {
            case .pass: passed += 1
            case .miss: missed += 1
            case .unchecked: unchecked += 1
            case .undecidable: undecidable += 1
            }
        }
        switch fingerprint {
        case .unchanged: fingerprintsUnchanged += 1
        case .changed: changed.append(report.file)
        case .missing: missing.append(report.file)
        case .written: fingerprintsWritten += 1
        case .notComputed: fingerprintsNotComputed += 1
        }
    }

    /// Checks that passed: expectations met, fingerprints unchanged or written.
    public var totalPassed: Int { passed + fingerprintsUnchanged + fingerprintsWritten }
    /// Checks that failed: misses, unusable expectations, changed or missing fingerprints,
    /// invalid models and models the simulator refused.
    public var totalFailed: Int { missed + undecidable + problems + changed.count + missing.count + invalid.count + runErrors.count }

    /// `N passed, M failed`: alone on the last line, for CI tools.
    public var finalLine: String { "\(totalPassed) passed, \(totalFailed) failed" }

    public var summary: String {
        var lines = ["Summary"]
        lines.append("  expectations: \(passed) passed, \(missed + problems) missed, \(unchecked) unchecked"
                     + (undecidable > 0 ? ", \(undecidable) UNDECIDABLE (too wide to tell; they fail)" : ""))
        lines.append("  fingerprints: \(fingerprintsUnchanged) unchanged, \(changed.count) changed, \(missing.count) missing"
                     + (fingerprintsWritten > 0 ? ", \(fingerprintsWritten) written" : "")
                     + (fingerprintsNotComputed > 0 ? ", \(fingerprintsNotComputed) not computed" : ""))
        if !changed.isEmpty { lines.append("  trajectory changed (behaviour differs from the stored fingerprint): " + changed.joined(separator: ", ")) }
        if !missing.isEmpty { lines.append("  no fingerprint stored: " + missing.joined(separator: ", ")) }
        if !invalid.isEmpty { lines.append("  invalid models: " + invalid.joined(separator: ", ")) }
        if !runErrors.isEmpty { lines.append("  models the simulator refused: " + runErrors.joined(separator: ", ")) }
        if !notSimulated.isEmpty { lines.append("  UNCHECKED, not run (see each model): " + notSimulated.joined(separator: ", ")) }
        if !withoutExpectations.isEmpty { lines.append("  UNCHECKED, no expectations: " + withoutExpectations.joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }
}
