import Foundation
import Testing

@testable import Output

@Suite("affluence report: report.html rebuilt from a folder's files")
struct ReportRegenerationTests {
    /// A run folder as the run command writes it: CSV files, report, manifest last.
    static func writeRun(_ dialect: CSVDialect, at root: URL, rows: [TimeseriesRow] = ReportTests.syntheticRows())
        throws -> Manifest
    {
        var folder = try RunFolder(url: root, dialect: dialect, clockOrigin: ClockTime(secondsOfDay: 6 * 3600))
        try folder.writeTimeseries(rows)
        try folder.writeTimeseriesWide(rows)
        try folder.writeSummary(saturationSummary)
        var manifest = Fixtures.manifest
        manifest.scenarioName = "synthetic"
        try folder.writeReport(manifest: manifest)
        try folder.writeManifest(manifest)
        return manifest
    }

    /// One platform that saturated in both replications and never recovered, one that did not.
    static let saturationSummary: [SummaryRow] = [
        SummaryRow(scenario: "synthetic", policy: "cap-120k", entityKind: .platform, entityID: "ent-idf", metric: "saturation_onset_clock_s", unit: "s", mean: 7 * 3600 + 31 * 60 + 40, sd: 30, ci95HalfWidth: 270, replications: 2),
        SummaryRow(scenario: "synthetic", policy: "cap-120k", entityKind: .platform, entityID: "ent-idf", metric: "saturated_until_clock_s", unit: "s", mean: nil, sd: nil, ci95HalfWidth: nil, replications: 0),
        SummaryRow(scenario: "synthetic", policy: "cap-120k", entityKind: .platform, entityID: "ent-idf", metric: "share_in_by_0900", unit: "share", mean: 0.4126, sd: 0.01, ci95HalfWidth: 0.09, replications: 2),
        SummaryRow(scenario: "synthetic", policy: "cap-120k", entityKind: .platform, entityID: "cned", metric: "saturation_onset_clock_s", unit: "s", mean: nil, sd: nil, ci95HalfWidth: nil, replications: 0),
        SummaryRow(scenario: "synthetic", policy: "cap-120k", entityKind: .platform, entityID: "cned", metric: "share_in_by_0900", unit: "share", mean: 1, sd: 0, ci95HalfWidth: 0, replications: 2),
    ]

    @Test("the rebuilt page is byte-identical to the one the run wrote", arguments: CSVDialect.all)
    func byteIdentical(dialect: CSVDialect) throws {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try Self.writeRun(dialect, at: root)
        let report = root.appendingPathComponent("report.html")
        let written = try Support.bytes(at: report)
        try FileManager.default.removeItem(at: report)
        try ReportPage.regenerate(folder: root)
        #expect(try Support.bytes(at: report) == written)
        let html = String(decoding: written, as: UTF8.self)
        // The manifest's facts are on the page the run wrote, not only on the rebuilt one.
        #expect(html.contains("<dt>Seed</dt><dd>42</dd>"))
        #expect(html.contains("<dt>Overrides</dt><dd>platforms.ent-idf.gate.cap=120000; replications=2</dd>"))
        #expect(html.contains("<dt>Clock window</dt><dd>06:00–06:05</dd>"))
    }

    @Test("the overview table gives clock times, 'not saturated' and shares in percent")
    func overview() throws {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try Self.writeRun(.standard, at: root)
        let html = try Support.text(at: root.appendingPathComponent("report.html"))
        #expect(html.contains("<h2 id=\"overview\">Platforms at a glance</h2>"))
        // 07:31:40 is 07:32 to the nearest minute; the run never recovered.
        #expect(html.contains("<td>ent-idf</td><td class=\"num\">07:32</td><td>not recovered</td><td class=\"num\">41.3%</td>"))
        #expect(html.contains("<td>cned</td><td>not saturated</td><td class=\"num\">–</td><td class=\"num\">100.0%</td>"))
    }

    @Test("a chart whose figures are all zero is named, not drawn; counts are per report interval")
    func zeroAllDayAndIntervalUnit() throws {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        var rows: [TimeseriesRow] = []
        for minute in 0..<4 {
            let t = Double(minute * 60)
            rows.append(TimeseriesRow(scenario: "z", policy: "base", replication: 1, intervalStart: t, entityKind: .platform, entityID: "lms", metric: "refused", value: 0))
            rows.append(TimeseriesRow(scenario: "z", policy: "base", replication: 1, intervalStart: t, entityKind: .platform, entityID: "lms", metric: "active_sessions", value: Double(minute)))
            rows.append(TimeseriesRow(scenario: "z", policy: "base", replication: 1, intervalStart: t, entityKind: .platform, entityID: "lms", metric: "pages_ok", value: Double(10 * minute)))
        }
        var folder = try RunFolder(url: root)
        try folder.writeTimeseries(rows)
        try folder.writeReport()
        let html = try Support.text(at: folder.fileURL("report.html"))
        #expect(!html.contains(">Logins, refusals and users giving up — platform lms</text>"))
        #expect(html.contains("Zero all day (not drawn): Logins, refusals and users giving up."))
        #expect(html.contains(">Pages served in time and timed out — platform lms</text>"))
        #expect(html.contains(">pages per 1 min</text>"))
    }

