import Scenario
import Stochastics

/// How many replications a check runs, and how its tolerances follow.
///
/// With the declared budget (the model's `replications:`), a value with a tolerance passes
/// when |mean − expected| ≤ max(tolerance, half-width of the 99% interval): the tolerance
/// covers the model's known bias (finite run, warm-up), the interval the remaining noise,
/// so a correct simulator misses about one expectation in a hundred at the very worst,
/// and the fixed seeds make that miss reproducible rather than flaky.
///
/// With `--fast` a model runs min(declared, 5) replications (1 when one replication is
/// estimated at more than ``hugeEventCount`` events). Fewer replications mean a noisier
/// mean, so the tolerance is widened by the ratio of the two expected 95% half-widths,
/// √(declared / fast) · t(0.975, fast − 1) / t(0.975, declared − 1) (√declared with one
/// replication, which has no interval). The noise allowance stays the 99% half-width of
/// the replications actually run, which widens by itself: a 99.9% allowance was tried and
/// let 40% errors pass with 3 replications (t(0.9995, 2) = 31.6), so it is not used.
/// A model whose declared replications add up to at most ``fastFullEventBudget`` events
/// is cheap enough to run them all, and keeps all its power.
///
/// Power: a check whose allowed distance from `value` is wider than its limit cannot tell
/// a right simulator from a wrong one, and is UNDECIDABLE, which fails. The limit is the
/// expectation's `decidable_within` where it states one (with any budget); otherwise, only
/// under a reduced budget, ``decidableFactor`` × the declared allowance: the tolerance as
/// written, or for `ci95` the 95% half-width the declared replications would give (the
/// measured one ÷ the widening), so `--fast` may be at most twice as lenient as the model.
public struct CheckBudget: Sendable, Hashable {
    public enum Mode: Sendable, Hashable { case declared, fast }
    public let mode: Mode

    /// Replications of a model under `--fast`.
    public static let fastReplications = 5
    /// Above this estimated event count per replication, `--fast` runs one replication.
    public static let hugeEventCount = 50_000_000.0
    /// At most this many events in all (declared replications × estimated events per
    /// replication), `--fast` runs every declared replication.
    public static let fastFullEventBudget = 10_000_000.0
    /// Without `decidable_within`, a reduced budget may allow at most this multiple of the
    /// declared allowance before the check is UNDECIDABLE.
    public static let decidableFactor = 2.0

    public init(_ mode: Mode) { self.mode = mode }

    public func replications(for scenario: Scenario) -> Int {
        let declared = max(1, scenario.replications)
        guard mode == .fast else { return declared }
        if Double(declared) * scenario.estimatedEvents <= Self.fastFullEventBudget { return declared }
        if scenario.estimatedEvents > Self.hugeEventCount { return 1 }
        return min(declared, Self.fastReplications)
    }

    /// The rule for a model declaring `declared` replications and run with `used`.
    public func rule(declared: Int, used: Int) -> ExpectationRule {
        guard used < declared else { return ExpectationRule(declared: declared, used: used, widening: 1, noiseConfidence: 0.99) }
        let widening: Double
        if used >= 2 && declared >= 2 {
            widening = (Double(declared) / Double(used)).squareRoot()
                * StudentT.twoSidedMultiplier(confidence: 0.95, degreesOfFreedom: used - 1)
                / StudentT.twoSidedMultiplier(confidence: 0.95, degreesOfFreedom: declared - 1)
        } else {
            widening = (Double(declared) / Double(used)).squareRoot()
        }
        return ExpectationRule(declared: declared, used: used, widening: widening, noiseConfidence: 0.99)
    }
}

/// The pass rule applied to every expectation of one model run.
public struct ExpectationRule: Sendable, Hashable {
    public let declared: Int
    public let used: Int
    /// Factor applied to `absolute`/`relative` tolerances (1 with the declared budget).
    public let widening: Double
    /// Confidence of the interval allowed as noise (0.99).
    public let noiseConfidence: Double

    public var isReduced: Bool { used < declared }

    /// "fast: 5 of 10 runs, tolerance ×1.74" (empty with the declared budget).
    public var note: String {
        guard isReduced else { return "" }
        let reps = "fast: \(used) of \(declared) runs"
        if used < 2 { return "\(reps) (no interval), tolerance ×\(Self.factor(widening))" }
        return "\(reps), tolerance ×\(Self.factor(widening))"
    }

    static func factor(_ x: Double) -> String {
        let r = (x * 100).rounded() / 100
        return r == r.rounded() && abs(r) < 1e15 ? String(Int(r)) : String(r)
    }

    /// Half-width of the `confidence` interval of the mean of `estimate` (0 without one).
    static func halfWidth(_ estimate: Estimate, confidence: Double) -> Double {
        guard estimate.count >= 2, estimate.standardDeviation.isFinite else { return 0 }
        return StudentT.twoSidedMultiplier(confidence: confidence, degreesOfFreedom: estimate.count - 1)
            * estimate.standardDeviation / Double(estimate.count).squareRoot()
    }
}

/// The result of checking one expectation.
public struct ExpectationOutcome: Sendable {
    public enum Verdict: String, Sendable, Hashable {
        /// UNDECIDABLE: the allowance is wider than the limit (``CheckBudget``), so a pass
        /// would mean nothing; it fails like a miss.
        case pass = "PASS", miss = "MISS", unchecked = "UNCHECKED", undecidable = "UNDECIDABLE"
    }

