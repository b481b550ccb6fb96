extension TimeseriesDigest {
    /// What one part of a run's rows (one replication) adds to the digest, built on the
    /// thread that formats that part instead of by reading timeseries.csv back.
    ///
    /// Every figure is taken as the file spells it and `affluence report` reads it again:
    /// the clock column truncates to whole seconds, `-0` is written `0`, an undefined
    /// figure is an empty cell, and text round-trips exactly (the formula guard is undone on
    /// reading). Figures are kept in row order per series and replayed by `merge(_:)` part
    /// after part, so each mean adds its values in file order: floating-point addition is not
    /// associative, and the page must equal the one `affluence report` rebuilds.
    public struct Part: Sendable {
        struct Figure: Sendable {
            var x: Double
            var value: Double
        }

        /// The part's scenarios, policies, replications and entities (no cells).
        fileprivate var keys = TimeseriesDigest()
        /// Plotted figures per series, in row order.
        fileprivate var figures: [SeriesKey: [Figure]] = [:]

        /// Digests rows as timeseries.csv would hold them with this clock origin.
        ///
        /// - Throws: `OutputError` when an interval start has no clock time the file could
        ///   hold (before midnight, or not finite): the report could not place it either.
        public init(rows: some Sequence<TimeseriesRow>, clockOrigin: ClockTime) throws(OutputError) {
            var clock = ClockColumn(origin: clockOrigin)
            for row in rows {
                keys.noteKey(scenario: row.scenario, policy: row.policy, replication: Double(row.replication),
                             kind: row.entityKind.rawValue, id: row.entityID)
                guard ReportChartSpec.plottedMetrics.contains(row.metric) else { continue }
                guard let value = row.value, value.isFinite else { continue }
                let key = SeriesKey(entityKind: row.entityKind.rawValue, entityID: row.entityID, metric: row.metric, policy: row.policy)
                // The file writes -0 as "0", which reads back as +0 (and a band's low edge shows it).
                figures[key, default: []].append(Figure(x: try clock.secondsOfDay(row.intervalStart), value: value == 0 ? 0 : value))
            }
        }
    }

    /// The digest of parts taken in order, as if their rows had streamed past one file.
    public init(parts: some Sequence<Part>) {
        self.init()
        for part in parts { merge(part) }
    }

    /// Adds a part's rows after those already digested.
    mutating func merge(_ part: Part) {
        noteKeys(of: part.keys)
        // Series are independent, so their order does not matter; within one, row order does.
        for (key, figures) in part.figures {
            for figure in figures { add(figure.value, to: key, at: figure.x) }
        }
    }
}

/// The seconds of day `TimeseriesDigest.timeOfDay` reads from a row's interval_start_clock
/// cell, computed from the interval start the way the writer spells the cell.
///
/// Rows come interval by interval, so the last answer is kept: one clock text per interval
/// rather than per row.
private struct ClockColumn {
    let origin: ClockTime
    private var last: (start: Double, seconds: Double)?

    init(origin: ClockTime) { self.origin = origin }

    mutating func secondsOfDay(_ intervalStart: Double) throws(OutputError) -> Double {
        if let last, last.start == intervalStart { return last.seconds }
        let seconds = try Self.read(ClockTime(origin: origin, plus: intervalStart).description, intervalStart: intervalStart)
        last = (intervalStart, seconds)
        return seconds
    }

    /// What the reader makes of the cell: the clock text, else the seconds column.
    private static func read(_ text: String, intervalStart: Double) throws(OutputError) -> Double {
        if !text.isEmpty, let clock = ClockTime(parsing: text) { return clock.secondsOfDay }
        if text.isEmpty, intervalStart.isFinite { return intervalStart == 0 ? 0 : intervalStart }
        throw OutputError(
            path: CSVSchema.timeseriesFile,
            message: "interval start \(intervalStart) s has no clock time the report can read ('\(text)'; expected a time of day from 00:00:00)")
    }
}
