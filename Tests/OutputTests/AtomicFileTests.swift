import Foundation
import Testing

@testable import Output

@Suite("Atomic files and the run folder")
struct AtomicFileTests {
    struct Interrupted: Error {}

    func contents(of folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test("a writer that throws midway leaves no file with the final name and no temporary")
    func interruptedWrite() throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("summary.csv")
        #expect(throws: Interrupted.self) {
            try AtomicFile.write(to: target) { sink in
                try sink.write(Array(repeating: UInt8(ascii: "x"), count: 200_000))  // past a flush
                #expect(FileManager.default.fileExists(atPath: AtomicFile.temporaryURL(for: target).path))
                #expect(!FileManager.default.fileExists(atPath: target.path))
                throw Interrupted()
            }
        }
        #expect(try contents(of: folder) == [])
    }

    @Test("an interrupted rewrite keeps the previous complete file")
    func interruptedRewrite() throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("timeseries.csv")
        try AtomicFile.write(Array("old\r\n".utf8), to: target)
        #expect(throws: Interrupted.self) {
            try AtomicFile.write(to: target) { sink in
                try sink.write("new")
                throw Interrupted()
            }
        }
        #expect(try Support.text(at: target) == "old\r\n")
        #expect(try contents(of: folder) == ["timeseries.csv"])
    }

    @Test("the temporary name is a dot-file in the same folder, tagged with the process id")
    func temporaryName() {
        let url = URL(fileURLWithPath: "/runs/a/summary.csv")
        let temporary = AtomicFile.temporaryURL(for: url)
        #expect(temporary.deletingLastPathComponent().path == "/runs/a")
        #expect(temporary.lastPathComponent == ".summary.csv.tmp-\(ProcessInfo.processInfo.processIdentifier)")
    }

    @Test("the run folder creates its directory, lists what it wrote, and skips failed files")
    func runFolderListing() throws {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        var folder = try RunFolder(url: root.appendingPathComponent("nested/run-1"))
        try folder.writeSummary(Fixtures.summary)
        #expect(throws: Interrupted.self) {
            try folder.write("comparison.csv") { _ in throw Interrupted() }
        }
        try folder.writeTimeseries(Fixtures.timeseries)
        try folder.writeManifest(Fixtures.manifest)
        #expect(folder.written == ["summary.csv", "timeseries.csv", "manifest.json"])
        #expect(try contents(of: folder.url) == ["manifest.json", "summary.csv", "timeseries.csv"])
        let manifest = try Manifest.decode(try Support.bytes(at: folder.fileURL("manifest.json")))
        #expect(manifest.files == ["summary.csv", "timeseries.csv"])
    }

    @Test("a sweep row with the wrong number of parameter values is refused before writing")
    func sweepWidth() throws {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        var folder = try RunFolder(url: root)
        var table = Fixtures.sweep
        table.rows[1].parameterValues = [.integer(1)]
        let error = #expect(throws: OutputError.self) { try folder.writeSweep(table) }
        #expect(error?.message.contains("sweep point 2 has 1 parameter values (expected 2") == true)
        #expect(try contents(of: root) == [])
    }

    @Test("large tables stream through the sink in chunks and read back whole")
    func streaming() throws {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        var folder = try RunFolder(url: root, dialect: .excelFR)
        let rows = (0..<20_000).lazy.map { index in
            TimeseriesRow(scenario: "s", policy: "p", replication: 1 + index % 3, intervalStart: Double(index / 3 * 60), entityKind: .pool, entityID: "pool-\(index % 7)", metric: "utilization", value: Double(index) / 20_000)
        }
        try folder.writeTimeseries(rows)
        var count = 0
        var last = -1.0
        try CSVReader.forEachRecord(in: folder.fileURL("timeseries.csv")) { record in
            count += 1
            last = try record.requireNumber("value")
        }
        #expect(count == 20_000)
        #expect(last == 19_999.0 / 20_000)
    }
}
