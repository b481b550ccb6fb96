import Foundation

/// The folder one run writes into: creates it, writes every file atomically, remembers
/// what it wrote (name, size, SHA-256) so the manifest can vouch for it.
///
/// The first write removes the folder's previous manifest (`FolderSeal.unseal`); write the
/// CSV files, then the report (it reads them back, or takes the digest of timeseries.csv
/// made while writing it), then the manifest last: a folder with a manifest is a finished
/// run, and its manifest describes every file's bytes, so a folder where a rerun was
/// stopped half-way never passes for a finished one.
public struct RunFolder: Sendable {
    public let url: URL
    public let dialect: CSVDialect
    /// The scenario's start time of day, for the `interval_start_clock` columns.
    public let clockOrigin: ClockTime
    /// Names of the files written so far, in writing order.
    public private(set) var written: [String] = []
    /// Size and SHA-256 of each file written so far, by name.
    public private(set) var digests: [String: FileDigest] = [:]
    /// Whether the previous manifest is gone (before the first write).
    private var unsealed = false

    public static let manifestFile = "manifest.json"
    public static let reportFile = "report.html"

    /// Creates the folder (and its parents) if needed.
    public init(url: URL, dialect: CSVDialect = .standard, clockOrigin: ClockTime = .midnight) throws {
        self.url = url
        self.dialect = dialect
        self.clockOrigin = clockOrigin
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw OutputError(
                path: url.path, message: "cannot create the run folder (expected a writable path): \(error)")
        }
    }

    /// Where a file of this folder lives.
    public func fileURL(_ name: String) -> URL {
        url.appendingPathComponent(name)
    }

    /// Writes a file atomically and records its name.
    public mutating func write(_ name: String, _ body: (inout FileSink) throws -> Void) throws {
        try unsealOnce()
        noteWritten(name, try AtomicFile.write(to: fileURL(name), body))
    }

    /// Writes bytes atomically and records the name.
    public mutating func write(_ name: String, bytes: [UInt8]) throws {
        try write(name) { try $0.write(bytes) }
    }

    public mutating func writeTimeseries(_ rows: some Sequence<TimeseriesRow>) throws {
        let (origin, dialect) = (clockOrigin, dialect)
        try write(CSVSchema.timeseriesFile) {
            try CSVTables.writeTimeseries(rows, clockOrigin: origin, dialect: dialect, to: &$0)
        }
    }

    public mutating func writeTimeseriesWide(_ rows: some Sequence<TimeseriesRow>) throws {
        let (origin, dialect) = (clockOrigin, dialect)
        let wide = TimeseriesWide(rows)
        try write(CSVSchema.timeseriesWideFile) {
            try CSVTables.writeTimeseriesWide(wide, clockOrigin: origin, dialect: dialect, to: &$0)
        }
    }

    /// Writes timeseries.csv and timeseries-wide.csv from parts formatted on up to `jobs`
    /// threads, each file atomically, and returns the digest of timeseries.csv for the report.
    ///
    /// The bytes are those of `writeTimeseries(_:)` and `writeTimeseriesWide(_:)` given all
    /// the rows at once, whatever `jobs` is (see `TimeseriesParts`).
    public mutating func writeTimeseries(_ parts: TimeseriesParts, jobs: Int) throws -> TimeseriesDigest {
        let (origin, dialect) = (clockOrigin, dialect)
        var digest = TimeseriesDigest()
        try unsealOnce()
        var wideFile: FileDigest?
        let longFile = try AtomicFile.write(to: fileURL(CSVSchema.timeseriesFile)) { long in
            wideFile = try AtomicFile.write(to: fileURL(CSVSchema.timeseriesWideFile)) { wide in
                try parts.write(long: &long, wide: &wide, digest: &digest, clockOrigin: origin, dialect: dialect, jobs: jobs)
            }
        }
        noteWritten(CSVSchema.timeseriesFile, longFile)
        if let wideFile { noteWritten(CSVSchema.timeseriesWideFile, wideFile) }
        return digest
    }

    /// Lists a file as written (once, in writing order) with the digest of its bytes.
    private mutating func noteWritten(_ name: String, _ digest: FileDigest) {
        if !written.contains(name) { written.append(name) }
        digests[name] = digest
    }

    /// Removes the previous manifest before the first file changes.
    private mutating func unsealOnce() throws {
        guard !unsealed else { return }
        try FolderSeal.unseal(url, manifest: Self.manifestFile)
        unsealed = true
    }

    /// Writes one series-<kind>.csv per table.
    public mutating func writeSeries(_ tables: [SeriesBandTable]) throws {
        let (dialect, origin) = (dialect, clockOrigin)
        for table in tables {
            try write(table.fileName) { try CSVTables.writeSeries(table, clockOrigin: origin, dialect: dialect, to: &$0) }
        }
    }

    /// Writes series-policies.csv.
    public mutating func writePolicySeries(_ table: PolicySeriesTable) throws {
        let (dialect, origin) = (dialect, clockOrigin)
        try write(CSVSchema.policySeriesFile) { try CSVTables.writePolicySeries(table, clockOrigin: origin, dialect: dialect, to: &$0) }
    }

    public mutating func writeSummary(_ rows: some Sequence<SummaryRow>) throws {
        let dialect = dialect
        try write(CSVSchema.summaryFile) { try CSVTables.writeSummary(rows, dialect: dialect, to: &$0) }
    }

    public mutating func writeComparison(_ rows: some Sequence<ComparisonRow>) throws {
        let dialect = dialect
        try write(CSVSchema.comparisonFile) {
            try CSVTables.writeComparison(rows, dialect: dialect, to: &$0)
        }
    }

    public mutating func writeSweep(_ table: SweepTable) throws {
        let dialect = dialect
        try write(CSVSchema.sweepFile) { try CSVTables.writeSweep(table, dialect: dialect, to: &$0) }
    }

    /// Builds report.html from the CSV files written so far.
    ///
    /// - Parameter manifest: the manifest the run will write last (its `files` are ignored:
    ///   the page reads the files written so far). Pass the same one to `writeManifest`, so
    ///   `affluence report` rebuilds the same bytes from manifest.json.
    /// - Parameter timeseries: the digest `writeTimeseries(_:jobs:)` returned, so the page
    ///   is built without reading timeseries.csv back (same bytes either way).
    public mutating func writeReport(
        manifest: Manifest? = nil, timeseries: TimeseriesDigest? = nil, language: ReportLanguage = .en
    ) throws {
        var known = manifest
        known?.files = written.sorted()
        known?.csvDialect = dialect.name
        let html = try ReportPage.build(folder: url, manifest: known, timeseries: timeseries, language: language)
        try write(Self.reportFile, bytes: Array(html.utf8))
    }

    /// Writes manifest.json with `files` set to everything written before it, sorted, and
    /// the size and SHA-256 of each.
    public mutating func writeManifest(_ manifest: Manifest) throws {
        var complete = manifest
        complete.files = written.filter { $0 != Self.manifestFile }.sorted()
        complete.fileDigests = digests.filter { $0.key != Self.manifestFile }
        complete.csvDialect = dialect.name
        try write(Self.manifestFile, bytes: try complete.encoded())
    }
}
