import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@testable import Output

/// Class 6 of issue 19: a result folder whose files are not the ones its manifest vouches
/// for (a rerun stopped half-way, a full disk, an edited file) is refused by name.
@Suite("Sealed result folders: the manifest vouches for every file's bytes")
struct FolderSealTests {
    /// One way to damage a finished folder, and what the error must name.
    struct Damage: Sendable, CustomTestStringConvertible {
        let label: String
        /// The path the error names, relative to the folder.
        let names: String
        /// Words the message must hold.
        let says: String
        let apply: @Sendable (URL) throws -> Void
        var testDescription: String { label }
    }

    static func lines(_ url: URL) throws -> [String] {
        try Support.text(at: url).components(separatedBy: "\r\n")
    }

    static func dropLastRecord(_ url: URL) throws {
        var lines = try lines(url)
        lines.removeLast(2)  // the empty string after the final CR LF, then the last record
        try Data((lines.joined(separator: "\r\n") + "\r\n").utf8).write(to: url)
    }

    static func editManifest(_ folder: URL, _ change: (inout Manifest) -> Void) throws {
        let url = folder.appendingPathComponent("manifest.json")
        var manifest = try Manifest.decode(try Support.bytes(at: url))
        change(&manifest)
        try Data(try manifest.encoded()).write(to: url)
    }

