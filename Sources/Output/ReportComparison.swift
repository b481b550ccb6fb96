import Foundation

/// The policy-comparison part of the report, from comparison.csv.
///
/// Per metric and entity: one chart of every policy's mean with its 95% interval, and one
/// of the paired differences against the baseline. A policy whose figure is censored (the
/// platform never saturated, or had not recovered by the end) keeps its row with a marker
/// saying so and in how many runs; the answers name the best policy per metric (rank 1 in
/// comparison.csv, ties sharing it) and whether its paired difference is a real effect.
enum ReportComparison {
    struct Entry {
        var policy: String
        var unit: String
        var mean: Double?
        var halfWidth: Double?
        var diff: Double?
        var diffHalfWidth: Double?
        var rank: Double?
        /// Share of runs never saturated / not recovered by the end (saturation times only).
        var neverSaturated: Double?
        var notRecovered: Double?
        var description: String
    }

    struct Group {
        var metric: String
        var entityKind: String
        var entityID: String
        var entries: [Entry]

        var kind: ValueFormat.Kind { ValueFormat.kind(ofMetric: metric, unit: entries.first?.unit) }
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
                diffHalfWidth: try record.optionalNumber("diff_ci95_half_width"), rank: try record.optionalNumber("rank"),
                neverSaturated: try record.optionalNumber("share_never_saturated"),
                notRecovered: try record.optionalNumber("share_not_recovered"),
                description: record.text("policy_description") ?? "")
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

    /// "saturated until — platform ode_idf".
    static func subject(_ group: Group, names: ReportNames = .init(), language t: ReportLanguage) -> String {
        let entity = group.entityID == "*" ? t.text(.allPlatforms) : t.entityKind(group.entityKind) + " " + names(group.entityKind, group.entityID)
        return t.metricName(group.metric) + " — " + entity
    }

