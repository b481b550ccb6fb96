import Foundation

/// What a model is calibrated on: its uncertain parameters (`calibration:`) and what was
/// observed (`observations:`). `affluence calibrate` rules out the parameter values that
/// cannot reproduce the `fit` observations (history matching, docs/calibration.md); the
/// `holdout` observations only check the predictions of what survives.

/// One uncertain parameter: a scenario path (as `--set` writes it) and the range of its
/// values, or a factor over several of the model's values at once (`scales:`), for a rule
/// whose coefficient is uncertain: every pool's capacity derived one way, scaled together.
public struct CalibrationParameter: Sendable, Hashable {
    /// One value a factor parameter scales: the model's own number at `path`, and what
    /// follows it in the file (`k`, `/min`, nothing), kept in the override.
    public struct ScaledValue: Sendable, Hashable {
        public var path: String
        public var base: Double
        public var suffix: String

        public init(path: String, base: Double, suffix: String = "") {
            self.path = path
            self.base = base
            self.suffix = suffix
        }
    }

    public enum Scale: String, Sendable, Hashable {
        /// Values spread evenly between the bounds.
        case linear
        /// Values spread evenly in their logarithm (a range over orders of magnitude).
        case log
    }

    /// The value varied; empty for a factor parameter (see ``scaled``).
    public var path: String
    /// A factor parameter's values: each is set to its base times the parameter's value.
    public var scaled: [ScaledValue]
    /// The parameter's name in the calibration's files: `id:`, else the path.
    public var name: String
    /// The bounds as numbers in the unit they are written in (`5/s` → 5, `20min` → 20,
    /// `08:30` → 30,600 s); the override text is the number followed by ``unit``.
    public var low: Double
    public var high: Double
    /// What follows the number in the bounds (`/s`, `min`, `%`, `k`, or nothing);
    /// ``clock`` for clock-time bounds.
    public var unit: String
    public var clock: Bool
    public var scale: Scale
    /// Values rounded to whole numbers (servers, caps).
    public var whole: Bool
    /// The override's text with `{}` standing for the value (`exponential(mean: {})`), for
    /// a parameter that is one number inside a larger value; nil: the value itself.
    public var template: String?
    public var label: String?
    public var location: Location?

    public init(path: String, low: Double, high: Double, unit: String = "", clock: Bool = false, scale: Scale = .linear,
                whole: Bool = false, template: String? = nil, label: String? = nil, location: Location? = nil,
                scaled: [ScaledValue] = [], id: String? = nil) {
        self.path = path
        self.scaled = scaled
        self.name = id ?? path
        self.low = low
        self.high = high
        self.unit = unit
        self.clock = clock
        self.scale = scale
        self.whole = whole
        self.template = template
        self.label = label
        self.location = location
    }

    /// The value at position `u` in [0, 1] of the range, on the parameter's scale.
    public func value(at u: Double) -> Double {
        let x: Double
        switch scale {
        case .linear: x = low + u * (high - low)
        case .log: x = exp(log(low) + u * (log(high) - log(low)))
        }
        // A factor stays a fraction: `whole` rounds each value it scales (``overrides(_:)``).
        return whole && scaled.isEmpty ? x.rounded() : x
    }

    /// The position in [0, 1] of `value` in the range, on the parameter's scale.
    public func position(of value: Double) -> Double {
        switch scale {
        case .linear: return (value - low) / (high - low)
        case .log: return (log(value) - log(low)) / (log(high) - log(low))
        }
    }

    /// The overrides that set the parameter to `value`: its path to ``overrideText(_:)``,
    /// or each scaled value to its base × `value` (to a whole number under `whole`).
    public func overrides(_ value: Double) -> [Override] {
        guard !scaled.isEmpty else { return [Override(path: path, value: overrideText(value))] }
        return scaled.map { v in
            let x = v.base * value
            return Override(path: v.path, value: Self.format(whole ? x.rounded() : x) + v.suffix)
        }
    }

    /// The paths the parameter sets.
    public var paths: [String] { scaled.isEmpty ? [path] : scaled.map(\.path) }

    /// The override text of `value`: the number in the bounds' unit, inside the template.
    public func overrideText(_ value: Double) -> String {
        let written = clock ? Units.formatClock(value.rounded()) : Self.format(value) + unit
        return template.map { $0.replacingOccurrences(of: "{}", with: written) } ?? written
    }

    /// A number with up to 6 significant digits and no exponent for ordinary sizes.
    public static func format(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        let digits = max(0, 5 - Int(log10(abs(x)).rounded(.down)))
        var text = String(format: "%.\(min(12, digits))f", x)
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

/// One observed fact a calibration matches or holds out.
public struct Observation: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable {
        /// Rules out the parameter values that cannot reproduce it.
        case fit
        /// Never rules anything out: the plausible set's prediction of it is checked.
        case holdout
    }

    /// How the readings of a window combine; nil in ``Observation/aggregate`` means the
    /// metric's own rule (counts summed, levels and shares averaged: the catalogue's).
    public enum Aggregate: String, Sendable, Hashable, CaseIterable {
        case mean, sum, max, min
    }

    /// An uncertainty: an amount in the value's unit, or a share of the value.
    public enum Spread: Sendable, Hashable {
        case absolute(Double)
        case relative(Double)

        /// The standard deviation it stands for, next to `value`.
        public func sd(of value: Double) -> Double {
            switch self {
            case .absolute(let a): a
            case .relative(let r): r * abs(value)
            }
        }
    }

    public var id: String
    public var metric: String
    public var entity: String?
    public var at: Double?
    public var from: Double?
    public var to: Double?
    public var aggregate: Aggregate?
    public var value: Double
    /// The observation's own uncertainty (measurement, reporting) as a standard deviation.
    public var sd: Spread
    /// How far the model may be from reality even at the right parameters, as a standard deviation.
    public var discrepancy: Spread
    /// The observed value is one day's outcome, not an expected value: the run-to-run
    /// variance of the simulation enters the uncertainty as well (docs/calibration.md).
    public var singleDay: Bool
    public var source: String?
    public var role: Role
    public var location: Location?

    public init(id: String, metric: String, entity: String? = nil, at: Double? = nil, from: Double? = nil, to: Double? = nil,
                aggregate: Aggregate? = nil, value: Double, sd: Spread, discrepancy: Spread = .absolute(0), singleDay: Bool = false,
                source: String? = nil, role: Role = .fit, location: Location? = nil) {
        self.id = id
        self.metric = metric
        self.entity = entity
        self.at = at
        self.from = from
        self.to = to
        self.aggregate = aggregate
        self.value = value
        self.sd = sd
        self.discrepancy = discrepancy
        self.singleDay = singleDay
        self.source = source
        self.role = role
        self.location = location
    }
}