    static func replaceWithSymlink(_ url: URL, to target: String) throws {
        try FileManager.default.removeItem(at: url)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    static func replaceWithFIFO(_ url: URL) throws {
        try FileManager.default.removeItem(at: url)
        #expect(mkfifo(url.path, 0o644) == 0)
    }

    static let damages: [Damage] = [
        Damage(label: "summary.csv cut at a record boundary", names: "summary.csv", says: "bytes, manifest.json records") {
            try dropLastRecord($0.appendingPathComponent("summary.csv"))
        },
        Damage(label: "timeseries.csv cut at a record boundary", names: "timeseries.csv", says: "bytes, manifest.json records") {
            try dropLastRecord($0.appendingPathComponent("timeseries.csv"))
        },
        Damage(label: "timeseries.csv cut mid-record", names: "timeseries.csv", says: "bytes, manifest.json records") {
            let url = $0.appendingPathComponent("timeseries.csv")
            try Data(try Support.bytes(at: url).dropLast(7)).write(to: url)
        },
        Damage(label: "a record appended to timeseries.csv", names: "timeseries.csv", says: "bytes, manifest.json records") {
            let url = $0.appendingPathComponent("timeseries.csv")
            try Data((try Support.text(at: url) + "s,p,1,06:00:00,0,platform,x,refused,1\r\n").utf8).write(to: url)
        },
        Damage(label: "one digit of summary.csv changed (same size)", names: "summary.csv", says: "SHA-256") {
            try Support.edit($0.appendingPathComponent("summary.csv"), replacing: "119876.25", with: "999999.25")
        },
        Damage(label: "one value of the wide file changed (a file the report does not read)", names: "timeseries-wide.csv", says: "SHA-256") {
            try Support.edit($0.appendingPathComponent("timeseries-wide.csv"), replacing: "1234.5", with: "9999.5")
        },
        Damage(label: "comparison.csv from another run (same size)", names: "comparison.csv", says: "SHA-256") {
            try Support.edit($0.appendingPathComponent("comparison.csv"), replacing: "0.31", with: "0.41")
        },
        Damage(label: "sweep.csv deleted", names: "sweep.csv", says: "missing (manifest.json lists it") {
            try FileManager.default.removeItem(at: $0.appendingPathComponent("sweep.csv"))
        },
        Damage(label: "summary.csv renamed", names: "summary.csv", says: "missing (manifest.json lists it") {
            try FileManager.default.moveItem(at: $0.appendingPathComponent("summary.csv"), to: $0.appendingPathComponent("summary-old.csv"))
        },
        Damage(label: "manifest.json deleted (a rerun stopped before its end)", names: "manifest.json", says: "stopped before the end") {
            try FileManager.default.removeItem(at: $0.appendingPathComponent("manifest.json"))
        },
        Damage(label: "a manifest without file digests (an earlier affluence)", names: "manifest.json", says: "records no size and SHA-256") {
            try editManifest($0) { $0.fileDigests = nil }
        },
        Damage(label: "a manifest whose digests and files disagree", names: "manifest.json", says: "file_digests names") {
            try editManifest($0) { $0.files.removeLast() }
        },
        Damage(label: "a manifest pointing outside the folder", names: "manifest.json", says: "lists the file '../summary.csv'") {
            try editManifest($0) { manifest in
                manifest.files = manifest.files.map { $0 == "summary.csv" ? "../summary.csv" : $0 }
                var digests = manifest.fileDigests ?? [:]
                digests["../summary.csv"] = digests.removeValue(forKey: "summary.csv")
                manifest.fileDigests = digests
            }
        },
        Damage(label: "a manifest with a garbled hash", names: "manifest.json", says: "64 lower-case hex digits") {
            try editManifest($0) { $0.fileDigests?["summary.csv"]?.sha256 = "not-a-hash" }
        },
        Damage(label: "a manifest claiming a petabyte", names: "manifest.json", says: "expected a size up to") {
            try editManifest($0) { $0.fileDigests?["timeseries.csv"]?.bytes = 1 << 50 }
        },
        Damage(label: "a manifest that is not JSON", names: "manifest.json", says: "not a run manifest") {
            try Data("{\"format_version\": 1".utf8).write(to: $0.appendingPathComponent("manifest.json"))
        },
        Damage(label: "summary.csv a symlink to /dev/zero", names: "summary.csv", says: "a character device, not a regular file") {
            try replaceWithSymlink($0.appendingPathComponent("summary.csv"), to: "/dev/zero")
        },
        Damage(label: "summary.csv a FIFO", names: "summary.csv", says: "a FIFO (named pipe), not a regular file") {
            try replaceWithFIFO($0.appendingPathComponent("summary.csv"))
        },
        Damage(label: "timeseries.csv a folder", names: "timeseries.csv", says: "a folder, not a regular file") {
            let url = $0.appendingPathComponent("timeseries.csv")
            try FileManager.default.removeItem(at: url)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        },
        Damage(label: "summary.csv a dangling symlink", names: "summary.csv", says: "a symbolic link to nothing readable") {
            try replaceWithSymlink($0.appendingPathComponent("summary.csv"), to: "/nonexistent/summary.csv")
        },
        Damage(label: "manifest.json a symlink to /dev/zero", names: "manifest.json", says: "a character device, not a regular file") {
            try replaceWithSymlink($0.appendingPathComponent("manifest.json"), to: "/dev/zero")
        },
        Damage(label: "manifest.json a FIFO", names: "manifest.json", says: "a FIFO (named pipe), not a regular file") {
            try replaceWithFIFO($0.appendingPathComponent("manifest.json"))
        },
    ]

    @Test("every damaged folder is refused, naming the file", arguments: damages)
    func damagedFolderIsRefused(damage: Damage) throws {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try Fixtures.runFolder(.standard, at: root)
        try ReportPage.regenerate(folder: root)  // the intact folder reads
        try damage.apply(root)
        let error = #expect(throws: OutputError.self) { try ReportPage.regenerate(folder: root) }
        #expect(error?.path == root.appendingPathComponent(damage.names).path, "\(String(describing: error))")
        #expect(error?.message.contains(damage.says) == true, "\(String(describing: error))")
    }

    @Test("a symlink to a regular file is read like the file")
    func symlinkToRegularFile() throws {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try Fixtures.runFolder(.standard, at: root)
        let summary = root.appendingPathComponent("summary.csv")
        let copy = root.appendingPathComponent("kept.csv")
        try FileManager.default.moveItem(at: summary, to: copy)
        try FileManager.default.createSymbolicLink(atPath: summary.path, withDestinationPath: copy.path)
        try ReportPage.regenerate(folder: root)
    }

    @Test("rewriting a folder removes its manifest before the first file changes")
    func manifestGoesFirst() throws {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try Fixtures.runFolder(.standard, at: root)
        struct DiskFull: Error {}
        var rerun = try RunFolder(url: root)
        #expect(FileManager.default.fileExists(atPath: rerun.fileURL("manifest.json").path))
        #expect(throws: DiskFull.self) { try rerun.write("summary.csv") { _ in throw DiskFull() } }
        #expect(!FileManager.default.fileExists(atPath: rerun.fileURL("manifest.json").path))
        let error = #expect(throws: OutputError.self) { try ReportPage.regenerate(folder: root) }
        #expect(error?.message.contains("stopped before the end") == true)
    }

    @Test("the manifest records each file's size and SHA-256, which match the bytes written")
    func digestsMatchBytes() throws {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = try Fixtures.runFolder(.excelFR, at: root)
        let manifest = try Manifest.decode(try Support.bytes(at: folder.fileURL("manifest.json")))
        let digests = try #require(manifest.fileDigests)
        #expect(digests.keys.sorted() == manifest.files)
        for name in manifest.files {
            #expect(digests[name] == FileDigest(of: try Support.bytes(at: folder.fileURL(name))), "\(name)")
        }
    }

    @Test("a changed report.html is rebuilt, and the folder stays sealed")
    func reportIsRebuilt() throws {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try ReportRegenerationTests.writeRun(.standard, at: root)
        let report = root.appendingPathComponent("report.html")
        let written = try Support.bytes(at: report)
        try Data("<p>edited</p>".utf8).write(to: report)
        try ReportPage.regenerate(folder: root)
        #expect(try Support.bytes(at: report) == written)
        // A page whose recorded digest differs (drawn by another version) is resealed.
        try Self.editManifest(root) { $0.fileDigests?["report.html"] = FileDigest(of: Array("older page".utf8)) }
        try ReportPage.regenerate(folder: root)
        let manifest = try Manifest.decode(try Support.bytes(at: root.appendingPathComponent("manifest.json")))
        #expect(manifest.fileDigests?["report.html"] == FileDigest(of: written))
        try ReportPage.regenerate(folder: root)
    }

    @Test("a new write removes the temporary files of writers that are gone, not of live ones")
    func staleTemporaries() throws {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = ".summary.csv.tmp-\(finished.processIdentifier)"
        let live = ".timeseries.csv.tmp-1"  // init: always running
        let other = ".notes.tmp-x"
        for name in [dead, live, other] {
            try Data("half".utf8).write(to: root.appendingPathComponent(name))
        }
        _ = try Fixtures.runFolder(.standard, at: root)
        let left = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".") }
        #expect(Set(left) == [live, other])
        #expect(AtomicFile.writerPID(ofTemporaryName: dead) == finished.processIdentifier)
        #expect(AtomicFile.writerPID(ofTemporaryName: ".tmp-12") == nil)
        #expect(AtomicFile.writerPID(ofTemporaryName: "summary.csv.tmp-12") == nil)
    }

    @Test("SHA-256 of a file written in chunks of every size equals the one-shot digest")
    func streamingHash() throws {
        var rng = SplitMix64(state: 19)
        let bytes = (0..<200_003).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        var start = 0
        var hasher = SHA256()
        while start < bytes.count {
            let end = min(bytes.count, start + 1 + rng.below(300))
            hasher.update(bytes[start..<end])  // contiguous slices
            start = end
        }
        var bytewise = SHA256()
        bytewise.update(AnySequence(bytes))  // the byte-by-byte path
        #expect(hasher.hexDigest() == SHA256.hex(bytes))
        #expect(bytewise.hexDigest() == SHA256.hex(bytes))
    }
}
