import Output
import Stochastics
import World

/// Series averaged over replications with their 95% band, one table per entity kind
/// (``SeriesBandTable``): what `run` and `compare` write as series-<kind>.csv.
public enum SeriesBands {
    /// One replication's series, from a run in memory or a record read back from shards.
    public struct Replication: Sendable {
        public var interval: Double
        public var intervalCount: Int
        public var series: [(kind: String, entity: String, metric: String, values: [Double])]

        init(interval: Double, intervalCount: Int, series: [(kind: String, entity: String, metric: String, values: [Double])]) {
            self.interval = interval
            self.intervalCount = intervalCount
            self.series = series
        }

        public init(_ run: RunResult) {
            interval = run.interval
            intervalCount = run.intervalCount
            series = run.series.map { ($0.kind.rawValue, $0.entity, $0.metric, $0.values) }
        }

        public init(_ record: ReplicationRecord) {
            interval = record.interval
            intervalCount = record.intervalCount
            series = record.series.map { ($0.kind, $0.entity, $0.metric, $0.values) }
        }
    }

    /// The tables of every entity kind that has series, in ``EntityKind`` order; within a
    /// table, rows by policy (in the order given), entity (first appearance), interval.
    /// Metrics and entities are in order of first appearance over all policies, so every
    /// policy's rows have the same columns.
    public static func tables(scenario: String, policies: [(policy: String, replications: [Replication])]) -> [SeriesBandTable] {
        EntityKind.allCases.compactMap { kind in
            var metrics: [String] = [], entities: [String] = []
            var seenMetrics: Set<String> = [], seenEntities: Set<String> = []
            for (_, replications) in policies {
                for replication in replications {
                    for s in replication.series where s.kind == kind.rawValue && !s.values.isEmpty {
                        if seenMetrics.insert(s.metric).inserted { metrics.append(s.metric) }
                        if seenEntities.insert(s.entity).inserted { entities.append(s.entity) }
                    }
                }
            }
            guard !metrics.isEmpty else { return nil }
            let column = Dictionary(uniqueKeysWithValues: metrics.enumerated().map { ($1, $0) })
            var rows: [SeriesBandTable.Row] = []
            for (policy, replications) in policies {
                guard let first = replications.first else { continue }
                // values[entity][metric column][replication] → that replication's series.
                var values: [String: [[[Double]]]] = [:]
                for (r, replication) in replications.enumerated() {
                    for s in replication.series where s.kind == kind.rawValue {
                        guard let c = column[s.metric] else { continue }
                        var perMetric = values[s.entity] ?? Array(repeating: Array(repeating: [], count: replications.count), count: metrics.count)
                        perMetric[c][r] = s.values
                        values[s.entity] = perMetric
                    }
                }
                for entity in entities {
                    guard let perMetric = values[entity] else { continue }
                    for i in 0..<first.intervalCount {
                        let cells = perMetric.map { runs in band(runs.compactMap { i < $0.count ? $0[i] : nil }) }
                        rows.append(SeriesBandTable.Row(scenario: scenario, policy: policy, intervalStart: Double(i) * first.interval,
                                                        entityID: entity, cells: cells))
                    }
                }
            }
            return SeriesBandTable(kind: kind, metrics: metrics, rows: rows)
        }
    }

    /// Mean and 95% band (Student t) of the finite values; no band under two values.
    static func band(_ values: [Double]) -> SeriesBandTable.Cell {
        let estimate = Estimate(values)
        guard estimate.count > 0 else { return .init(mean: nil, low: nil, high: nil) }
        guard estimate.halfWidth.isFinite else { return .init(mean: estimate.mean, low: nil, high: nil) }
        return .init(mean: estimate.mean, low: estimate.mean - estimate.halfWidth, high: estimate.mean + estimate.halfWidth)
    }
}
