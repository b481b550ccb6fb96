/// One entity kind's series averaged over replications, with a 95% band: the pivot-ready
/// table a planner opens in a spreadsheet (`series-platform.csv`, `series-pool.csv`, …).
///
/// Why a table per kind: timeseries.csv has one row per replication, interval, entity and
/// metric, so three replications of the France day pass a spreadsheet's 1,048,576 rows, and
/// timeseries-wide.csv puts every kind's metrics side by side, mostly empty. Here a row is
/// one policy, interval and entity; its columns are that kind's metrics only, each with its
/// band, so the size no longer grows with replications.
public struct SeriesBandTable: Sendable, Hashable {
    /// One metric at one interval: the mean over replications and its 95% confidence band
    /// (mean ± t·s/√n); `low` and `high` are nil with fewer than two replications.
    public struct Cell: Sendable, Hashable {
        public var mean: Double?
        public var low: Double?
        public var high: Double?

        public init(mean: Double?, low: Double?, high: Double?) {
            self.mean = mean
            self.low = low
            self.high = high
        }
    }

    public struct Row: Sendable, Hashable {
        public var scenario: String
        public var policy: String
        /// Seconds after the scenario's start.
        public var intervalStart: Double
        public var entityID: String
        /// One cell per metric of the table, in `metrics` order.
        public var cells: [Cell]

        public init(scenario: String, policy: String, intervalStart: Double, entityID: String, cells: [Cell]) {
            self.scenario = scenario
            self.policy = policy
            self.intervalStart = intervalStart
            self.entityID = entityID
            self.cells = cells
        }
    }

    public let kind: EntityKind
    public let metrics: [String]
    public let rows: [Row]

    public init(kind: EntityKind, metrics: [String], rows: [Row]) {
        self.kind = kind
        self.metrics = metrics
        self.rows = rows
    }

    public var fileName: String { CSVSchema.seriesFile(kind) }

    public var header: [String] { CSVSchema.series(metrics: metrics) }

    /// The cells of `row`: the clock as HH:MM (what a person reads) next to the seconds
    /// (what a formula uses).
    func fields(_ row: Row, clockOrigin: ClockTime) -> [CSVField] {
        var fields: [CSVField] = [
            .text(row.scenario), .text(row.policy),
            .text(ClockTime(origin: clockOrigin, plus: row.intervalStart).hoursMinutes),
            .number(row.intervalStart), .text(row.entityID),
        ]
        for cell in row.cells { fields += [.number(cell.mean), .number(cell.low), .number(cell.high)] }
        return fields
    }
}
