/// The table a planner reads first: one row per platform (and policy) with when it
/// saturated and recovered, peak demand against sessions, who got in by when, and the
/// cost in retries. Built from summary.csv, whose figures are means over replications.
enum ReportOverview {
    /// Fixed columns around the `share_in_by_HHMM` ones, which follow the run's clock.
    static let leading: [(metric: String, heading: String)] = [
        ("saturation_onset_clock_s", "saturated from"),
        ("saturated_until_clock_s", "saturated until"),
        ("overload_onset_clock_s", "overloaded from"),
        ("refusal_onset_clock_s", "refusing from"),
        ("peak_desired_sessions", "peak wanted sessions"),
        ("peak_active_sessions", "peak active sessions"),
    ]
    static let trailing: [(metric: String, heading: String)] = [
        ("share_never_in", "visits never in"),
        ("attempts_per_success", "attempts per success"),
        ("refused", "refused attempts"),
    ]

    static let note = """
        Per platform, means over replications (summary.csv). Saturated: overloaded (its servers \
        fail users: utilisation, failures or latency past the thresholds) or refusing (its gates \
        turn users away) for the scenario's `saturation.sustain`, 5 minutes by default; each \
        measure has its own onset. "(k/n runs)" when only some replications saturated. "in by HH:MM": share of the visitors arrived by then \
        who had got in.
        """

    /// The table, or `nil` when summary.csv has no platform figures.
    static func table(_ summary: CSVTable, replications: Int?) throws -> (header: [String], rows: [[String]])? {
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
        let columns = leading
            + shareColumns.map { ($0, "in by " + clockLabel(ofShareMetric: $0)) }
            + trailing
        let present = columns.filter { column in order.contains { figures[$0]?[column.metric] != nil } }
        let manyPolicies = Set(order.map(\.policy)).count > 1
        let header = (manyPolicies ? ["policy"] : []) + ["platform"] + present.map(\.heading)
        let rows = order.map { key -> [String] in
            let values = figures[key] ?? [:]
            let cells = present.map { column -> String in
                guard let figure = values[column.metric] else { return "–" }
                return cell(column.metric, figure, onset: values["saturation_onset_clock_s"], replications: replications)
            }
            return (manyPolicies ? [key.policy] : []) + [key.platform] + cells
        }
        return (header, rows)
    }

    /// One cell: clock times as HH:MM, shares as percentages, counts as figures.
    static func cell(
        _ metric: String, _ figure: (mean: Double?, count: Int?), onset: (mean: Double?, count: Int?)?,
        replications: Int?
    ) -> String {
        guard let mean = figure.mean else {
            if metric == "saturation_onset_clock_s" { return "not saturated" }
            if metric == "overload_onset_clock_s" { return "not overloaded" }
            if metric == "refusal_onset_clock_s" { return "not refusing" }
            if metric == "saturated_until_clock_s", onset?.mean != nil { return "not recovered" }
            return "–"
        }
        var text = ReportFigures.format(mean, metric: metric, unit: nil)
        if metric.hasSuffix("_clock_s"), let count = figure.count, let replications, count < replications {
            text += " (\(count)/\(replications) runs)"
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

/// How the report spells a figure, from its metric name and unit.
enum ReportFigures {
    static func isShare(_ metric: String, unit: String?) -> Bool {
        unit == "share" || metric.hasPrefix("share_") || metric.hasPrefix("p_") || metric == "utilization"
    }

    /// A clock time as HH:MM, to the nearest minute (as the command's text summary prints it).
    static func clock(_ secondsOfDay: Double) -> String {
        ClockTime(secondsOfDay: (secondsOfDay / 60).rounded() * 60).hoursMinutes
    }

    /// Clock metrics (`…_clock_s`) as HH:MM, shares as `12.3%`, the rest with 4 significant digits.
    static func format(_ value: Double, metric: String, unit: String?) -> String {
        if metric.hasSuffix("_clock_s") { return clock(value) }
        if isShare(metric, unit: unit) { return SVGText.fixed(value * 100, decimals: 1) + "%" }
        return SVGText.figure(value, digits: 4)
    }

    /// A spread (sd, CI half-width) in the figure's own terms: minutes for clock times,
    /// percentage points for shares.
    static func spread(_ value: Double, metric: String, unit: String?) -> String {
        if metric.hasSuffix("_clock_s") { return SVGText.figure(value / 60, digits: 2) + " min" }
        if isShare(metric, unit: unit) { return SVGText.figure(value * 100, digits: 2) + " pts" }
        return SVGText.figure(value, digits: 4)
    }
}