    /// What censoring says about an entry: "never saturated (2/2)", "not recovered (1/2)";
    /// `nil` when every run has a figure.
    static func censoring(_ entry: Entry, replications: Int?, language t: ReportLanguage) -> String? {
        func runs(_ share: Double) -> String {
            guard let replications, replications > 0 else { return ValueFormat.percent(share, decimals: 0, language: t) }
            return "\(Int((share * Double(replications)).rounded()))/\(replications)"
        }
        var parts: [String] = []
        if let never = entry.neverSaturated, never > 0 { parts.append(t.text(.neverSaturatedRuns, runs(never))) }
        if let open = entry.notRecovered, open > 0 { parts.append(t.text(.notRecoveredRuns, runs(open))) }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// The group's charts with their role: `means`, then `differences` when any policy's
    /// differs from the baseline's.
    static func charts(
        _ group: Group, names: ReportNames = .init(), baseline: String?, replications: Int? = nil, language t: ReportLanguage
    ) -> [(role: String, chart: SVGChart)] {
        let subject = subject(group, names: names, language: t)
        let kind = group.kind
        func label(_ entry: Entry) -> String {
            entry.policy == baseline ? t.text(.baselineLabel, entry.policy) : entry.policy
        }
        let means = group.entries.map { entry in
            BarChart.Bar(
                label: label(entry), value: entry.mean, halfWidth: entry.halfWidth,
                emphasised: entry.policy == baseline,
                marker: censoring(entry, replications: replications, language: t) ?? (entry.mean == nil ? t.text(.noFigure) : nil))
        }
        let diffs = group.entries.filter { $0.policy != baseline }.map { entry in
            BarChart.Bar(
                label: entry.policy, value: entry.diff, halfWidth: entry.diffHalfWidth,
                marker: entry.diff == nil
                    ? (censoring(entry, replications: replications, language: t) ?? t.text(.noFigure)) : nil)
        }
        var charts: [(role: String, chart: SVGChart)] = [
            ("means", .bar(BarChart(
                title: t.text(.chartMeans, subject), yLabel: axisLabel(kind, unit: group.entries.first?.unit ?? "", difference: false, language: t),
                bars: means, kind: kind, language: t)))
        ]
        // A figure no policy moves (an entity the policies never touch, on common random
        // numbers: every difference exactly 0 ± 0) has no difference to draw.
        if diffs.contains(where: { ($0.value ?? 0) != 0 || ($0.halfWidth ?? 0) != 0 }) {
            charts.append(("differences", .bar(BarChart(
                title: t.text(.chartDifferences, subject),
                yLabel: axisLabel(kind, unit: group.entries.first?.unit ?? "", difference: true, language: t),
                bars: diffs, kind: kind, difference: true, language: t))))
        }
        return charts
    }

    static func axisLabel(_ kind: ValueFormat.Kind, unit: String, difference: Bool, language t: ReportLanguage) -> String {
        switch (kind, difference) {
        case (.clock, false): t.text(.axisClock)
        case (.clock, true): t.text(.axisMinutesVsBaseline)
        case (.share, false): t.text(.axisPercent)
        case (.share, true): t.text(.axisPointsVsBaseline)
        case (_, true): t.text(.axisDifference, unit)
        case (_, false): unit
        }
    }

    /// One sentence per metric: the best policy (rank 1), its figure, and how sure: the paired
    /// difference against the baseline and whether its 95% interval excludes 0.
    static func best(
        _ groups: [Group], names: ReportNames = .init(), baseline: String?, replications: Int? = nil, language t: ReportLanguage
    ) -> [String] {
        groups.compactMap { group in
            guard let top = group.entries.compactMap(\.rank).min() else { return nil }
            let winners = group.entries.filter { $0.rank == top }
            let kind = group.kind
            let policies = winners.map(\.policy).joined(separator: ", ")
            let first = winners[0]
            let figure = first.mean.map { ValueFormat.value($0, kind: kind, language: t) }
                ?? censoring(first, replications: replications, language: t) ?? t.text(.noFigure)
            var sentence = t.text(winners.count > 1 ? .bestTied : .bestIs, subject(group, names: names, language: t), policies, figure)
            if winners.contains(where: { $0.policy == baseline }) {
                sentence += " " + t.text(.baselineBest)
            } else if let diff = first.diff, let half = first.diffHalfWidth, half.isFinite {
                let spelled = ValueFormat.difference(diff, kind: kind, language: t) + " ± " + ValueFormat.spread(half, kind: kind, language: t)
                sentence += " " + t.text(abs(diff) > half ? .confidentDifference : .uncertainDifference, spelled, baseline ?? "")
            } else if first.mean == nil || group.entries.first(where: { $0.policy == baseline })?.mean == nil {
                sentence += " " + t.text(.censoredDifference, baseline ?? "")
            }
            return sentence
        }
    }

    /// Policy, description: what each compared policy is.
    static func policyTable(_ groups: [Group], baseline: String?, language t: ReportLanguage) -> (header: [String], rows: [[String]]) {
        var seen: [String] = []
        var rows: [[String]] = []
        for entry in groups.flatMap(\.entries) where !seen.contains(entry.policy) {
            seen.append(entry.policy)
            let description = entry.description.isEmpty
                ? (entry.policy == "base" ? t.text(.baseDescription) : "–") : entry.description
            rows.append([entry.policy == baseline ? t.text(.baselineLabel, entry.policy) : entry.policy, description])
        }
        return ([t.text(.columnPolicy), t.text(.columnDescription)], rows)
    }

    static func table(_ groups: [Group], replications: Int? = nil, language t: ReportLanguage) -> (header: [String], rows: [[String]]) {
        let header = [
            t.text(.columnPolicy), t.text(.columnMetric), t.text(.columnEntity), t.text(.columnMean), t.text(.columnCI),
            t.text(.columnDiff), t.text(.columnCI), t.text(.columnRank), t.text(.columnCensored),
        ]
        let rows = groups.flatMap { group in
            group.entries.map { entry -> [String] in
                let kind = group.kind
                return [
                    entry.policy, group.metric, t.entityKind(group.entityKind) + " " + group.entityID,
                    entry.mean.map { ValueFormat.value($0, kind: kind, language: t) } ?? "–",
                    entry.halfWidth.map { ValueFormat.spread($0, kind: kind, language: t) } ?? "–",
                    entry.diff.map { ValueFormat.difference($0, kind: kind, language: t) } ?? "–",
                    entry.diffHalfWidth.map { ValueFormat.spread($0, kind: kind, language: t) } ?? "–",
                    entry.rank.map { String(Int($0)) } ?? "–",
                    censoring(entry, replications: replications, language: t) ?? "",
                ]
            }
        }
        return (header, rows)
    }
}
