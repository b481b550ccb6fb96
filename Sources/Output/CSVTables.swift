/// Writes each of a run's CSV files from its row type, streaming through a `FileSink`.
///
/// One function per file so the header and the row type can never be mixed up.
public enum CSVTables {
    /// Pending bytes are moved to the sink once the encoder holds this many.
    static let chunk = 1 << 16

    /// timeseries.csv: long format, rows in the order given.
    ///
    /// - Parameter clockOrigin: the scenario's start time of day, so that
    ///   `interval_start_clock` = origin + `interval_start_s`.
    public static func writeTimeseries(
        _ rows: some Sequence<TimeseriesRow>, clockOrigin: ClockTime, dialect: CSVDialect,
        to sink: inout FileSink
    ) throws {
        try write(
            header: CSVSchema.timeseries, records: rows.lazy.map { $0.fields(clockOrigin: clockOrigin) },
            dialect: dialect, to: &sink)
    }

    /// timeseries-wide.csv, built from the long rows (see `TimeseriesWide`).
    public static func writeTimeseriesWide(
        _ wide: TimeseriesWide, clockOrigin: ClockTime, dialect: CSVDialect,
        to sink: inout FileSink
    ) throws {
        try write(
            header: wide.header, records: wide.rows.lazy.map { $0.fields(clockOrigin: clockOrigin) },
            dialect: dialect, to: &sink)
    }

    /// series-<kind>.csv (``SeriesBandTable``).
    public static func writeSeries(
        _ table: SeriesBandTable, clockOrigin: ClockTime, dialect: CSVDialect, to sink: inout FileSink
    ) throws {
        try write(
            header: table.header, records: table.rows.lazy.map { table.fields($0, clockOrigin: clockOrigin) },
            dialect: dialect, to: &sink)
    }

    /// series-policies.csv (``PolicySeriesTable``).
    public static func writePolicySeries(
        _ table: PolicySeriesTable, clockOrigin: ClockTime, dialect: CSVDialect, to sink: inout FileSink
    ) throws {
        try write(
            header: CSVSchema.policySeries, records: table.rows.lazy.map { table.fields($0, clockOrigin: clockOrigin) },
            dialect: dialect, to: &sink)
    }

    /// summary.csv.
    public static func writeSummary(
        _ rows: some Sequence<SummaryRow>, dialect: CSVDialect, to sink: inout FileSink
    ) throws {
        try write(header: CSVSchema.summary, records: rows.lazy.map(\.fields), dialect: dialect, to: &sink)
    }

    /// comparison.csv.
    public static func writeComparison(
        _ rows: some Sequence<ComparisonRow>, dialect: CSVDialect, to sink: inout FileSink
    ) throws {
        try write(
            header: CSVSchema.comparison, records: rows.lazy.map(\.fields), dialect: dialect, to: &sink)
    }

    /// sweep.csv; every row must carry one value per parameter path.
    public static func writeSweep(
        _ table: SweepTable, dialect: CSVDialect, to sink: inout FileSink
    ) throws {
        let width = table.parameterPaths.count
        if let bad = table.rows.first(where: { $0.parameterValues.count != width }) {
            throw OutputError(
                path: CSVSchema.sweepFile,
                message: "sweep point \(bad.point) has \(bad.parameterValues.count) parameter values (expected \(width), one per path: \(table.parameterPaths.joined(separator: ", ")))")
        }
        try write(
            header: CSVSchema.sweep(parameterPaths: table.parameterPaths),
            records: table.rows.lazy.map(\.fields), dialect: dialect, to: &sink)
    }

    /// Any table: header, then records, moved to the sink in chunks.
    public static func write(
        header: [String], records: some Sequence<[CSVField]>, dialect: CSVDialect,
        to sink: inout FileSink
    ) throws {
        var writer = CSVWriter(dialect: dialect)
        writer.writeHeader(header)
        for record in records {
            writer.writeRecord(record)
            if writer.bytes.count >= chunk { try sink.write(writer.takeBytes()) }
        }
        try sink.write(writer.takeBytes())
    }
}
