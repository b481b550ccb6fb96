import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension ReportPage {
    /// Rebuilds report.html of a run, compare or sweep folder from its files alone
    /// (`affluence report DIR`): the same bytes the run wrote, when the files are unchanged.
    ///
    /// Only a finished, intact folder is read: manifest.json must be there (it is written
    /// last), and every file it lists but report.html (which is about to be rebuilt) must
    /// have the size and SHA-256 it records (`FolderSeal.verify`). Then the CSV files are
    /// read strictly in the manifest's dialect, and report.html is written atomically. When
    /// the page's bytes differ from the recorded ones (an affluence that draws differently),
    /// the folder is sealed again: manifest removed, page written, manifest rewritten with
    /// the page's new digest, so the folder stays checkable.
    /// - Returns: the report's URL.
    /// - Throws: `OutputError` when the path is not a folder, has no manifest, has a
    ///   manifest that does not decode or records no digests, or a file that does not match
    ///   it; `CSVError` naming the file, line and column of a CSV file that does not read.
    @discardableResult
    public static func regenerate(folder: URL, language: ReportLanguage = .en) throws -> URL {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else {
            throw OutputError(path: folder.path, message: "no such folder (expected a run, compare or sweep folder)")
        }
        guard isDirectory.boolValue else {
            throw OutputError(path: folder.path, message: "not a folder (expected a run, compare or sweep folder)")
        }
        var manifest = try readSealedManifest(folder)
        var digests = try manifest.sealedDigests(path: folder.appendingPathComponent(RunFolder.manifestFile).path)
        try FolderSeal.verify(folder, digests: digests.filter { $0.key != RunFolder.reportFile }, manifest: RunFolder.manifestFile)
        let html = Array(try build(folder: folder, manifest: manifest, language: language).utf8)
        let url = folder.appendingPathComponent(RunFolder.reportFile)
        let page = FileDigest(of: html)
        if digests[RunFolder.reportFile] == page {
            try AtomicFile.write(html, to: url)
            return url
        }
        try FolderSeal.unseal(folder, manifest: RunFolder.manifestFile)
        digests[RunFolder.reportFile] = try AtomicFile.write(html, to: url)
        manifest.fileDigests = digests
        manifest.files = digests.keys.sorted()
        try AtomicFile.write(try manifest.encoded(), to: folder.appendingPathComponent(RunFolder.manifestFile))
        return url
    }

    /// The folder's manifest.json, which must exist: a folder without one was interrupted
    /// while being written (the manifest goes first and comes back last) or is not a result
    /// folder.
    static func readSealedManifest(_ folder: URL) throws -> Manifest {
        let url = folder.appendingPathComponent(RunFolder.manifestFile)
        var status = stat()
        guard lstat(url.path, &status) == 0 else {
            guard errno == ENOENT else { throw OutputError(path: url.path, message: "cannot examine the manifest (\(AtomicFile.errnoText()))") }
            let hasData = ReportInputs.csvFiles.contains { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
            throw OutputError(
                path: hasData ? url.path : folder.path,
                message: hasData
                    ? "missing (expected the manifest a finished run, compare or sweep writes last: the run writing this folder was stopped before the end, so its files may mix two runs; rerun the command)"
                    : "no manifest.json, timeseries.csv, summary.csv, comparison.csv or sweep.csv (expected a run, compare or sweep folder)")
        }
        return try Manifest.decode(try StrictFile.read(url, limit: ReadLimits.metadataBytes), path: url.path)
    }
}
