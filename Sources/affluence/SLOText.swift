import Experiments
import Foundation
import World

/// How a verdict on a service objective prints: one line per term and entity, with its
/// mean, 95% half-width, one-sided 95% bound and whether it holds.
enum SLOText {
    static func value(_ x: Double, metric: String) -> String {
        guard x.isFinite else { return "n/a" }
        if metric.hasSuffix("_clock_s") {
            let c = Int(x.rounded())
            return String(format: "%02d:%02d", c / 3600, (c % 3600) / 60)
        }
        if metric == SLO.saturated { return String(format: "%.0f%% of replications", x * 100) }
        switch MetricUnits.unit(of: metric) {
        case "share": return String(format: "%.3g%%", x * 100)
        case "s": return String(format: "%.4g s", x)
        default: return String(format: "%.4g", x)
        }
    }

    static func lines(_ verdict: SLOVerdict, indent: String = "  ") -> [String] {
        var lines: [String] = []
        for c in verdict.checks {
            let m = c.term.metric
            var text = indent + "\(m)[\(c.entity)] = \(value(c.estimate.mean, metric: m))"
            if c.estimate.halfWidth.isFinite, m != SLO.saturated {
                // A spread below rounding noise (every replication alike) prints as 0.
                let hw = c.estimate.halfWidth <= 1e-9 * abs(c.estimate.mean) ? 0 : c.estimate.halfWidth
                text += " ± \(value(hw, metric: m.hasSuffix("_clock_s") ? "x_s" : m))"
            }
            if c.bound.isFinite { text += ", one-sided 95% bound \(value(c.bound, metric: m))" }
            text += "  \(c.term.comparison.rawValue) \(value(c.term.threshold, metric: m)): "
            text += c.confident ? "met with 95% confidence" : (c.holds ? "met on the mean, not at 95% confidence" : "NOT met")
            lines.append(text)
        }
        for term in verdict.missing {
            lines.append(indent + "\(term.text): no entity reports a number for \(term.metric) in these runs")
        }
        return lines
    }

    /// One line: whether it holds and the term closest to failing.
    static func brief(_ verdict: SLOVerdict) -> String {
        var text = verdict.holds ? (verdict.confident ? "holds (95% confident)" : "holds on the mean") : "fails"
        if let t = verdict.tightest {
            text += "; tightest \(t.term.metric)[\(t.entity)] = \(value(t.estimate.mean, metric: t.term.metric))"
        }
        if !verdict.missing.isEmpty { text += "; no figure for \(verdict.missing.map(\.text).joined(separator: ", "))" }
        return text
    }
}
