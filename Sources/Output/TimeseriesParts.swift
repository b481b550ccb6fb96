/// A run's timeseries rows as independent parts (one per replication), so that
/// timeseries.csv, timeseries-wide.csv and the report's digest of them are made on every
/// core after the simulations instead of on one.
///
/// Each part is formatted on its own into the bytes of its records (long and wide) and the
/// digest of its figures; parts are then written in order. The result equals formatting all
/// the rows at once because every record depends on its own row only, the wide columns are
/// fixed up front (`metrics`), no wide row spans two parts (its key holds the replication),
/// and the digest replays each part's figures in order (`TimeseriesDigest.Part`).
public struct TimeseriesParts: Sendable {
    /// How many parts there are.
    public let count: Int
    /// Every metric of the parts' rows, in order of first appearance: the wide file's columns.
    public let metrics: [String]
    /// Rows written to the long file after every part and left out of the wide file (the
    /// analytic twin's, which carry replication 0).
    public let longOnlyRows: [TimeseriesRow]
    /// The rows of part `index`, in file order. Called once per part, from any thread.
    public let rows: @Sendable (_ index: Int) -> [TimeseriesRow]

    public init(count: Int, metrics: [String], longOnlyRows: [TimeseriesRow] = [],
                rows: @escaping @Sendable (_ index: Int) -> [TimeseriesRow]) {
        self.count = count
        self.metrics = metrics
        self.longOnlyRows = longOnlyRows
        self.rows = rows
    }

    /// One part, ready to be written.
    struct Formatted: Sendable {
        var long: [UInt8]
        var wide: [UInt8]
        var digest: Result<TimeseriesDigest.Part, OutputError>
    }

    /// Formats part `index` (any thread).
    func format(_ index: Int, clockOrigin: ClockTime, dialect: CSVDialect) -> Formatted {
        let rows = rows(index)
        return Formatted(
            long: Self.longRecords(rows, clockOrigin: clockOrigin, dialect: dialect),
            wide: Self.wideRecords(TimeseriesWide(rows, metrics: metrics), clockOrigin: clockOrigin, dialect: dialect),
            digest: Result { () throws(OutputError) in try TimeseriesDigest.Part(rows: rows, clockOrigin: clockOrigin) })
    }

    /// Writes both files' headers, every part in order, then the long-only rows.
    func write(long: inout FileSink, wide: inout FileSink, digest: inout TimeseriesDigest,
               clockOrigin: ClockTime, dialect: CSVDialect, jobs: Int) throws {
        var header = CSVWriter(dialect: dialect)
        header.writeHeader(CSVSchema.timeseries)
        try long.write(header.takeBytes())
        header = CSVWriter(dialect: dialect)
        header.writeHeader(CSVSchema.timeseriesWide(metrics: metrics))
        try wide.write(header.takeBytes())
        try OrderedParallel.forEach(count: count, jobs: jobs, make: { format($0, clockOrigin: clockOrigin, dialect: dialect) }) { _, part in
            try long.write(part.long)
            try wide.write(part.wide)
            digest.merge(try part.digest.get())
        }
        try long.write(Self.longRecords(longOnlyRows, clockOrigin: clockOrigin, dialect: dialect))
        digest.merge(try TimeseriesDigest.Part(rows: longOnlyRows, clockOrigin: clockOrigin))
    }

    /// The long file's records of `rows`, without header or byte order mark.
    static func longRecords(_ rows: [TimeseriesRow], clockOrigin: ClockTime, dialect: CSVDialect) -> [UInt8] {
        var writer = CSVWriter(dialect: dialect, startsFile: false)
        // Rows come interval by interval: spell each interval's clock time once.
        var clock: (start: Double, text: String)?
        for row in rows {
            if clock?.start != row.intervalStart {
                clock = (row.intervalStart, ClockTime(origin: clockOrigin, plus: row.intervalStart).description)
            }
            writer.writeRecord(row.fields(clockText: clock?.text ?? ""))
        }
        return writer.bytes
    }

    /// The wide file's records, without header or byte order mark.
    static func wideRecords(_ wide: TimeseriesWide, clockOrigin: ClockTime, dialect: CSVDialect) -> [UInt8] {
        var writer = CSVWriter(dialect: dialect, startsFile: false)
        for row in wide.rows { writer.writeRecord(row.fields(clockOrigin: clockOrigin)) }
        return writer.bytes
    }
}
