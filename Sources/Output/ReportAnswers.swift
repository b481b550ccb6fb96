/// The answers at the top of the report, from summary.csv: when and where each platform
/// saturated and why (overload: its servers failing users; refusal: its gates turning users
/// away), drawn as one timeline; and who got in by when.
///
/// Figures are means over replications: a band spans the mean onset to the mean end of the
/// measure (the end of its last flagged interval), or to the end of the run when the
/// platform had not recovered.
enum ReportAnswers {
    /// One measure's span on one platform.
    struct Span: Equatable {
        var start: Double
        /// The mean end over the runs that recovered, or `nil` when no run recovered.
        var end: Double?
        /// Runs with an onset, out of `replications`.
        var runs: Int
        /// Runs with an onset that recovered before the end.
        var recovered: Int
        var replications: Int
    }

    /// One platform (under one policy): its two measures and either's onset.
    struct Saturation: Equatable {
        var policy: String
        var platform: String
        /// The name shown: the platform, with the policy when several ran.
        var label: String
        var onset: Double?
        var overload: Span?
        var refusal: Span?
    }

    /// Every platform of summary.csv, in the file's order; empty when it has no platform
    /// saturation figures.
    static func saturation(_ summary: CSVTable, replications: Int?, names: ReportNames = .init()) throws -> [Saturation] {
        struct Key: Hashable { var policy, platform: String }
        var order: [Key] = []
        var figures: [Key: [String: (mean: Double?, count: Int)]] = [:]
        for record in summary.records where record.text("entity_kind") == "platform" {
            let metric = try record.requireText("metric")
            guard metric.hasSuffix("_clock_s") else { continue }
            let key = Key(policy: record.text("policy") ?? "", platform: try record.requireText("entity_id"))
            if figures[key] == nil { order.append(key) }
            let count = try record.optionalNumber("replications").map { Int($0) }
            let mean = try record.optionalNumber("mean")
            figures[key, default: [:]][metric] = (mean, count ?? (mean == nil ? 0 : 1))
        }
        let manyPolicies = Set(order.map(\.policy)).count > 1
        let rows = order.compactMap { key -> Saturation? in
            let values = figures[key] ?? [:]
            guard values["saturation_onset_clock_s"] != nil || values["overload_onset_clock_s"] != nil else { return nil }
            let total = replications ?? 1
            func span(_ onset: String, _ until: String) -> Span? {
                guard let start = values[onset], let mean = start.mean, start.count > 0 else { return nil }
                let end = values[until]
                return Span(
                    start: mean, end: end?.mean, runs: start.count, recovered: min(end?.mean == nil ? 0 : end?.count ?? 0, start.count),
                    replications: max(total, start.count))
            }
            let overload = span("overload_onset_clock_s", "overloaded_until_clock_s")
            let refusal = span("refusal_onset_clock_s", "refusing_until_clock_s")
            let onset = values["saturation_onset_clock_s"]?.mean ?? [overload?.start, refusal?.start].compactMap { $0 }.min()
            return Saturation(
                policy: key.policy, platform: key.platform,
                label: manyPolicies ? "\(names("platform", key.platform)) — \(key.policy)" : names("platform", key.platform),
                onset: onset, overload: overload, refusal: refusal)
        }
        return rows
    }

    /// One row per platform, overload and refusal bands over the clock window.
    static func timeline(_ rows: [Saturation], window: ClosedRange<Double>, language: ReportLanguage) -> Timeline {
        Timeline(
            title: language.text(.timelineTitle),
            rows: rows.map { row in
                Timeline.Row(
                    label: row.label,
                    overload: row.overload.map { band($0, window: window) },
                    refusal: row.refusal.map { band($0, window: window) })
            },
            window: window, language: language)
    }

    static func band(_ span: Span, window: ClosedRange<Double>) -> Timeline.Band {
        Timeline.Band(start: span.start, end: span.end ?? window.upperBound, recovered: span.end != nil)
    }

