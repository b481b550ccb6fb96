/// The day-profile charts of the report, one group per entity, from a `TimeseriesDigest`.
enum ReportTimeseries {
    /// A titled chart for one entity.
    struct Figure {
        var entity: TimeseriesDigest.EntityKey
        var chart: LineChart
        /// Said under the chart, when the chart needs a word of explanation.
        var note: String?
    }

    /// What one entity gets: its charts, and the titles of charts left out because every
    /// figure in them was zero all day (a flat line on the axis says less than one sentence).
    struct Group {
        var entity: TimeseriesDigest.EntityKey
        var figures: [Figure] = []
        var zeroAllDay: [String] = []
    }

    /// Every chart the digest has data for, entities in report order.
    static func groups(_ digest: TimeseriesDigest, names: ReportNames = .init(), language t: ReportLanguage = .en) -> [Group] {
        var groups: [Group] = []
        let manyPolicies = digest.policies.count > 1
        let interval = digest.intervalLength
        for entity in digest.orderedEntities {
            var group = Group(entity: entity)
            for spec in ReportChartSpec.all where spec.kinds.isEmpty || spec.kinds.contains(entity.kind) {
                var series: [LineChart.Series] = []
                for policy in digest.policies {
                    for metric in spec.metrics {
                        let key = TimeseriesDigest.SeriesKey(
                            entityKind: entity.kind, entityID: entity.id, metric: metric.name,
                            policy: policy)
                        let label = t.text(metric.label)
                        let name = manyPolicies ? "\(label) — \(policy)" : label
                        if let line = digest.series(key, name: name) {
                            series.append(line)
                        }
                    }
                }
                guard !series.isEmpty else { continue }
                let allZero = series.allSatisfy { line in
                    line.points.allSatisfy { ($0.y ?? 0) == 0 } && line.band.allSatisfy { $0.low == 0 && $0.high == 0 }
                }
                if allZero {
                    group.zeroAllDay.append(t.text(spec.title))
                    continue
                }
                group.figures.append(
                    Figure(
                        entity: entity,
                        chart: LineChart(
                            title: "\(t.text(spec.title)) — \(t.entityKind(entity.kind)) \(names(entity.kind, entity.id))",
                            yLabel: spec.unit(interval: interval, language: t),
                            series: series, includeZero: spec.includeZero,
                            xDomain: digest.window.map { $0.start...$0.end }, language: t),
                        note: spec.note.map { t.text($0) }))
            }
            if !group.figures.isEmpty || !group.zeroAllDay.isEmpty { groups.append(group) }
        }
        return groups
    }
}
