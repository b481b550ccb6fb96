import Foundation

/// The policy-comparison part of the report, from comparison.csv.
///
/// Per metric and entity: one chart of each policy's mean with its 95% interval, and one
/// of the paired differences against the baseline (the policy whose difference is empty).
enum ReportComparison {
    struct Entry {
        var policy: String
        var unit: String
        var mean: Double?
        var halfWidth: Double?
        var diff: Double?
        var diffHalfWidth: Double?
        var rank: Double?
    }

    struct Group {
        var metric: String
        var entityKind: String
        var entityID: String
        var entries: [Entry]
    }

    static func groups(_ table: CSVTable) throws -> [Group] {
        var groups: [Group] = []
        var index: [String: Int] = [:]
        for record in table.records {
            let metric = try record.requireText("metric")
            let kind = try record.requireText("entity_kind")
            let id = try record.requireText("entity_id")
            let entry = Entry(
                policy: try record.requireText("policy"), unit: record.text("unit") ?? "",
                mean: try record.optionalNumber("mean"), halfWidth: try record.optionalNumber("ci95_half_width"),
                diff: try record.optionalNumber("diff_vs_baseline"),
                diffHalfWidth: try record.optionalNumber("diff_ci95_half_width"), rank: try record.optionalNumber("rank"))
            let key = "\(metric)\u{0}\(kind)\u{0}\(id)"
            if let position = index[key] {
                groups[position].entries.append(entry)
            } else {
                index[key] = groups.count
                groups.append(Group(metric: metric, entityKind: kind, entityID: id, entries: [entry]))
            }
        }
        return groups
    }

    static func charts(_ group: Group) -> [SVGChart] {
        let unit = group.entries.first?.unit ?? ""
        let subject = "\(group.metric) — \(group.entityKind) \(group.entityID)"
        let means = group.entries.compactMap { entry -> BarChart.Bar? in
            guard let mean = entry.mean else { return nil }
            return BarChart.Bar(
                label: entry.policy, value: mean, halfWidth: entry.halfWidth,
                emphasised: entry.diff == nil)
        }
        let diffs = group.entries.compactMap { entry -> BarChart.Bar? in
            guard let diff = entry.diff else { return nil }
            return BarChart.Bar(label: entry.policy, value: diff, halfWidth: entry.diffHalfWidth)
        }
        var charts: [SVGChart] = []
        if !means.isEmpty {
            charts.append(.bar(BarChart(title: "\(subject): mean with 95% CI", yLabel: unit, bars: means)))
        }
        if !diffs.isEmpty {
            charts.append(.bar(BarChart(title: "\(subject): difference vs baseline (paired, 95% CI)", yLabel: unit, bars: diffs)))
        }
        return charts
    }

    static let note = """
        Each policy ran on the same random numbers (same arrivals, same users), so the \
        differences are paired: a difference whose interval excludes 0 is a real effect, even \
        when the policies' own intervals overlap. The hatched bar is the baseline.
        """
}
