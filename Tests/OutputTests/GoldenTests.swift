import Foundation
import Testing

@testable import Output

/// Pins every file's bytes (headers, column order, both dialects) against files under
/// Golden/. Re-record after an intended change with `AFFLUENCE_RECORD_GOLDEN=1 swift test …`
/// and review the diff.
@Suite("Golden files: headers, column order and both dialects")
struct GoldenTests {
    static var recording: Bool { ProcessInfo.processInfo.environment["AFFLUENCE_RECORD_GOLDEN"] == "1" }

    /// The source folder, where recording writes.
    static let sourceFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden")

    static func check(_ bytes: [UInt8], golden name: String) throws {
        if recording {
            try Data(bytes).write(to: sourceFolder.appendingPathComponent(name))
            return
        }
        let folder = try #require(Bundle.module.url(forResource: "Golden", withExtension: nil))
        let url = folder.appendingPathComponent(name)
        let expected = try #require(try? Support.bytes(at: url), "missing golden file \(name); record it with AFFLUENCE_RECORD_GOLDEN=1")
        #expect(bytes == expected, "\(name) differs from its golden file:\n\(String(decoding: bytes, as: UTF8.self))")
    }

    static let files = [
        CSVSchema.timeseriesFile, CSVSchema.timeseriesWideFile, CSVSchema.summaryFile,
        CSVSchema.comparisonFile, CSVSchema.sweepFile, CSVSchema.policySeriesFile,
    ]

    @Test("each CSV file matches its golden bytes", arguments: CSVDialect.all)
    func csvFiles(dialect: CSVDialect) throws {
        let url = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: url) }
        let folder = try Fixtures.runFolder(dialect, at: url)
        for file in Self.files {
            try Self.check(try Support.bytes(at: folder.fileURL(file)), golden: "\(dialect.name)-\(file)")
        }
    }

    @Test("manifest.json matches its golden bytes")
    func manifest() throws {
        let url = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: url) }
        let folder = try Fixtures.runFolder(.standard, at: url)
        try Self.check(try Support.bytes(at: folder.fileURL(RunFolder.manifestFile)), golden: "manifest.json")
    }

    @Test("headers are the documented columns, in order")
    func headers() {
        #expect(CSVSchema.timeseries == ["scenario", "policy", "replication", "interval_start_clock", "interval_start_s", "entity_kind", "entity_id", "metric", "value"])
        #expect(CSVSchema.timeseriesWide(metrics: ["m1", "m2"]) == ["scenario", "policy", "replication", "interval_start_clock", "interval_start_s", "entity_kind", "entity_id", "m1", "m2"])
        #expect(CSVSchema.summary == ["scenario", "policy", "entity_kind", "entity_id", "metric", "unit", "mean", "sd", "ci95_half_width", "replications", "mean_clock"])
        #expect(CSVSchema.policySeries == ["scenario", "policy", "entity_kind", "entity_id", "metric", "unit", "interval_start_clock", "interval_start_s", "mean", "ci95_low", "ci95_high", "replications"])
        #expect(CSVSchema.comparison == ["policy", "metric", "entity_kind", "entity_id", "unit", "mean", "ci95_half_width", "diff_vs_baseline", "diff_ci95_half_width", "rank", "share_never_saturated", "share_not_recovered", "policy_description"])
        #expect(CSVSchema.sweep(parameterPaths: ["a.b", "c"]) == ["point", "a.b", "c", "metric", "entity_kind", "entity_id", "unit", "mean", "ci95_half_width"])
    }

    @Test("summary.csv spells a clock metric's mean HH:MM next to the seconds, in both dialects", arguments: CSVDialect.all)
    func clockColumn(dialect: CSVDialect) throws {
        let url = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: url) }
        let folder = try Fixtures.runFolder(dialect, at: url)
        let table = try CSVReader.table(at: folder.fileURL(CSVSchema.summaryFile), format: CSVFileFormat.of(fileName: CSVSchema.summaryFile))
        let clocks = Dictionary(uniqueKeysWithValues: table.records.map { ($0.text("metric") ?? "", $0.text("mean_clock") ?? "?") })
        #expect(clocks["attack_end_clock_s"] == "09:11")  // 33,040 s after midnight, to the nearest minute
        #expect(clocks["recovery_after_attack_s"] == "")  // a duration, not a clock time
        #expect(clocks["overload_onset_clock_s"] == "")   // no mean
        #expect(clocks["peak_active_sessions"] == "")
    }

    @Test("the wide file orders metric columns by first appearance in the long rows")
    func wideOrder() {
        let wide = TimeseriesWide(Fixtures.timeseries)
        #expect(wide.metrics == ["desired_sessions", "active_sessions", "utilization", "attempts_per_success", "refused"])
        #expect(wide.rows.count == 4)
        #expect(wide.rows[0].values == [1234.5, 1200, nil, nil, nil])
    }

    @Test("the same rows give the same bytes, and the dialects hold the same data")
    func determinism() throws {
        let first = try Support.temporaryFolder(), second = try Support.temporaryFolder(), french = try Support.temporaryFolder()
        defer { for url in [first, second, french] { try? FileManager.default.removeItem(at: url) } }
        let a = try Fixtures.runFolder(.standard, at: first)
        let b = try Fixtures.runFolder(.standard, at: second)
        let f = try Fixtures.runFolder(.excelFR, at: french)
        for file in Self.files + [RunFolder.manifestFile] {
            #expect(try Support.bytes(at: a.fileURL(file)) == Support.bytes(at: b.fileURL(file)), "\(file)")
        }
        for file in Self.files {
            let standard = try CSVReader.table(at: a.fileURL(file))
            let excel = try CSVReader.table(at: f.fileURL(file))
            #expect(excel.header.dialect == .excelFR)
            #expect(standard.header.columns == excel.header.columns)
            for (s, e) in zip(standard.records, excel.records) {
                for column in standard.header.columns {
                    let sameNumber = s.number(column) != nil && s.number(column) == e.number(column)
                    #expect(s.text(column) == e.text(column) || sameNumber, "\(file) \(column)")
                }
            }
        }
    }
}
