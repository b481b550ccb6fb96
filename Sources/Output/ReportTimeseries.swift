/// The day-profile charts of the report, one group per entity, from a `TimeseriesDigest`.
enum ReportTimeseries {
    /// A titled chart for one entity.
    struct Figure {
        var entity: TimeseriesDigest.EntityKey
        var chart: LineChart
    }

    /// Every chart the digest has data for, entities in report order.
    ///
    /// - Parameter units: metric → unit from summary.csv, which wins over the catalog.
    static func figures(_ digest: TimeseriesDigest, units: [String: String]) -> [Figure] {
        var figures: [Figure] = []
        let manyPolicies = digest.policies.count > 1
        for entity in digest.orderedEntities {
            for spec in ReportChartSpec.all {
                var series: [LineChart.Series] = []
                var unit = spec.unit
                for policy in digest.policies {
                    for metric in spec.metrics {
                        let key = TimeseriesDigest.SeriesKey(
                            entityKind: entity.kind, entityID: entity.id, metric: metric.name,
                            policy: policy)
                        let name = manyPolicies ? "\(metric.label) — \(policy)" : metric.label
                        if let line = digest.series(key, name: name) {
                            series.append(line)
                            if let given = units[metric.name], !given.isEmpty { unit = given }
                        }
                    }
                }
                guard !series.isEmpty else { continue }
                figures.append(
                    Figure(
                        entity: entity,
                        chart: LineChart(
                            title: "\(spec.title) — \(entity.kind) \(entity.id)",
                            yLabel: unit,
                            series: series, includeZero: spec.includeZero)))
            }
        }
        return figures
    }
}
