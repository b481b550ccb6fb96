/// Which charts the report draws from which metrics, and how they are labelled.
///
/// The report plots what exists: a chart appears for an entity only when at least one of
/// its metrics is in timeseries.csv, so runs without an attack or without pools still get
/// a clean page. Metrics within one chart share a unit.
struct ReportChartSpec: Sendable {
    var title: String
    /// (metric name in the CSV, legend label).
    var metrics: [(name: String, label: String)]
    /// The y-axis unit when summary.csv does not give one.
    var unit: String
    var includeZero = true

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
            title: "Waiting users", metrics: [("waiting_users", "waiting users")], unit: "users"),
        ReportChartSpec(
            title: "Refused logins", metrics: [("refused", "refused (\"come back later\")")],
            unit: "users per interval"),
        ReportChartSpec(
            title: "Attempts per successful login",
            metrics: [("attempts_per_success", "attempts per success")], unit: "attempts"),
        ReportChartSpec(
            title: "Utilisation", metrics: [("utilization", "utilisation")], unit: "share of capacity"),
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
}
