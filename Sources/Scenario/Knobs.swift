import Foundation

/// A control the what-if page (`affluence serve`) shows for a model: a scenario path a
/// planner may move within a range (`knobs:` in the scenario file), or a choice among the
/// model's policies.
///
/// A knob's value is an override like `--set path=value`: the page composes the scenario
/// exactly as the command line would, so a setting saved as a scenario file (`extends:`
/// the model, `set:` the values) reproduces the page's run byte for byte.
public struct Knob: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A number at `path`, written with `unit`, from `range.lowerBound` to `range.upperBound` by `step`.
        case number(path: String, range: ClosedRange<Double>, step: Double, unit: KnobUnit)
        /// One of these policy names (`base`: the model as written).
        case policy(choices: [String])
    }

    /// The name used in the page's URL (`?servers=40`).
    public var id: String
    /// What people read next to the control.
    public var label: String
    public var kind: Kind
    /// The model's own value, in the knob's unit (`base` for a policy knob).
    public var modelValue: KnobValue
    /// Where the knob is declared, for errors about a value it is given.
    public var location: Location

    public init(id: String, label: String, kind: Kind, modelValue: KnobValue, location: Location) {
        self.id = id
        self.label = label
        self.kind = kind
        self.modelValue = modelValue
        self.location = location
    }
}

/// A knob's value: a number in its unit, or a policy name.
public enum KnobValue: Sendable, Hashable, CustomStringConvertible {
    case number(Double)
    case policy(String)

    public var description: String {
        switch self {
        case .number(let x): return KnobUnit.format(x)
        case .policy(let name): return name
        }
    }
}

/// The unit a number knob's value is written in: the suffix of the scenario value, so the
/// knob's `40` under unit `min` is the override `40min`.
public enum KnobUnit: String, Sendable, Hashable, CaseIterable {
    case none = ""
    case percent = "%"
    case milliseconds = "ms"
    case seconds = "s"
    case minutes = "min"
    case hours = "h"
    case perSecond = "/s"
    case perMinute = "/min"
    case perHour = "/h"

    /// The words the `unit:` key accepts.
    public static var names: [String] { allCases.map { $0 == .none ? "none" : $0.rawValue } }

    init?(name: String) {
        if name == "none" { self = .none; return }
        guard let unit = KnobUnit(rawValue: name), unit != .none else { return nil }
        self = unit
    }

    /// The scenario text of `value` in this unit: `80%`, `20min`, `1.5/s`, `40`.
    public func text(_ value: Double) -> String { Self.format(value) + rawValue }

    /// A value as written in the scenario (`80%`, `0.8`, `1h30min`, `12k`) in this unit, or nil
    /// when it is not a value of this unit's dimension.
    public func value(of text: String) -> Double? {
        switch self {
        case .none:
            if case .success(let v) = Units.real(text) { return v }
            return nil
        case .percent:
            if case .success(let v) = Units.share(text) { return v * 100 }
            return nil
        case .milliseconds, .seconds, .minutes, .hours:
            guard case .success(let seconds) = Units.duration(text) else { return nil }
            let per: Double = [.milliseconds: 0.001, .seconds: 1, .minutes: 60, .hours: 3600][self]!
            return seconds / per
        case .perSecond, .perMinute, .perHour:
            guard case .success(let perSecond) = Units.rate(text) else { return nil }
            let per: Double = [.perSecond: 1, .perMinute: 60, .perHour: 3600][self]!
            return perSecond * per
        }
    }

    /// The shortest decimal text of `x` that reads back as `x` (`40`, `0.25`), never an exponent.
    public static func format(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        var text = String(format: "%.12f", x)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

extension Knob {
    /// The number of steps from the range's start, when `value` lies on the knob's grid.
    ///
    /// Values are compared on the grid with a relative slack of 1e-9 so that `0.1 + 0.2`
    /// style decimals written in a URL land on their step.
    public func problem(with value: KnobValue) -> String? {
        switch (kind, value) {
        case (.number(_, let range, let step, let unit), .number(let x)):
            guard x.isFinite else { return "`\(value)` is not a number" }
            let slack = 1e-9 * max(1, abs(range.upperBound), abs(range.lowerBound))
            guard x >= range.lowerBound - slack, x <= range.upperBound + slack else {
                return "\(KnobUnit.format(x))\(unit.rawValue) is outside the knob's range \(unit.text(range.lowerBound))–\(unit.text(range.upperBound))"
            }
            let steps = (x - range.lowerBound) / step
            guard abs(steps - steps.rounded()) * step <= slack else {
                return "\(KnobUnit.format(x))\(unit.rawValue) is not on the knob's steps of \(KnobUnit.format(step))\(unit.rawValue) from \(unit.text(range.lowerBound))"
            }
            return nil
        case (.policy(let choices), .policy(let name)):
            return choices.contains(name) ? nil : "`\(name)` is not one of the knob's policies"
        case (.number, .policy(let text)):
            return "`\(text)` is not a number"
        case (.policy, .number(let x)):
            return "`\(KnobUnit.format(x))` is not a policy name"
        }
    }

    /// What the knob accepts, for the `expected` part of an error.
    public var expected: String {
        switch kind {
        case .number(_, let range, let step, let unit):
            return "a number from \(KnobUnit.format(range.lowerBound)) to \(KnobUnit.format(range.upperBound)) in steps of \(KnobUnit.format(step))" + (unit == .none ? "" : " (\(unit.rawValue))")
        case .policy(let choices):
            return "one of \(choices.joined(separator: ", "))"
        }
    }

    /// `value` read from text as the page sends it: a plain number for a number knob, a name for a policy knob.
    public func parse(_ text: String) -> KnobValue? {
        switch kind {
        case .number:
            let t = text.trimmingCharacters(in: .whitespaces)
            guard !t.isEmpty, t.count <= 40, let x = Double(t), x.isFinite else { return nil }
            return .number(x)
        case .policy:
            return DecodeContext.isIdentifier(text) ? .policy(text) : nil
        }
    }
}