    public let expectation: Expectation
    /// Position in the file's `expect:` list, from 1.
    public let number: Int
    /// Where the figure was read; nil when the model could not be run.
    public let target: ExpectationTarget?
    /// The figure in each replication, in replication order.
    public let values: [Double]
    public let estimate: Estimate
    public let verdict: Verdict
    /// The largest |mean − expected| accepted for a `value` (nil for bounds only).
    public let allowed: Double?
    /// Why, in words: the distance and what was allowed, the budget, or why unchecked.
    public let note: String

    public init(expectation: Expectation, number: Int, target: ExpectationTarget?, values: [Double],
                estimate: Estimate, verdict: Verdict, allowed: Double?, note: String) {
        self.expectation = expectation
        self.number = number
        self.target = target
        self.values = values
        self.estimate = estimate
        self.verdict = verdict
        self.allowed = allowed
        self.note = note
    }

    /// An expectation that could not be evaluated, with the reason.
    public static func unchecked(_ expectation: Expectation, number: Int, target: ExpectationTarget? = nil, reason: String) -> ExpectationOutcome {
        ExpectationOutcome(expectation: expectation, number: number, target: target, values: [], estimate: Estimate([]),
                           verdict: .unchecked, allowed: nil, note: reason)
    }
}

extension ExpectationRule {
    /// Checks `expectation` against the figure of each replication.
    public func evaluate(_ expectation: Expectation, number: Int, target: ExpectationTarget, values: [Double]) -> ExpectationOutcome {
        let estimate = Estimate(values)
        let unit = ExpectationMetrics.unit(of: target.metric)
        func outcome(_ verdict: ExpectationOutcome.Verdict, allowed: Double? = nil, _ why: String) -> ExpectationOutcome {
            let text = [why, note].filter { !$0.isEmpty }.joined(separator: "; ")
            return ExpectationOutcome(expectation: expectation, number: number, target: target, values: values,
                                      estimate: estimate, verdict: verdict, allowed: allowed, note: text)
        }
        let missing = values.count - estimate.count
        if estimate.count == 0 {
            let hint = unit == .clock ? " (for a saturation time: it never happened)" : ""
            return outcome(.miss, "no value in any replication\(hint)")
        }
        if missing > 0 {
            let hint = unit == .clock ? " (the event did not happen in those)" : ""
            return outcome(.miss, "no value in \(missing) of \(values.count) replications\(hint)")
        }
        let mean = estimate.mean
        var failures: [String] = []
        var reasons: [String] = []
        var allowed: Double?
        /// The widest allowance at which this check can decide (nil: no limit applies).
        var decidable: (limit: Double, basis: String)?
        if let expected = expectation.value {
            let distance = abs(mean - expected)
            let slack = 1e-12 * max(1, abs(expected))
            switch expectation.tolerance {
            case .ci95:
                guard estimate.count >= 2 else {
                    return outcome(.unchecked, "`ci95` needs an interval, which needs 2 or more replications")
                }
                let h = Self.halfWidth(estimate, confidence: 0.95)
                allowed = h
                if isReduced { decidable = (CheckBudget.decidableFactor * h / widening, "twice the 95% interval of the declared \(declared) runs") }
                let text = "off by \(ValueText.format(distance, unit)), 95% interval ±\(ValueText.format(h, unit))"
                if distance <= h + slack { reasons.append(text) } else { failures.append(text) }
            case .absolute(let amount), .relative(let amount):
                var tolerance = amount
                if case .relative = expectation.tolerance { tolerance = amount * abs(expected) }
                if isReduced { decidable = (CheckBudget.decidableFactor * tolerance, "twice the tolerance") }
                let widened = tolerance * widening
                let noise = Self.halfWidth(estimate, confidence: noiseConfidence)
                let limit = max(widened, noise)
                allowed = limit
                let basis = noise > widened ? "the \(ValueText.percent(noiseConfidence)) interval" : "the tolerance"
                let text = "off by \(ValueText.format(distance, unit)), allowed \(ValueText.format(limit, unit)) (\(basis))"
                if distance <= limit + slack { reasons.append(text) } else { failures.append(text) }
            }
            switch expectation.decidableWithin {
            case .absolute(let amount)?: decidable = (amount, "`decidable_within`")
            case .relative(let share)?: decidable = (share * abs(expected), "`decidable_within`")
            case .ci95?, nil: break
            }
        }
        if let low = expectation.min, mean < low {
            failures.append("below the minimum by \(ValueText.format(low - mean, unit == .clock ? .seconds : unit))")
        }
        if let high = expectation.max, mean > high {
            failures.append("above the maximum by \(ValueText.format(mean - high, unit == .clock ? .seconds : unit))")
        }
        if failures.isEmpty, let allowed, let decidable, allowed > decidable.limit * (1 + 1e-12) {
            return outcome(.undecidable, allowed: allowed,
                           "allowed \(ValueText.format(allowed, unit)) is wider than \(ValueText.format(decidable.limit, unit)) (\(decidable.basis)): "
                           + "a pass would not tell; run more replications (without --fast)")
        }
        if failures.isEmpty { return outcome(.pass, allowed: allowed, reasons.joined(separator: "; ")) }
        return outcome(.miss, allowed: allowed, failures.joined(separator: "; "))
    }
}
