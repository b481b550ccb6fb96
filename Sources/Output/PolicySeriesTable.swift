/// Each compared policy over the day (`series-policies.csv`): per series behind a compared
/// figure, policy and report interval, the mean over replications with its 95% band.
///
/// Long rather than wide: a comparison charts a handful of series (one per compared figure
/// that has one), each for every policy, so a row per (series, policy, interval) keeps the
/// file pivot-ready (policies as columns, clock down the side) and small.
public struct PolicySeriesTable: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        public var scenario: String
        public var policy: String
        public var entityKind: EntityKind
        /// As in comparison.csv: an id, ids joined by `+`, `pupils` or `*` (a group's series
        /// is the sum of its members').
        public var entityID: String
        public var metric: String
        /// The metric's CSV unit (`count`, `share`, `s`…).
        public var unit: String
        /// Seconds after the scenario's start.
        public var intervalStart: Double
        public var cell: SeriesBandTable.Cell
        /// Replications with a figure at this interval.
        public var replications: Int

        public init(scenario: String, policy: String, entityKind: EntityKind, entityID: String, metric: String, unit: String,
                    intervalStart: Double, cell: SeriesBandTable.Cell, replications: Int) {
            self.scenario = scenario
            self.policy = policy
            self.entityKind = entityKind
            self.entityID = entityID
            self.metric = metric
            self.unit = unit
            self.intervalStart = intervalStart
            self.cell = cell
            self.replications = replications
        }
    }

    public let rows: [Row]

    public init(rows: [Row]) {
        self.rows = rows
    }

    /// The cells in `CSVSchema.policySeries` order: the clock as HH:MM (for people) next to
    /// the seconds (for formulas).
    func fields(_ row: Row, clockOrigin: ClockTime) -> [CSVField] {
        [
            .text(row.scenario), .text(row.policy), .text(row.entityKind.rawValue), .text(row.entityID),
            .text(row.metric), .text(row.unit),
            .text(ClockTime(origin: clockOrigin, plus: row.intervalStart).hoursMinutes), .number(row.intervalStart),
            .number(row.cell.mean), .number(row.cell.low), .number(row.cell.high), .integer(row.replications),
        ]
    }
}
