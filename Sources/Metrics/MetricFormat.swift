/// A metric's value as a person reads it: clock times as HH:MM, shares as %, durations in
/// s, min or h, counts with thousands separators.
///
/// For reports, summaries on stdout and chart labels; never for files (the CSV keeps
/// plain numbers and the catalogue's `unit` column). Foundation-free so the catalogue's
/// module stays at the bottom of the package; the separators come from ``Style``.
public struct MetricFormat: Sendable, Hashable {
    /// The punctuation of a language.
    public struct Style: Sendable, Hashable {
        public var decimalSeparator: String
        public var groupingSeparator: String
        /// Between a number and `%` (French writes `93,4 %`).
        public var percentSpacing: String
        public var yes: String
        public var no: String
        /// What a value that does not exist (NaN) reads as.
        public var missing: String

        public init(decimalSeparator: String, groupingSeparator: String, percentSpacing: String,
                    yes: String, no: String, missing: String) {
            self.decimalSeparator = decimalSeparator
            self.groupingSeparator = groupingSeparator
            self.percentSpacing = percentSpacing
            self.yes = yes
            self.no = no
            self.missing = missing
        }

        public static let english = Style(decimalSeparator: ".", groupingSeparator: ",", percentSpacing: "",
                                          yes: "yes", no: "no", missing: "n/a")
        /// A narrow no-break space groups thousands and precedes `%`, as French typography does.
        public static let french = Style(decimalSeparator: ",", groupingSeparator: "\u{202F}", percentSpacing: "\u{202F}",
                                         yes: "oui", no: "non", missing: "n.d.")
    }

    public var style: Style

    public init(style: Style = .english) {
        self.style = style
    }

    /// `value` of catalogue metric `metric` (`share_in_by_0900` included); a name outside
    /// the catalogue is written as a plain number.
    public func text(_ value: Double, metric: String) -> String {
        text(value, unit: MetricCatalog.spec(metric)?.unit ?? .ratio)
    }

    /// `value` in `unit`: `93.4%`, `07:42`, `8.1 s`, `12.5 min`, `1,234`, `2.35/s`.
    /// Infinite values read `∞`/`−∞` (a censored time: the caller knows whether that
    /// means "never" or "not by the end").
    public func text(_ value: Double, unit: MetricUnit) -> String {
        if value.isNaN { return style.missing }
        if value.isInfinite { return value > 0 ? "∞" : "−∞" }
        switch unit {
        case .count:
            return value == value.rounded() ? grouped(value, digits: 0) : grouped(value, digits: 1)
        case .level:
            return grouped(value, digits: abs(value) >= 100 ? 0 : 1)
        case .flag:
            return value != 0 ? style.yes : style.no
        case .share:
            return decimal(value * 100, digits: significantDigits(value * 100)) + style.percentSpacing + "%"
        case .seconds:
            return duration(value)
        case .clock:
            return clock(value)
        case .perSecond:
            return grouped(value, digits: significantDigits(value)) + "/s"
        case .ratio:
            return grouped(value, digits: significantDigits(value))
        }
    }

    /// Seconds after midnight as `HH:MM`, rounded to the minute; hours run past 23 after
    /// midnight so times still sort (`25:30` is 01:30 the next day).
    public func clock(_ secondsOfDay: Double) -> String {
        guard secondsOfDay.isFinite else { return text(secondsOfDay, unit: .ratio) }
        let minutes = Int((secondsOfDay / 60).rounded())
        let sign = minutes < 0 ? "-" : ""
        let h = abs(minutes) / 60, m = abs(minutes) % 60
        return sign + (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }

    /// A duration: seconds below two minutes, minutes below two hours, hours beyond.
    public func duration(_ seconds: Double) -> String {
        let magnitude = abs(seconds)
        if magnitude < 120 { return decimal(seconds, digits: significantDigits(seconds)) + " s" }
        if magnitude < 7200 { return decimal(seconds / 60, digits: 1) + " min" }
        return decimal(seconds / 3600, digits: 1) + " h"
    }

    /// Decimals that keep three significant digits, at most three and none from 100 on.
    func significantDigits(_ value: Double) -> Int {
        let magnitude = abs(value)
        if magnitude == 0 || magnitude >= 100 { return 0 }
        if magnitude >= 10 { return 1 }
        if magnitude >= 1 { return 2 }
        return 3
    }

    /// `value` with `digits` decimals and the style's decimal separator, no grouping.
    func decimal(_ value: Double, digits: Int) -> String {
        let (sign, whole, fraction) = parts(value, digits: digits)
        return sign + whole + (fraction.isEmpty ? "" : style.decimalSeparator + fraction)
    }

    /// `value` with `digits` decimals and thousands grouped.
    func grouped(_ value: Double, digits: Int) -> String {
        let (sign, whole, fraction) = parts(value, digits: digits)
        var groups: [Substring] = []
        var rest = Substring(whole)
        while rest.count > 3 {
            groups.insert(rest.suffix(3), at: 0)
            rest = rest.dropLast(3)
        }
        groups.insert(rest, at: 0)
        return sign + groups.joined(separator: style.groupingSeparator)
            + (fraction.isEmpty ? "" : style.decimalSeparator + fraction)
    }

    /// Sign, integer digits and `digits` decimal digits of `value` rounded half away from
    /// zero; `-0` is written `0`.
    private func parts(_ value: Double, digits: Int) -> (String, String, String) {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = (scaled / scale).rounded(.down)
        let fractionDigits = Int(scaled - whole * scale)
        let sign = value < 0 && scaled > 0 ? "-" : ""
        var fraction = digits > 0 ? String(fractionDigits) : ""
        while fraction.count < digits { fraction = "0" + fraction }
        return (sign, integerDigits(whole), fraction)
    }
}

/// An integral, non-negative double's digits without Foundation (`1234567.0` → `1234567`).
private func integerDigits(_ whole: Double) -> String {
    whole < 9.2e18 ? String(Int64(whole)) : String(whole)
}
