import Metrics

/// How a figure reads for people, in the report and the stdout summary: clock times as
/// HH:MM, shares as percentages, durations in seconds or minutes, other figures with a few
/// significant digits — and in French with a decimal comma.
///
/// How a metric reads is decided by its unit in the metric catalogue (``MetricCatalog``),
/// in ``kind(ofMetric:unit:)``; the CSV unit is the fallback for figures outside it.
public enum ValueFormat {
    /// What a figure is, for its spelling.
    public enum Kind: Sendable, Hashable {
        /// Seconds after midnight (`…_clock_s`): `07:45`.
        case clock
        /// A fraction of 1 (`share_…`, `p_…`, `utilization`, unit `share`): `93.4%`.
        case share
        /// Seconds (`…_s`, unit `s`): `1.25 s`, `12.5 min`.
        case duration
        /// Anything else: about four significant digits, `k`/`M` past ten thousand.
        case figure
    }

    /// The kind of `metric`, from its name and, when known, its unit.
    public static func kind(ofMetric metric: String, unit: String? = nil) -> Kind {
        if let spec = MetricCatalog.spec(metric) {
            switch spec.unit {
            case .clock: return .clock
            case .share: return .share
            case .seconds: return .duration
            case .count, .modelCount, .level, .flag, .perSecond, .ratio: return .figure
            }
        }
        // Figures compare and sweep compute (`saturated`, `refusals_per_success`): their CSV unit.
        switch unit {
        case "share": return .share
        case "s": return .duration
        default: return .figure
        }
    }

    /// A figure in its kind's spelling: `07:45`, `93.4%`, `1.25 s`, `12.3k`.
    public static func value(_ value: Double, kind: Kind, language: ReportLanguage = .en) -> String {
        guard value.isFinite else { return "–" }
        switch kind {
        case .clock: return clock(value)
        case .share: return percent(value, decimals: 1, language: language)
        case .duration: return duration(value, language: language)
        case .figure: return number(value, digits: 4, language: language)
        }
    }

    public static func value(_ value: Double, metric: String, unit: String? = nil, language: ReportLanguage = .en) -> String {
        self.value(value, kind: kind(ofMetric: metric, unit: unit), language: language)
    }

    /// A spread (sd, CI half-width) in the figure's own terms: minutes for clock times,
    /// percentage points for shares.
    public static func spread(_ value: Double, kind: Kind, language: ReportLanguage = .en) -> String {
        guard value.isFinite else { return "–" }
        switch kind {
        case .clock: return number(value / 60, digits: 2, language: language) + " min"
        case .share: return number(value * 100, digits: 2, language: language) + " " + language.text(.percentagePoints)
        case .duration: return duration(value, language: language)
        case .figure: return number(value, digits: 4, language: language)
        }
    }

    /// A signed difference in the figure's own terms: `+12 min` for clock times, `-3.1 pts`
    /// for shares.
    public static func difference(_ value: Double, kind: Kind, language: ReportLanguage = .en) -> String {
        guard value.isFinite else { return "–" }
        let sign = value > 0 ? "+" : ""
        switch kind {
        case .clock: return sign + number(value / 60, digits: 3, language: language) + " min"
        case .share: return sign + number(value * 100, digits: 3, language: language) + " " + language.text(.percentagePoints)
        case .duration: return sign + duration(value, language: language)
        case .figure: return sign + number(value, digits: 3, language: language)
        }
    }

    /// A clock time as HH:MM, to the nearest minute.
    public static func clock(_ secondsOfDay: Double) -> String {
        guard secondsOfDay.isFinite else { return "–" }
        return ClockTime(secondsOfDay: (secondsOfDay / 60).rounded() * 60).hoursMinutes
    }

    /// `93.4%` (English), `93,4 %` (French, with a narrow no-break space).
    public static func percent(_ share: Double, decimals: Int, language: ReportLanguage = .en) -> String {
        guard share.isFinite else { return "–" }
        return decimal(SVGText.fixed(share * 100, decimals: decimals), language) + language.text(.percentSign)
    }

    /// About `digits` significant digits, `k`/`M`/`G` past ten thousand, decimal comma in French.
    public static func number(_ value: Double, digits: Int = 3, language: ReportLanguage = .en) -> String {
        decimal(SVGText.figure(value, digits: digits), language)
    }

    /// Seconds under two minutes as `1.25 s`, longer as `12.5 min`, past two hours as `3.2 h`.
    public static func duration(_ seconds: Double, language: ReportLanguage = .en) -> String {
        guard seconds.isFinite else { return "–" }
        if abs(seconds) >= 7200 { return number(seconds / 3600, digits: 3, language: language) + " h" }
        if abs(seconds) >= 120 { return number(seconds / 60, digits: 3, language: language) + " min" }
        return number(seconds, digits: 3, language: language) + " s"
    }

    /// A number already spelled with a decimal point, in the language's decimal sign.
    public static func decimal(_ text: String, _ language: ReportLanguage) -> String {
        language.decimalComma ? text.replacingOccurrences(of: ".", with: ",") : text
    }
}
