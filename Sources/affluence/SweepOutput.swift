import Experiments
import Foundation
import Output
import World

/// The files of a sweep folder: sweep.csv, report.html (heat maps), manifest.json; or, for
/// one shard, sweep-shard.json and a manifest. All written atomically, the manifest last.
enum SweepOutput {
    /// What the sweep was run on, for the manifest and the merged outputs.
    struct Origin {
        let model: String
        let scenarioName: String
        let startClock: Double
        let seed: UInt64
        let overrides: [String]
        let policy: String?
    }

    static func table(_ result: Sweep.Result) -> SweepTable {
        let plan = result.plan
        let rows = result.cells.map { cell in
            SweepRow(point: cell.point + 1, parameterValues: plan.points[cell.point].map(field),
                     metric: cell.metric, entityKind: Output.EntityKind(rawValue: cell.kind.rawValue) ?? .run,
                     entityID: cell.entity, unit: cell.metric == SLO.saturated ? "share" : MetricUnits.unit(of: cell.metric),
                     mean: cell.estimate.mean.isFinite ? cell.estimate.mean : nil,
                     ci95HalfWidth: cell.estimate.halfWidth.isFinite ? cell.estimate.halfWidth : nil)
        }
        return SweepTable(parameterPaths: plan.paths, rows: rows)
    }

    /// A parameter value as a CSV cell: whole numbers as integers, numbers as numbers, the rest as text.
    static func field(_ value: String) -> CSVField {
        if let i = Int(value) { return .integer(i) }
        if let x = Double(value), x.isFinite { return .number(x) }
        return .text(value)
    }

    static func manifest(_ origin: Origin, replications: Int, commandLine: [String]) -> Manifest {
        let hash = (try? SHA256.hex(ofFileAt: URL(fileURLWithPath: origin.model))) ?? ""
        return Manifest(
            affluenceVersion: AffluenceVersion.current, commandLine: commandLine, scenarioPath: origin.model,
            scenarioSHA256: hash, scenarioName: origin.scenarioName, overrides: origin.overrides,
            policies: [origin.policy ?? "base"], seed: origin.seed, replications: replications,
            streamDerivation: "common random numbers: replication r of every sweep point uses substream r of every source's stream",
            replicationStreams: (0..<replications).map { .init(replication: $0 + 1, stream: "substream \($0) of every source's stream, every point") },
            csvDialect: "standard")
    }

    /// sweep.csv, report.html and manifest.json of a whole sweep.
    ///
    /// The report reads its facts (scenario, seed, replications) from a manifest, which a
    /// folder gets only last; so it is built in a staging folder holding sweep.csv and a
    /// manifest, then copied — the same bytes whether the sweep ran whole or merged from shards.
    static func write(_ result: Sweep.Result, origin: Origin, to folder: URL, commandLine: [String]) throws -> [String] {
        let table = table(result)
        let final = manifest(origin, replications: result.plan.replications, commandLine: commandLine)
        let staging = FileManager.default.temporaryDirectory.appendingPathComponent("affluence-sweep-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: staging) }
        var draft = try RunFolder(url: staging, clockOrigin: ClockTime(secondsOfDay: origin.startClock))
        try draft.writeSweep(table)
        try draft.writeManifest(final)
        try draft.writeReport(manifest: final)
        let report = try Data(contentsOf: draft.fileURL(RunFolder.reportFile))

        var out = try RunFolder(url: folder, clockOrigin: ClockTime(secondsOfDay: origin.startClock))
        try out.writeSweep(table)
        try out.write(RunFolder.reportFile, bytes: Array(report))
        try out.writeManifest(final)
        return out.written
    }

    /// sweep-shard.json and manifest.json of one shard.
    static func writeShard(_ file: SweepShardFile, origin: Origin, to folder: URL, commandLine: [String]) throws -> [String] {
        var out = try RunFolder(url: folder, clockOrigin: ClockTime(secondsOfDay: origin.startClock))
        try out.write(SweepShardFile.fileName, bytes: Array(try file.encoded()))
        try out.writeManifest(manifest(origin, replications: file.plan.replications, commandLine: commandLine))
        return out.written
    }
}

/// Merges the folders of `affluence sweep --shard i/N` (every i of one N) into `folder`:
/// the sweep.csv and report.html the unsharded sweep writes, byte for byte, and a manifest
/// that differs from its only in the command line. For `affluence merge` to dispatch to when
/// a folder holds `sweep-shard.json`.
///
/// - Returns: the merged result and the names of the files written.
@discardableResult
func mergeSweepShards(folders: [URL], into folder: URL, commandLine: [String]) throws -> (Sweep.Result, [String]) {
    let shards = try SweepShardFile.read(folders: folders)
    let (header, result) = try SweepShardFile.merge(shards)
    let origin = SweepOutput.Origin(model: header.model, scenarioName: header.scenarioName, startClock: header.startClock,
                                    seed: header.seed, overrides: header.overrides, policy: header.policy)
    let written = try SweepOutput.write(result, origin: origin, to: folder, commandLine: commandLine)
    return (result, written)
}
