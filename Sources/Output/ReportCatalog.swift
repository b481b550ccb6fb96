import Foundation

/// Which charts the report draws from which metrics, and how they are labelled.
///
/// The report plots what exists: a chart appears for an entity only when at least one of
/// its metrics is in timeseries.csv, so runs without an attack or without pools still get
/// a clean page. Metrics within one chart share a unit. Units here are those of the time
/// series, which differ from summary.csv's per-run figures (a per-run `refused` is a total,
/// the series is a count per report interval), so the catalog, not summary.csv, labels the
/// axes.
struct ReportChartSpec: Sendable {
    var title: String
    /// (metric name in the CSV, legend label).
    var metrics: [(name: String, label: String)]
    /// The y-axis label with its unit; `per interval` is replaced by the interval's length
    /// (`per min`) when the file shows it.
    var unit: String
    /// Entity kinds the chart is for; empty: any kind that has the metrics.
    var kinds: Set<String> = []
    /// Said under the chart, after the replications line.
    var note: String?
    var includeZero = true

    /// Text in a unit that the page replaces with the report interval (`per 1 min`).
    static let perInterval = "per interval"

    static let all: [ReportChartSpec] = [
        ReportChartSpec(
            title: "Demand vs capacity",
            metrics: [
                ("desired_sessions", "wanted sessions (demand)"),
                ("active_sessions", "active sessions"),
                ("session_cap", "session cap (capacity)"),
            ],
            unit: "sessions"),
        ReportChartSpec(
            title: "Waiting users",
            metrics: [
                ("waiting_users", "waiting between attempts"),
                ("waiting_room_users", "in the waiting room"),
            ],
            unit: "users"),
        ReportChartSpec(
            title: "Logins, refusals and users giving up",
            metrics: [
                ("successful_logins", "successful logins"),
                ("refused", "refused attempts (\"come back later\")"),
                ("gave_up", "users giving up"),
            ],
            unit: "count \(perInterval)", kinds: ["platform"]),
        ReportChartSpec(
            title: "Getting in",
            metrics: [("first_ins", "visits getting their first page"), ("gave_up", "users giving up")],
            unit: "count \(perInterval)", kinds: ["segment"]),
        ReportChartSpec(
            title: "Attempts per successful login",
            metrics: [("attempts_per_success", "attempts per success")], unit: "attempts",
            note: "No line where no login succeeded in the interval (attempts per success undefined)."),
        ReportChartSpec(
            title: "Pages served in time and timed out",
            metrics: [("pages_ok", "pages served in time"), ("page_timeouts", "pages timed out")],
            unit: "pages \(perInterval)"),
        ReportChartSpec(
            title: "Offered load and throughput",
            metrics: [
                ("arrival_rate_per_s", "requests arriving"), ("throughput_per_s", "requests served"),
            ],
            unit: "requests/s"),
        ReportChartSpec(
            title: "Utilisation",
            metrics: [("utilization", "busy workers ÷ workers")], unit: "share of capacity (0–1)"),
        ReportChartSpec(
            title: "Response time",
            metrics: [("p50_response_s", "median (p50)"), ("p95_response_s", "p95")], unit: "s"),
        ReportChartSpec(
            title: "Attack traffic",
            metrics: [
                ("attack_offered_per_s", "offered"), ("attack_filtered_per_s", "filtered"),
                ("attack_served_per_s", "served by the pool"),
            ],
            unit: "requests/s"),
    ]

    /// Every metric some chart uses; the digest keeps only these.
    static let plottedMetrics: Set<String> = Set(all.flatMap { $0.metrics.map(\.name) })

    /// The unit with `per interval` spelled as the interval's length (`per 1 min`, `per 30 s`).
    func unit(interval: Double?) -> String {
        guard let interval, interval > 0, unit.contains(Self.perInterval) else { return unit }
        return unit.replacingOccurrences(of: Self.perInterval, with: "per " + Self.duration(interval))
    }

    /// `1 min`, `5 min`, `30 s`, `1 h`: the report interval as people say it.
    static func duration(_ seconds: Double) -> String {
        if seconds >= 3600, seconds.truncatingRemainder(dividingBy: 3600) == 0 {
            return "\(Int(seconds / 3600)) h"
        }
        if seconds >= 60, seconds.truncatingRemainder(dividingBy: 60) == 0 {
            return "\(Int(seconds / 60)) min"
        }
        return SVGText.figure(seconds) + " s"
    }
}
