import Foundation

extension ReportPage {
    /// Rebuilds report.html of a run, compare or sweep folder from its files alone
    /// (`affluence report DIR`): the same bytes the run wrote, when the files are unchanged.
    ///
    /// Reads manifest.json when present (its facts and its list of files), then the CSV
    /// files in either dialect, and writes report.html atomically.
    /// - Returns: the report's URL.
    /// - Throws: `OutputError` when the path is not a folder, holds no CSV file of a run,
    ///   misses a file the manifest lists or has a manifest that does not decode;
    ///   `CSVError` naming the file, line and column of a CSV file that does not read.
    @discardableResult
    public static func regenerate(folder: URL) throws -> URL {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else {
            throw OutputError(path: folder.path, message: "no such folder (expected a run, compare or sweep folder)")
        }
        guard isDirectory.boolValue else {
            throw OutputError(path: folder.path, message: "not a folder (expected a run, compare or sweep folder)")
        }
        let manifestURL = folder.appendingPathComponent(RunFolder.manifestFile)
        var manifest: Manifest?
        if FileManager.default.fileExists(atPath: manifestURL.path) {
            manifest = try Manifest.decode(Array(try Data(contentsOf: manifestURL)), path: manifestURL.path)
        }
        let html = try build(folder: folder, manifest: manifest)
        let url = folder.appendingPathComponent(RunFolder.reportFile)
        try AtomicFile.write(Array(html.utf8), to: url)
        return url
    }
}
