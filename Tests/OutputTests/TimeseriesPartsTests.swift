import Foundation
import Testing

@testable import Output

/// A run writes its timeseries files one replication per task and builds report.html from
/// the digest it made on the way; these tests hold that to the files written from all the
/// rows at once and to the page `affluence report` rebuilds by reading timeseries.csv back.
@Suite("timeseries files and report written by parts equal the ones written at once")
struct TimeseriesPartsTests {
    static let origin = ClockTime(secondsOfDay: 6 * 3600 + 0.7)

    /// Awkward rows over several replications: names that need quotes or the formula guard,
    /// every entity kind, a second policy, undefined figures, -0, integers, tiny and huge
    /// values, a series that stops early, a metric only a later replication has.
    static func replications(interval: Double) -> [[TimeseriesRow]] {
        var random = SplitMix64(state: 2021_04_06)
        let entities: [(EntityKind, String)] = [
            (.platform, "ent-idf"), (.platform, "=cned"), (.pool, "web, \"main\""), (.segment, "élèves; lycée"),
            (.attack, "ddos"), (.run, "all"),
        ]
        let metrics: [String] = ["desired_sessions", "active_sessions", "session_cap", "waiting_users", "refused", "utilization",
                       "p95_response_s", "attack_offered_per_s", "requests_served"]
        func value() -> Double? {
            switch random.below(8) {
            case 0: return nil
            case 1: return -0.0
            case 2: return Double(random.below(5000))
            case 3: return 0.1 + Double(random.below(7)) * 0.2
            case 4: return Double(random.below(1000)) * 1e-9
            case 5: return 1e17 + Double(random.below(3)) * 64
            case 6: return -Double(random.below(100)) / 3
            default: return Double(random.next() % 1_000_000) / 7
            }
        }
        return (1...4).map { (replication: Int) -> [TimeseriesRow] in
            var rows: [TimeseriesRow] = []
            let policy = replication == 4 ? "+cap" : "base"
            for i in 0..<30 {
                for (kind, id) in entities {
                    for metric in metrics where !(id == "ddos" && metric == "utilization" && i >= 20) {
                        rows.append(TimeseriesRow(scenario: "synthetic, \"parts\"", policy: policy, replication: replication,
                                                  intervalStart: Double(i) * interval, entityKind: kind, entityID: id,
                                                  metric: metric, value: value()))
                    }
                    if replication >= 3 {
                        rows.append(TimeseriesRow(scenario: "synthetic, \"parts\"", policy: policy, replication: replication,
                                                  intervalStart: Double(i) * interval, entityKind: kind, entityID: id,
                                                  metric: "pages_ok", value: value()))
                    }
                }
            }
            return rows
        }
    }

    /// Rows that go to the long file only (the analytic twin's, replication 0), one plotted.
    static func twinRows(interval: Double) -> [TimeseriesRow] {
        (0..<30).flatMap { (i: Int) -> [TimeseriesRow] in
            [TimeseriesRow(scenario: "synthetic, \"parts\"", policy: "base", replication: 0, intervalStart: Double(i) * interval,
                           entityKind: .pool, entityID: "web, \"main\"", metric: "utilization", value: Double(i) / 31),
             TimeseriesRow(scenario: "synthetic, \"parts\"", policy: "base", replication: 0, intervalStart: Double(i) * interval,
                           entityKind: .pool, entityID: "web, \"main\"", metric: "twin_wait_s", value: Double(i) / 3)]
        }
    }

    static func metricsInOrder(_ parts: [[TimeseriesRow]]) -> [String] {
        var seen: Set<String> = []
        return parts.joined().map(\.metric).filter { seen.insert($0).inserted }
    }

    static let files = [CSVSchema.timeseriesFile, CSVSchema.timeseriesWideFile, CSVSchema.summaryFile,
                        RunFolder.reportFile, RunFolder.manifestFile]

    @Test("every file is byte-identical to writing all rows at once, for any number of threads",
          arguments: CSVDialect.all, [1, 2, 3])
    func sameBytes(dialect: CSVDialect, jobs: Int) throws {
        // A 15 s interval puts four intervals in one minute; 0.25 s puts four in one clock second.
        for interval in [60, 15, 0.25] {
            let root = try Support.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: root) }
            let parts = Self.replications(interval: interval)
            let twin = Self.twinRows(interval: interval)
            var manifest = Fixtures.manifest
            manifest.replications = parts.count

