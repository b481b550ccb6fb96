import Foundation

/// The files of a run folder that report.html is built from, read and checked.
///
/// With a manifest, only the CSV files it lists are read (and each must exist), so a
/// stale file left in the folder by an earlier run never reaches the page and
/// `affluence report DIR` reads exactly what the run did; they are read strictly
/// (`CSVFileFormat`) in the dialect the manifest declares, never past the size it records.
/// Without one (a writer building its page before the manifest exists), every known CSV
/// file present is read strictly in the dialect it shows.
struct ReportInputs {
    var manifest: Manifest?
    var digest: TimeseriesDigest?
    var summary: CSVTable?
    var comparison: CSVTable?
    var sweep: CSVTable?
    /// A comparison's series-policies.csv: each policy over the day.
    var policySeries: CSVTable?

    static let csvFiles = [
        CSVSchema.timeseriesFile, CSVSchema.summaryFile, CSVSchema.comparisonFile, CSVSchema.sweepFile,
    ]

    /// - Parameter timeseries: the digest of the folder's timeseries.csv when the caller
    ///   made it while writing the file (`TimeseriesDigest.Part`); read from the file if `nil`.
    init(folder: URL, manifest: Manifest?, timeseries: TimeseriesDigest? = nil) throws {
        self.manifest = manifest
        let listed = manifest.flatMap { $0.files.isEmpty ? nil : Set($0.files) }
        var dialect: CSVDialect?
        if let manifest {
            guard let declared = CSVDialect(name: manifest.csvDialect) else {
                throw OutputError(
                    path: folder.appendingPathComponent(RunFolder.manifestFile).path,
                    message: "csv_dialect is '\(manifest.csvDialect)' (expected \(CSVDialect.all.map(\.name).joined(separator: " or ")))")
            }
            dialect = declared
        }
        let file = { (name: String) throws -> URL? in
            let url = folder.appendingPathComponent(name)
            let exists = FileManager.default.fileExists(atPath: url.path)
            if let listed {
                guard listed.contains(name) else { return nil }
                guard exists else {
                    throw OutputError(
                        path: url.path,
                        message: "missing (expected it: manifest.json lists \(name) among the run's files)")
                }
                return url
            }
            return exists ? url : nil
        }
        let read = { (url: URL) throws -> CSVTable in
            let name = url.lastPathComponent
            return try CSVReader.table(
                at: url, dialect: dialect, format: CSVFileFormat.of(fileName: name),
                limit: manifest?.fileDigests?[name]?.bytes ?? ReadLimits.recordedFileBytes)
        }
        digest = try file(CSVSchema.timeseriesFile).map { url in
            try timeseries ?? TimeseriesDigest(
                contentsOf: url, dialect: dialect,
                limit: manifest?.fileDigests?[CSVSchema.timeseriesFile]?.bytes ?? ReadLimits.recordedFileBytes)
        }
        summary = try file(CSVSchema.summaryFile).map(read)
        comparison = try file(CSVSchema.comparisonFile).map(read)
        sweep = try file(CSVSchema.sweepFile).map(read)
        policySeries = try file(CSVSchema.policySeriesFile).map(read)
        guard digest != nil || summary != nil || comparison != nil || sweep != nil else {
            throw OutputError(
                path: folder.path,
                message: "no timeseries.csv, summary.csv, comparison.csv or sweep.csv (expected a run, compare or sweep folder)")
        }
    }

    /// The scenario's name: the manifest's, else the first one the CSV files carry.
    func scenario(fallback: String) -> String {
        manifest?.scenarioName ?? digest?.scenarios.first ?? summary?.records.first?.text("scenario") ?? fallback
    }

    /// Policies in first-appearance order: the manifest's, else the CSV files'.
    var policies: [String] {
        if let manifest { return manifest.policies }
        if let digest, !digest.policies.isEmpty { return digest.policies }
        var seen: [String] = []
        for record in (summary?.records ?? []) + (comparison?.records ?? []) {
            if let policy = record.text("policy"), !seen.contains(policy) { seen.append(policy) }
        }
        return seen
    }

    /// The baseline of a comparison: the manifest's first policy when the file agrees (no
    /// paired difference anywhere), else the one policy with a figure but no paired
    /// difference in every metric.
    func baseline(_ groups: [ReportComparison.Group]) -> String? {
        let isBaseline = { (policy: String) in
            groups.allSatisfy { group in group.entries.allSatisfy { $0.policy != policy || $0.diff == nil } }
        }
        if let first = manifest?.policies.first, groups.contains(where: { $0.entries.contains { $0.policy == first } }),
           isBaseline(first) {
            return first
        }
        let candidates = groups.first?.entries.map(\.policy) ?? []
        return candidates.first { policy in
            isBaseline(policy) && groups.contains { group in group.entries.contains { $0.policy == policy && $0.mean != nil } }
        } ?? candidates.first
    }
}

/// What the page calls an entity: its `label:` from the scenario (the manifest's `labels`),
/// else its id.
struct ReportNames: Sendable {
    var labels: [String: [String: String]] = [:]

    func callAsFunction(_ kind: String, _ id: String) -> String {
        labels[kind]?[id] ?? id
    }
}

extension ReportInputs {
    var names: ReportNames { ReportNames(labels: manifest?.labels ?? [:]) }
}
