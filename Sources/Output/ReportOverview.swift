/// The table a planner reads first: one row per platform (and policy) with when it
/// saturated and recovered, peak demand against sessions, who got in by when, and the
/// cost in retries. Built from summary.csv, whose figures are means over replications.
enum ReportOverview {
    /// Fixed columns around the `share_in_by_HHMM` ones, which follow the run's clock.
    static let leading: [(metric: String, heading: ReportPhrase)] = [
        ("saturation_onset_clock_s", .overviewSaturatedFrom),
        ("saturated_until_clock_s", .overviewSaturatedUntil),
        ("overload_onset_clock_s", .overviewOverloadedFrom),
        ("refusal_onset_clock_s", .overviewRefusingFrom),
        ("peak_desired_sessions", .overviewPeakWanted),
        ("peak_active_sessions", .overviewPeakActive),
    ]
    static let trailing: [(metric: String, heading: ReportPhrase)] = [
        ("share_never_in", .overviewNeverIn),
        ("attempts_per_success", .overviewAttempts),
        ("refused", .overviewRefused),
    ]

    /// The table, or `nil` when summary.csv has no platform figures.
    static func table(
        _ summary: CSVTable, replications: Int?, names: ReportNames = .init(), language t: ReportLanguage = .en
    ) throws -> (header: [String], rows: [[String]])? {
        struct Key: Hashable { var policy, platform: String }
        var order: [Key] = []
        var figures: [Key: [String: (mean: Double?, count: Int?)]] = [:]
        var shareColumns: [String] = []
        for record in summary.records where record.text("entity_kind") == "platform" {
            let key = Key(policy: record.text("policy") ?? "", platform: try record.requireText("entity_id"))
            let metric = try record.requireText("metric")
            if figures[key] == nil { order.append(key) }
            let count = try record.optionalNumber("replications").map { Int($0) }
            figures[key, default: [:]][metric] = (try record.optionalNumber("mean"), count)
            if metric.hasPrefix("share_in_by_"), !shareColumns.contains(metric) { shareColumns.append(metric) }
        }
        guard !order.isEmpty else { return nil }
        shareColumns.sort()
        let columns: [(metric: String, heading: String)] = leading.map { ($0.metric, t.text($0.heading)) }
            + shareColumns.map { ($0, t.text(.inBy, clockLabel(ofShareMetric: $0))) }
            + trailing.map { ($0.metric, t.text($0.heading)) }
        let present = columns.filter { column in order.contains { figures[$0]?[column.metric] != nil } }
        let manyPolicies = Set(order.map(\.policy)).count > 1
        let header = (manyPolicies ? [t.text(.columnPolicy)] : []) + [t.entityKind("platform")] + present.map(\.heading)
        let rows = order.map { key -> [String] in
            let values = figures[key] ?? [:]
            let cells = present.map { column -> String in
                guard let figure = values[column.metric] else { return "–" }
                return cell(column.metric, figure, onset: values["saturation_onset_clock_s"], replications: replications, language: t)
            }
            return (manyPolicies ? [key.policy] : []) + [names("platform", key.platform)] + cells
        }
        return (header, rows)
    }

    /// One cell: clock times as HH:MM, shares as percentages, counts as figures.
    static func cell(
        _ metric: String, _ figure: (mean: Double?, count: Int?), onset: (mean: Double?, count: Int?)?,
        replications: Int?, language t: ReportLanguage = .en
    ) -> String {
        guard let mean = figure.mean else {
            if metric == "saturation_onset_clock_s" { return t.text(.notSaturated) }
            if metric == "overload_onset_clock_s" { return t.text(.notOverloaded) }
            if metric == "refusal_onset_clock_s" { return t.text(.notRefusing) }
            if metric == "saturated_until_clock_s", onset?.mean != nil { return t.text(.notRecovered) }
            return "–"
        }
        var text = ValueFormat.value(mean, kind: ReportFigures.kind(metric, unit: nil), language: t)
        if metric.hasSuffix("_clock_s"), let count = figure.count, let replications, count < replications {
            text += " " + t.text(.runsOf, String(count), String(replications))
        }
        return text
    }

    /// `share_in_by_0900` → `09:00`.
    static func clockLabel(ofShareMetric metric: String) -> String {
        let digits = metric.dropFirst("share_in_by_".count)
        guard digits.count == 4 else { return String(digits) }
        return "\(digits.prefix(2)):\(digits.suffix(2))"
    }
}

/// How the report's tables spell a figure: ``ValueFormat`` with the tables' kinds (a
/// duration stays a plain figure there, its unit has a column of its own).
enum ReportFigures {
    static func kind(_ metric: String, unit: String?) -> ValueFormat.Kind {
        let kind = ValueFormat.kind(ofMetric: metric, unit: unit)
        return kind == .duration ? .figure : kind
    }

    /// A clock time as HH:MM, to the nearest minute (as the command's text summary prints it).
    static func clock(_ secondsOfDay: Double) -> String { ValueFormat.clock(secondsOfDay) }

    /// Clock metrics (`…_clock_s`) as HH:MM, shares as `12.3%`, the rest with 4 significant digits.
    static func format(_ value: Double, metric: String, unit: String?) -> String {
        ValueFormat.value(value, kind: kind(metric, unit: unit))
    }
}