    @Test("with a manifest, a CSV file it does not list is left out (a stale file from an earlier run)")
    func staleFile() throws {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        var earlier = try RunFolder(url: root)
        try earlier.writeComparison(Fixtures.comparison)
        _ = try Self.writeRun(.standard, at: root)
        let html = try Support.text(at: try ReportPage.regenerate(folder: root))
        #expect(!html.contains("Policy comparison"))
    }

    @Test("a CSV file the manifest lists but that is missing is an error naming it")
    func missingListedFile() throws {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try Self.writeRun(.standard, at: root)
        try FileManager.default.removeItem(at: root.appendingPathComponent("summary.csv"))
        let error = #expect(throws: OutputError.self) { try ReportPage.regenerate(folder: root) }
        #expect(error?.path.hasSuffix("summary.csv") == true)
        #expect(error?.message.contains("missing (manifest.json lists it") == true)
    }

    @Test("a garbled number is an error naming the file, the line and the column", arguments: CSVDialect.all)
    func garbledNumber(dialect: CSVDialect) throws {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try Self.writeRun(dialect, at: root)
        let url = root.appendingPathComponent("timeseries.csv")
        var lines = try Support.text(at: url).components(separatedBy: "\r\n")
        // Line 3 of the file: the second record. Its value (last field) becomes text.
        var fields = lines[2].components(separatedBy: String(Character(Unicode.Scalar(dialect.separator))))
        let prefix = fields.dropLast().joined(separator: String(Character(Unicode.Scalar(dialect.separator))))
        fields[fields.count - 1] = "12O"
        lines[2] = fields.joined(separator: String(Character(Unicode.Scalar(dialect.separator))))
        try Data(lines.joined(separator: "\r\n").utf8).write(to: url)
        // The manifest's SHA-256 no longer matches: refused before the file is read.
        let sealed = #expect(throws: OutputError.self) { try ReportPage.regenerate(folder: root) }
        #expect(sealed?.path == url.path)
        // Behind a matching manifest, the reader names the cell.
        try Support.reseal(root)
        let error = #expect(throws: CSVError.self) { try ReportPage.regenerate(folder: root) }
        #expect(error?.file == "timeseries.csv")
        #expect(error?.line == 3)
        #expect(error?.column == prefix.utf8.count + 2)
        #expect(error?.message.contains("'12O' in column value") == true)
    }

    @Test("an unterminated quote is an error with its line and column")
    func unterminatedQuote() throws {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try Self.writeRun(.standard, at: root)
        let csv = "scenario,policy,replication,interval_start_clock,interval_start_s,entity_kind,entity_id,metric,value\r\n"
            + "s,base,1,06:00:00,0,platform,\"lms,active_sessions,3\r\n"
        try Data(csv.utf8).write(to: root.appendingPathComponent("timeseries.csv"))
        try Support.reseal(root)
        let error = #expect(throws: CSVError.self) { try ReportPage.regenerate(folder: root) }
        #expect(error?.line == 2)
        #expect(error?.column == 30)
    }

    @Test("a path that is not a folder, or a folder without run files, is an error naming it")
    func notARunFolder() throws {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("notes.txt")
        try Data("hello".utf8).write(to: file)
        let notFolder = #expect(throws: OutputError.self) { try ReportPage.regenerate(folder: file) }
        #expect(notFolder?.message.contains("not a folder") == true)
        let missing = #expect(throws: OutputError.self) { try ReportPage.regenerate(folder: root.appendingPathComponent("nope")) }
        #expect(missing?.message.contains("no such folder") == true)
        let empty = #expect(throws: OutputError.self) { try ReportPage.regenerate(folder: root) }
        #expect(empty?.path == root.path)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("report.html").path))
    }

    @Test("a manifest that does not decode is an error naming it")
    func badManifest() throws {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try Self.writeRun(.standard, at: root)
        try Data("{\"format_version\": 1}".utf8).write(to: root.appendingPathComponent("manifest.json"))
        let error = #expect(throws: OutputError.self) { try ReportPage.regenerate(folder: root) }
        #expect(error?.path.hasSuffix("manifest.json") == true)
    }
}