    /// The sentences under "Answers": which platform saturated first and why, each
    /// saturated platform's spans, and those that never saturated.
    static func whenAndWhere(_ rows: [Saturation], language t: ReportLanguage) -> [String] {
        let saturated = rows.filter { $0.onset != nil }.sorted { ($0.onset ?? 0, $0.label) < ($1.onset ?? 0, $1.label) }
        var lines: [String] = []
        guard let first = saturated.first, let onset = first.onset else {
            return [t.text(.noneSaturated)]
        }
        lines.append(t.text(.firstSaturated, first.label, ValueFormat.clock(onset), cause(first, language: t)))
        for row in saturated {
            var parts: [String] = []
            if let span = row.overload { parts.append(t.text(.overloadedSpan, describe(span, language: t))) }
            if let span = row.refusal { parts.append(t.text(.refusingSpan, describe(span, language: t))) }
            lines.append(t.text(.platformSpans, row.label, parts.joined(separator: "; ")))
        }
        let calm = rows.filter { $0.onset == nil }.map(\.label)
        if !calm.isEmpty { lines.append(t.text(.notSaturatedList, calm.joined(separator: ", "))) }
        return lines
    }

    /// Why a platform saturated: the measure whose onset came first.
    static func cause(_ row: Saturation, language t: ReportLanguage) -> String {
        switch (row.overload?.start, row.refusal?.start) {
        case let (overload?, refusal?) where overload == refusal: return t.text(.causeBoth)
        case let (overload?, refusal?): return t.text(overload < refusal ? .causeOverloadFirst : .causeRefusalFirst)
        case (_?, nil): return t.text(.causeOverload)
        case (nil, _?): return t.text(.causeRefusal)
        case (nil, nil): return t.text(.causeBoth)
        }
    }

    /// `07:40–09:10`, `from 07:40, not recovered by the end`, with `(2/3 runs)` when only
    /// some runs saturated.
    static func describe(_ span: Span, language t: ReportLanguage) -> String {
        var text: String
        if let end = span.end {
            text = ValueFormat.clock(span.start) + "–" + ValueFormat.clock(end)
            if span.recovered < span.runs {
                text += " " + t.text(.someNotRecovered, String(span.runs - span.recovered), String(span.runs))
            }
        } else {
            text = t.text(.fromNotRecovered, ValueFormat.clock(span.start))
        }
        if span.runs < span.replications {
            text += " " + t.text(.runsOf, String(span.runs), String(span.replications))
        }
        return text
    }

    /// Who got in: per segment (or, without segments, per platform), the share in by each
    /// checkpoint and the share never in.
    static func whoGotIn(_ summary: CSVTable, names: ReportNames = .init(), language t: ReportLanguage) throws -> (header: [String], rows: [[String]])? {
        for kind in ["segment", "platform"] {
            struct Key: Hashable { var policy, id: String }
            var order: [Key] = []
            var values: [Key: [String: Double]] = [:]
            var checkpoints: [String] = []
            for record in summary.records where record.text("entity_kind") == kind {
                let metric = try record.requireText("metric")
                guard metric.hasPrefix("share_in_by_") || metric == "share_never_in" else { continue }
                let key = Key(policy: record.text("policy") ?? "", id: try record.requireText("entity_id"))
                if values[key] == nil { order.append(key) }
                values[key, default: [:]][metric] = try record.optionalNumber("mean") ?? .nan
                if metric.hasPrefix("share_in_by_"), !checkpoints.contains(metric) { checkpoints.append(metric) }
            }
            guard !order.isEmpty else { continue }
            checkpoints.sort()
            let manyPolicies = Set(order.map(\.policy)).count > 1
            let metrics = checkpoints + ["share_never_in"]
            let present = metrics.filter { metric in order.contains { values[$0]?[metric] != nil } }
            let header = (manyPolicies ? [t.text(.columnPolicy)] : []) + [t.entityKind(kind)]
                + present.map { $0 == "share_never_in" ? t.text(.neverIn) : t.text(.inBy, ReportOverview.clockLabel(ofShareMetric: $0)) }
            let rows = order.map { key in
                (manyPolicies ? [key.policy] : []) + [names(kind, key.id)]
                    + present.map { metric in values[key]?[metric].map { ValueFormat.percent($0, decimals: 1, language: t) } ?? "–" }
            }
            return (header, rows)
        }
        return nil
    }
}
