import Foundation

/// timeseries.csv reduced to what the charts need: per series and interval, the mean, min
/// and max across replications.
///
/// Built while the file streams past, so memory grows with entities × metrics × intervals,
/// never with replications or the file's size. Only metrics the report plots are kept.
///
/// A run builds it from the rows it writes (`TimeseriesDigest.Part`) rather than reading
/// the file back; both ways give the same digest, hence the same report.html bytes.
public struct TimeseriesDigest: Sendable {
    struct SeriesKey: Hashable, Sendable {
        var entityKind: String
        var entityID: String
        var metric: String
        var policy: String
    }

    struct EntityKey: Hashable, Sendable {
        var kind: String
        var id: String
    }

    struct Cell: Sendable {
        var sum = 0.0
        var count = 0
        var min = Double.infinity
        var max = -Double.infinity

        mutating func add(_ value: Double) {
            sum += value
            count += 1
            min = Swift.min(min, value)
            max = Swift.max(max, value)
        }
    }

    /// Per series: x (seconds of day) → accumulated values.
    private(set) var cells: [SeriesKey: [Double: Cell]] = [:]
    /// Entities in first-appearance order.
    private(set) var entities: [EntityKey] = []
    private(set) var policies: [String] = []
    private(set) var scenarios: [String] = []
    private(set) var replications: Set<Int> = []
    private var seenEntities: Set<EntityKey> = []
    /// Every interval start seen in a plotted series.
    private var xs: Set<Double> = []

    init() {}

    /// Reads a timeseries file strictly (`CSVFileFormat`), in `dialect` when it is declared.
    init(contentsOf url: URL, dialect: CSVDialect? = nil, limit: Int = ReadLimits.recordedFileBytes) throws {
        var digest = TimeseriesDigest()
        let format = CSVFileFormat.of(fileName: CSVSchema.timeseriesFile)
        try CSVReader.forEachRecord(in: url, dialect: dialect, format: format, limit: limit) { record in
            try digest.add(record)
        }
        self = digest
    }

    mutating func add(_ record: CSVRecord) throws {
        let metric = try record.requireText("metric")
        let kind = try record.requireText("entity_kind")
        let id = try record.requireText("entity_id")
        let policy = record.text("policy") ?? ""
        let scenario = record.text("scenario") ?? ""
        noteKey(scenario: scenario, policy: policy, replication: try record.optionalNumber("replication"), kind: kind, id: id)
        guard ReportChartSpec.plottedMetrics.contains(metric) else { return }
        guard let value = try record.optionalNumber("value") else { return }
        add(value, to: SeriesKey(entityKind: kind, entityID: id, metric: metric, policy: policy), at: try Self.timeOfDay(record))
    }

    /// Records a row's scenario, policy, replication and entity (every row, plotted or not).
    mutating func noteKey(scenario: String, policy: String, replication: Double?, kind: String, id: String) {
        if !policies.contains(policy) { policies.append(policy) }
        if !scenarios.contains(scenario) { scenarios.append(scenario) }
        // Replication 0 holds the analytic twin's rows (docs/csv-format.md): not a replication.
        if let replication, replication >= 1 { replications.insert(Int(replication)) }
        let entity = EntityKey(kind: kind, id: id)
        if seenEntities.insert(entity).inserted { entities.append(entity) }
    }

    /// Records the scenarios, policies, replications and entities of rows digested after
    /// ours, in their order of first appearance.
    mutating func noteKeys(of later: TimeseriesDigest) {
        for policy in later.policies where !policies.contains(policy) { policies.append(policy) }
        for scenario in later.scenarios where !scenarios.contains(scenario) { scenarios.append(scenario) }
        replications.formUnion(later.replications)
        for entity in later.entities where seenEntities.insert(entity).inserted { entities.append(entity) }
    }

    /// Adds one plotted figure at `x` seconds of day.
    mutating func add(_ value: Double, to key: SeriesKey, at x: Double) {
        cells[key, default: [:]][x, default: Cell()].add(value)
        xs.insert(x)
    }

    /// The interval's start as seconds of day: the clock column, else the seconds column.
    static func timeOfDay(_ record: CSVRecord) throws -> Double {
        if let text = record.text("interval_start_clock"), !text.isEmpty {
            guard let clock = ClockTime(parsing: text) else {
                throw CSVError(
                    file: record.header.fileName, line: record.line,
                    column: record.header.index(of: "interval_start_clock").map(record.byteColumn(of:)) ?? 0,
                    message: "'\(text)' in column interval_start_clock (expected a time of day HH:MM:SS)")
            }
            return clock.secondsOfDay
        }
        guard let seconds = try record.optionalNumber("interval_start_s") else {
            throw CSVError(
                file: record.header.fileName, line: record.line, column: 0,
                message: "no interval start (expected interval_start_clock or interval_start_s)")
        }
        return seconds
    }

    /// The report interval: the shortest gap between interval starts; `nil` with one interval.
    var intervalLength: Double? {
        let sorted = xs.sorted()
        let gaps = zip(sorted.dropFirst(), sorted).map { $0 - $1 }.filter { $0 > 0 }
        return gaps.min()
    }

    /// The first interval's start and the last interval's end, in seconds of day.
    var window: (start: Double, end: Double)? {
        guard let first = xs.min(), let last = xs.max() else { return nil }
        return (first, last + (intervalLength ?? 0))
    }

    /// Entities sorted by kind (platform, pool, segment, attack, run, others), then first appearance.
    var orderedEntities: [EntityKey] {
        let rank: (String) -> Int = { kind in
            EntityKind(rawValue: kind).flatMap { EntityKind.allCases.firstIndex(of: $0) } ?? EntityKind.allCases.count
        }
        return entities.enumerated().sorted { lhs, rhs in
            (rank(lhs.element.kind), lhs.offset) < (rank(rhs.element.kind), rhs.offset)
        }.map(\.element)
    }

    func hasSeries(_ key: SeriesKey) -> Bool { cells[key] != nil }

    /// The chart series of one key: mean line, and the min–max band when replications vary.
    func series(_ key: SeriesKey, name: String) -> LineChart.Series? {
        guard let byX = cells[key], !byX.isEmpty else { return nil }
        let xs = byX.keys.sorted()
        var points: [LineChart.Point] = []
        var band: [LineChart.BandPoint] = []
        var multiple = false
        for x in xs {
            guard let cell = byX[x] else { continue }
            points.append(LineChart.Point(x: x, y: cell.sum / Double(cell.count)))
            band.append(LineChart.BandPoint(x: x, low: cell.min, high: cell.max))
            if cell.count > 1 { multiple = true }
        }
        return LineChart.Series(name: name, points: points, band: multiple ? band : [])
    }
}
