/// The wide view of timeseries rows: one row per entity and interval, one column per metric.
///
/// A convenience for spreadsheets, built from the long rows. Metric columns come in the
/// order metrics first appear in the long rows, so the same run always gives the same
/// columns and a new metric lands at the end. Rows come in the order their key first
/// appears. Needs all rows in memory (the long file streams; this one does not).
public struct TimeseriesWide: Sendable {
    /// One wide row: the long key and a value per metric (`nil` = no figure).
    public struct Row: Sendable, Hashable {
        public var scenario: String
        public var policy: String
        public var replication: Int
        public var intervalStart: Double
        public var entityKind: EntityKind
        public var entityID: String
        /// Aligned with `TimeseriesWide.metrics`.
        public var values: [Double?]
    }

    public private(set) var metrics: [String] = []
    public private(set) var rows: [Row] = []

    private struct Key: Hashable {
        var scenario: String
        var policy: String
        var replication: Int
        var intervalStart: Double
        var entityKind: EntityKind
        var entityID: String
    }

    public init(_ long: some Sequence<TimeseriesRow>) {
        self.init(long, metrics: [])
    }

    /// The wide rows of `long` with the metric columns starting as `metrics`.
    ///
    /// A run formats one replication at a time (`TimeseriesParts`): given the metrics of the
    /// whole run, in first-appearance order, each replication's rows line up under the one
    /// header, and their concatenation is what `init(_:)` builds from all the rows at once
    /// (row keys include the replication, so two replications never share a row). A metric
    /// missing from `metrics` is appended as usual.
    public init(_ long: some Sequence<TimeseriesRow>, metrics columns: [String]) {
        metrics = columns
        var metricIndex: [String: Int] = Dictionary(columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var rowIndex: [Key: Int] = [:]
        for row in long {
            let column: Int
            if let known = metricIndex[row.metric] {
                column = known
            } else {
                column = metrics.count
                metricIndex[row.metric] = column
                metrics.append(row.metric)
                for index in rows.indices { rows[index].values.append(nil) }
            }
            let key = Key(
                scenario: row.scenario, policy: row.policy, replication: row.replication,
                intervalStart: row.intervalStart, entityKind: row.entityKind,
                entityID: row.entityID)
            let position: Int
            if let known = rowIndex[key] {
                position = known
            } else {
                position = rows.count
                rowIndex[key] = position
                rows.append(
                    Row(
                        scenario: row.scenario, policy: row.policy, replication: row.replication,
                        intervalStart: row.intervalStart, entityKind: row.entityKind,
                        entityID: row.entityID,
                        values: Array(repeating: nil, count: metrics.count)))
            }
            rows[position].values[column] = row.value
        }
    }

    /// The header in `CSVSchema.timeseriesWide(metrics:)` order.
    public var header: [String] { CSVSchema.timeseriesWide(metrics: metrics) }
}

extension TimeseriesWide.Row {
    /// The cells in header order.
    public func fields(clockOrigin: ClockTime) -> [CSVField] {
        [
            .text(scenario), .text(policy), .integer(replication),
            .text(ClockTime(origin: clockOrigin, plus: intervalStart).description),
            .number(intervalStart), .text(entityKind.rawValue), .text(entityID),
        ] + values.map { CSVField.number($0) }
    }
}
