import Metrics
import Output
import Scenario
import World

/// A compared figure over the day: the series behind it, for the same entity or group,
/// kept per (policy, replication) so `compare` can write series-policies.csv (each policy's
/// mean with its 95% band per interval) and draw one line per policy.
///
/// Which series stands for which figure comes from the metric catalogue
/// (``MetricCatalog/daySeries(of:kind:)``): `saturated_until_clock_s` of a platform is
/// drawn as its `error_share`, `share_in_by_0900@pupils` as the pupils' `first_ins`. A
/// group (`pupils`, `*`, `a+b`) sums its members' series, which only a count or a level
/// allows; a share of a group has no series.
public struct DaySeries: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The entity kind (`platform`, `pool`, `segment`, `attack`).
    public let kind: String
    /// As in the compared metric: an id, ids joined by `+`, `pupils` or `*`.
    public let entity: String
    /// The series metric (a catalogue name recorded per interval).
    public let metric: String

    public init(kind: String, entity: String, metric: String) {
        self.kind = kind
        self.entity = entity
        self.metric = metric
    }

    public var description: String { "\(metric)@\(entity)" }

    /// The series of the compared `metrics` in `scenario`, each once, in the metrics' order
    /// (three checkpoints of the pupils share one line chart of their first pages).
    public static func of(_ metrics: [CompareMetric], in scenario: Scenario) -> [DaySeries] {
        var seen: Set<DaySeries> = []
        return metrics.compactMap { $0.daySeries(in: scenario) }.filter { seen.insert($0).inserted }
    }

    /// This series in one run: the entity's values, or the interval-wise sum over the
    /// group's members (NaN where no member has a figure); empty when no entity of the run
    /// belongs.
    public func values(in run: RunResult) -> [Double] {
        let selector = CompareMetric(metric: metric, entity: entity)
        var sum: [Double] = []
        var any = false
        for series in run.series where series.metric == metric && series.kind.rawValue == kind
            && selector.includes(series.entity, kind: series.kind) {
            if !any { sum = Array(repeating: .nan, count: series.values.count); any = true }
            for (i, x) in series.values.enumerated() where i < sum.count && x.isFinite {
                sum[i] = sum[i].isNaN ? x : sum[i] + x
            }
        }
        return sum
    }
}

extension CompareMetric {
    /// The series that shows this figure over the day in `scenario`, or nil: from the
    /// catalogue for the entity's kind; `refusals_per_success` (compare's own pooled figure)
    /// is drawn as the refused attempts. A group needs a series that adds up (a count or a
    /// level).
    public func daySeries(in scenario: Scenario) -> DaySeries? {
        let kind = entityKind(in: scenario)
        let name = metric == Self.refusalsPerSuccess ? "refused" : MetricCatalog.daySeries(of: metric, kind: kind)
        guard let name, let spec = MetricCatalog.spec(name) else { return nil }
        let additive = spec.window == .sum || spec.unit == .level || spec.unit == .count
        if isGroup, !additive { return nil }
        return DaySeries(kind: kind.rawValue, entity: entity, metric: name)
    }

    /// Whether the selector reads several entities: `pupils`, `*` or ids joined by `+`.
    var isGroup: Bool { entity == "pupils" || entity == "*" || entity.contains("+") }

    /// Whether the entity `id` of `kind` is the selector's entity or one of its group.
    func includes(_ id: String, kind: EntityKind) -> Bool {
        switch kind {
        case .segment: includesSegment(id)
        case .platform: includesPlatform(id)
        default: entity.split(separator: "+").contains { $0 == id }
        }
    }
}

extension Compare {
    /// One (policy, replication) run reduced to the series of the comparison's
    /// ``DaySeries``: what the report draws, and what a compare shard saves of each item.
    public struct DayRun: Sendable, Codable {
        /// The report interval (seconds).
        public let interval: Double
        /// One list of per-interval values per day series, in their order (empty when the
        /// run has no such entity).
        public let values: [[Double]]

        public init(interval: Double, values: [[Double]]) {
            self.interval = interval
            self.values = values
        }

        public init(_ run: RunResult, series: [DaySeries]) {
            interval = run.interval
            values = series.map { $0.values(in: run) }
        }
    }

    /// series-policies.csv: per day series, policy (in the comparison's order) and interval,
    /// the mean over replications with its 95% band (``SeriesBands/band(_:)``).
    public static func seriesTable(scenario: String, series: [DaySeries], policies: [String],
                                   runs: [String: [DayRun]]) -> PolicySeriesTable {
        var rows: [PolicySeriesTable.Row] = []
        for (s, day) in series.enumerated() {
            for policy in policies {
                let replications = (runs[policy] ?? []).filter { s < $0.values.count }
                guard let first = replications.first else { continue }
                let count = replications.map { $0.values[s].count }.max() ?? 0
                for i in 0..<count {
                    let figures = replications.compactMap { i < $0.values[s].count ? $0.values[s][i] : nil }
                    let cell = SeriesBands.band(figures)
                    rows.append(PolicySeriesTable.Row(
                        scenario: scenario, policy: policy, entityKind: EntityKind(rawValue: day.kind) ?? .platform,
                        entityID: day.entity, metric: day.metric, unit: MetricCatalog.csvUnit(of: day.metric),
                        intervalStart: Double(i) * first.interval, cell: cell,
                        replications: figures.filter(\.isFinite).count))
                }
            }
        }
        return PolicySeriesTable(rows: rows)
    }
}
