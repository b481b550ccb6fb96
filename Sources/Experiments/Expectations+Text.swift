import Foundation
import Scenario

/// Figures as a planner reads them: shares in %, seconds with `s`, clock times as `07:42`.
public enum ValueText {
    /// `value` in `unit` with `digits` significant digits.
    public static func format(_ value: Double, _ unit: ExpectationMetrics.Unit, digits: Int = 4) -> String {
        guard value.isFinite else { return "none" }
        switch unit {
        case .clock: return ClockText.format(value)
        case .share: return number(value * 100, digits: digits) + "%"
        case .seconds: return number(value, digits: digits) + " s"
        case .perSecond: return number(value, digits: digits) + "/s"
        case .number: return number(value, digits: digits)
        }
    }

    /// A plain number: `0.6687`, `1649`, `412.3k`, `1.2M`.
    public static func number(_ value: Double, digits: Int = 4) -> String {
        let magnitude = abs(value)
        if magnitude >= 1e6 { return trimmed(String(format: "%.\(max(1, digits))g", value / 1e6)) + "M" }
        if magnitude >= 1e4 { return trimmed(String(format: "%.\(max(1, digits))g", value / 1e3)) + "k" }
        if magnitude == 0 { return "0" }
        if magnitude >= pow(10, Double(digits)) { return String(format: "%.0f", value) }
        return trimmed(String(format: "%.\(max(1, digits))g", value))
    }

    /// `99%`, `99.9%`.
    static func percent(_ confidence: Double) -> String {
        trimmed(String(format: "%.1f", confidence * 100)) + "%"
    }

    private static func trimmed(_ text: String) -> String {
        guard text.contains("."), !text.contains("e") else { return text }
        var t = text
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t
    }
}

/// Clock times and durations in words.
public enum ClockText {
    /// `07:42` (seconds shown only when not whole minutes; days past midnight as `+1d`).
    public static func format(_ clockSeconds: Double) -> String {
        guard clockSeconds.isFinite else { return "none" }
        let total = Int(clockSeconds.rounded())
        let days = total / 86_400, rest = total % 86_400
        let h = rest / 3600, m = (rest % 3600) / 60, s = rest % 60
        var text = String(format: "%02d:%02d", h, m)
        if s != 0 { text += String(format: ":%02d", s) }
        if days > 0 { text += " +\(days)d" }
        return text
    }

    /// `5 min`, `90 s`, `2 h`.
    public static func duration(_ seconds: Double) -> String {
        if seconds >= 3600, seconds < 1e15, seconds.truncatingRemainder(dividingBy: 3600) == 0 { return "\(Int(seconds / 3600)) h" }
        if seconds >= 60, seconds < 1e15, seconds.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(seconds / 60)) min" }
        return ValueText.number(seconds) + " s"
    }
}

extension Expectation {
    /// What the check compares with, in words: `0.9 ± 1%`, `between 07:00 and 08:30`,
    /// `≥ 3`, `8.1 (in the 95% interval)`.
    public func expectedText(metric unit: ExpectationMetrics.Unit) -> String {
        var parts: [String] = []
        if let value {
            let v = ValueText.format(value, unit, digits: 6)
            switch tolerance {
            case .ci95: parts.append("\(v) in the 95% interval")
            case .relative(let share):
                // A share's relative tolerance would read as percentage points without the words.
                let amount = ValueText.number(share * 100, digits: 3) + "%"
                parts.append(unit == .share ? "\(v) ± \(amount) of it" : "\(v) ± \(amount)")
            case .absolute(let amount):
                parts.append("\(v) ± \(ValueText.format(amount, unit == .clock ? .seconds : unit, digits: 3))")
            }
        }
        switch (min, max) {
        case let (low?, high?): parts.append("between \(ValueText.format(low, unit, digits: 6)) and \(ValueText.format(high, unit, digits: 6))")
        case let (low?, nil): parts.append("≥ \(ValueText.format(low, unit, digits: 6))")
        case let (nil, high?): parts.append("≤ \(ValueText.format(high, unit, digits: 6))")
        case (nil, nil): break
        }
        return parts.joined(separator: ", ")
    }
}

extension ExpectationOutcome {
    /// `0.8995 ± 0.00094` (mean ± 95% half-width), `07:42 ± 3 min`, or the single value.
    public var measuredText: String {
        guard let target, estimate.count > 0 else { return verdict == .unchecked ? "not run" : "none" }
        let unit = ExpectationMetrics.unit(of: target.metric)
        let mean = ValueText.format(estimate.mean, unit, digits: 5)
        guard estimate.count >= 2, estimate.halfWidth.isFinite else { return mean }
        let halfUnit: ExpectationMetrics.Unit = unit == .clock ? .seconds : unit
        return "\(mean) ± \(ValueText.format(estimate.halfWidth, halfUnit, digits: 2))"
    }
}
