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
    var title: ReportPhrase
    /// (metric name in the CSV, legend label).
    var metrics: [(name: String, label: ReportPhrase)]
    /// The y-axis label with its unit; a unit "per {1}" gets the interval's length
    /// (`per 1 min`) when the file shows it.
    var unit: ReportPhrase
    /// Entity kinds the chart is for; empty: any kind that has the metrics.
    var kinds: Set<String> = []
    /// Said under the chart, after the replications line.
    var note: ReportPhrase?
    var includeZero = true

    static let all: [ReportChartSpec] = [
        ReportChartSpec(
            title: .chartDemand,
            metrics: [
                ("desired_sessions", .seriesWanted),
                ("active_sessions", .seriesActive),
                ("session_cap", .seriesCap),
            ],
            unit: .unitSessions),
        ReportChartSpec(
            title: .chartWaiting,
            metrics: [
                ("waiting_users", .seriesWaiting),
                ("waiting_room_users", .seriesInRoom),
            ],
            unit: .unitUsers),
        ReportChartSpec(
            title: .chartLogins,
            metrics: [
                ("successful_logins", .seriesLogins),
                ("refused", .seriesRefused),
                ("gave_up", .seriesGaveUp),
            ],
            unit: .unitCountPer, kinds: ["platform"]),
        ReportChartSpec(
            title: .chartGettingIn,
            metrics: [("first_ins", .seriesFirstIns), ("gave_up", .seriesGaveUp)],
            unit: .unitCountPer, kinds: ["segment"]),
        ReportChartSpec(
            title: .chartAttempts,
            metrics: [("attempts_per_success", .seriesAttempts)], unit: .unitAttempts,
            note: .noteAttempts),
        ReportChartSpec(
            title: .chartPages,
            metrics: [("pages_ok", .seriesPagesOK), ("page_timeouts", .seriesPageTimeouts)],
            unit: .unitPagesPer),
        ReportChartSpec(
            title: .chartLoad,
            metrics: [
                ("arrival_rate_per_s", .seriesArriving), ("throughput_per_s", .seriesServed),
            ],
            unit: .unitRequestsPerSecond),
        ReportChartSpec(
            title: .chartUtilisation,
            metrics: [("utilization", .seriesBusy)], unit: .unitCapacityShare),
        ReportChartSpec(
            title: .chartResponse,
            metrics: [("p50_response_s", .seriesMedian), ("p95_response_s", .seriesP95)], unit: .unitSeconds),
        ReportChartSpec(
            title: .chartAttack,
            metrics: [
                ("attack_offered_per_s", .seriesOffered), ("attack_filtered_per_s", .seriesFiltered),
                ("attack_served_per_s", .seriesAttackServed),
            ],
            unit: .unitRequestsPerSecond),
    ]

    /// Every metric some chart uses; the digest keeps only these.
    static let plottedMetrics: Set<String> = Set(all.flatMap { $0.metrics.map(\.name) })

    /// The unit, a count "per {1}" spelled with the interval's length (`per 1 min`, `per 30 s`).
    func unit(interval: Double?, language: ReportLanguage = .en) -> String {
        let length = interval.flatMap { $0 > 0 ? Self.duration($0, language: language) : nil } ?? language.text(.interval)
        return language.text(unit, length)
    }

    /// `1 min`, `5 min`, `30 s`, `1 h`: the report interval as people say it.
    static func duration(_ seconds: Double, language: ReportLanguage = .en) -> String {
        if seconds >= 3600, seconds.truncatingRemainder(dividingBy: 3600) == 0 {
            return "\(Int(seconds / 3600)) h"
        }
        if seconds >= 60, seconds.truncatingRemainder(dividingBy: 60) == 0 {
            return "\(Int(seconds / 60)) min"
        }
        return ValueFormat.number(seconds, language: language) + " s"
    }
}