            var whole = try RunFolder(url: root.appendingPathComponent("whole"), dialect: dialect, clockOrigin: Self.origin)
            try whole.writeTimeseries(Array(parts.joined()) + twin)
            try whole.writeTimeseriesWide(Array(parts.joined()))
            try whole.writeSummary(Fixtures.summary)
            try whole.writeReport(manifest: manifest)
            try whole.writeManifest(manifest)

            var byParts = try RunFolder(url: root.appendingPathComponent("parts"), dialect: dialect, clockOrigin: Self.origin)
            let digest = try byParts.writeTimeseries(
                TimeseriesParts(count: parts.count, metrics: Self.metricsInOrder(parts), longOnlyRows: twin, rows: { parts[$0] }),
                jobs: jobs)
            try byParts.writeSummary(Fixtures.summary)
            try byParts.writeReport(manifest: manifest, timeseries: digest)
            try byParts.writeManifest(manifest)

            #expect(byParts.written == whole.written)
            for file in Self.files {
                let expected = try Support.bytes(at: whole.fileURL(file))
                #expect(try Support.bytes(at: byParts.fileURL(file)) == expected, "\(file), interval \(interval) s")
            }
            // The page made from memory is the one `affluence report` rebuilds from the folder.
            let report = byParts.fileURL(RunFolder.reportFile)
            let fromMemory = try Support.bytes(at: report)
            try ReportPage.regenerate(folder: byParts.url)
            #expect(try Support.bytes(at: report) == fromMemory, "interval \(interval) s")
            // Not a vacuous page: charts with bands across replications.
            let html = String(decoding: fromMemory, as: UTF8.self)
            #expect(html.contains("class=\"band\""))
            #expect(html.contains("platform =cned"))
        }
    }

    @Test("the digest made from the parts equals the one read back from timeseries.csv, bit for bit",
          arguments: CSVDialect.all, [60, 0.25])
    func digestEqualsFile(dialect: CSVDialect, interval: Double) throws {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let parts = Self.replications(interval: interval)
        var folder = try RunFolder(url: root, dialect: dialect, clockOrigin: Self.origin)
        let fromMemory = try folder.writeTimeseries(
            TimeseriesParts(count: parts.count, metrics: Self.metricsInOrder(parts), longOnlyRows: Self.twinRows(interval: interval),
                            rows: { parts[$0] }),
            jobs: 2)
        let fromFile = try TimeseriesDigest(contentsOf: folder.fileURL(CSVSchema.timeseriesFile))
        #expect(fromMemory.entities == fromFile.entities)
        #expect(fromMemory.policies == fromFile.policies)
        #expect(fromMemory.scenarios == fromFile.scenarios)
        #expect(fromMemory.replications == fromFile.replications)
        #expect(Set(fromMemory.cells.keys) == Set(fromFile.cells.keys))
        #expect(fromMemory.cells.count >= 6)
        // Sums compared by bit pattern: adding the same values in another order would show.
        let bits = { (cell: TimeseriesDigest.Cell) in
            [cell.sum.bitPattern, UInt64(cell.count), cell.min.bitPattern, cell.max.bitPattern]
        }
        for (key, byX) in fromFile.cells {
            let mine = fromMemory.cells[key] ?? [:]
            #expect(Set(mine.keys) == Set(byX.keys), "\(key)")
            for (x, cell) in byX {
                #expect(mine[x].map(bits) == bits(cell), "\(key) at \(x)")
            }
        }
    }

    @Test("a part whose clock time the report could not read is an error naming timeseries.csv")
    func unreadableClock() throws {
        let row = TimeseriesRow(scenario: "s", policy: "base", replication: 1, intervalStart: -10, entityKind: .platform,
                                entityID: "lms", metric: "active_sessions", value: 1)
        let error = #expect(throws: OutputError.self) {
            _ = try TimeseriesDigest.Part(rows: [row], clockOrigin: .midnight)
        }
        #expect(error?.path == CSVSchema.timeseriesFile)
    }

    @Test("items made on several threads are consumed in index order", arguments: [1, 2, 3, 7])
    func orderedParallel(jobs: Int) {
        var seen: [Int] = []
        OrderedParallel.forEach(count: 10, jobs: jobs, make: { $0 * $0 }) { index, square in
            #expect(square == index * index)
            seen.append(index)
        }
        #expect(seen == Array(0..<10))
    }
}
