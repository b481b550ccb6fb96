import Experiments
import Foundation
import Output
import World

/// The files of a sweep folder: sweep.csv, report.html (heat maps), manifest.json — written
/// by `affluence sweep` and, from shard folders, by `affluence merge` through the same
/// ``write(_:origin:to:commandLine:)``, so both write the same bytes. One shard of a sweep
/// writes a shard folder instead (results.json, shard.json; see `ShardFolder`).
enum SweepOutput {
    /// What the sweep was run on, for the manifest and the merged outputs.
    struct Origin {
        let model: String
        let scenarioName: String
        let startClock: Double
        let seed: UInt64
        let overrides: [String]
        let policy: String?
        /// The dialect sweep.csv is written in.
        let dialect: CSVDialect
        /// SHA-256 of the model file as it was run.
        let scenarioSHA256: String

        init(model: String, scenarioName: String, startClock: Double, seed: UInt64, overrides: [String], policy: String?,
             dialect: CSVDialect) {
            self.model = model
            self.scenarioName = scenarioName
            self.startClock = startClock
            self.seed = seed
            self.overrides = overrides
            self.policy = policy
            self.dialect = dialect
            scenarioSHA256 = (try? SHA256.hex(ofFileAt: URL(fileURLWithPath: model))) ?? ""
        }

        /// The origin the shards of a sweep share (their manifests agree on all of it).
        init(merging shard: ShardManifest, dialect: CSVDialect) {
            model = shard.scenarioPath
            scenarioName = shard.scenarioName
            startClock = shard.startClock
            seed = shard.seed
            overrides = shard.overrides
            policy = shard.policies.first.flatMap { $0 == "base" ? nil : $0 }
            scenarioSHA256 = shard.scenarioSHA256
            self.dialect = dialect
        }
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
        Manifest(
            affluenceVersion: AffluenceVersion.current, commandLine: commandLine, scenarioPath: origin.model,
            scenarioSHA256: origin.scenarioSHA256, scenarioName: origin.scenarioName, overrides: origin.overrides,
            policies: [origin.policy ?? "base"], seed: origin.seed, replications: replications,
            streamDerivation: "common random numbers: replication r of every sweep point uses substream r of every source's stream",
            replicationStreams: (0..<replications).map { .init(replication: $0 + 1, stream: "substream \($0) of every source's stream, every point") },
            csvDialect: origin.dialect.name)
    }

    /// sweep.csv, report.html and manifest.json of a whole sweep.
    ///
    /// The report reads its facts (scenario, seed, replications) from a manifest, which a
    /// folder gets only last; so it is built in a staging folder holding sweep.csv and a
    /// manifest, then copied — the same bytes whether the sweep ran whole or merged from shards.
    static func write(_ result: Sweep.Result, origin: Origin, to folder: URL, commandLine: [String],
                      language: ReportLanguage = .en) throws -> [String] {
        let table = table(result)
        let final = manifest(origin, replications: result.plan.replications, commandLine: commandLine)
        let staging = FileManager.default.temporaryDirectory.appendingPathComponent("affluence-sweep-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: staging) }
        var draft = try RunFolder(url: staging, dialect: origin.dialect, clockOrigin: ClockTime(secondsOfDay: origin.startClock))
        try draft.writeSweep(table)
        try draft.writeManifest(final)
        try draft.writeReport(manifest: final, language: language)
        let report = try Data(contentsOf: draft.fileURL(RunFolder.reportFile))

        var out = try RunFolder(url: folder, dialect: origin.dialect, clockOrigin: ClockTime(secondsOfDay: origin.startClock))
        try out.writeSweep(table)
        try out.write(RunFolder.reportFile, bytes: Array(report))
        try out.writeManifest(final)
        return out.written
    }

    /// The shard manifest of part `shard` of a sweep: the facts its manifest would hold,
    /// the plan, and which part this is.
    static func shardManifest(_ origin: Origin, plan: SweepPlan, shard: Shard, commandLine: [String]) -> ShardManifest {
        let whole = manifest(origin, replications: plan.replications, commandLine: commandLine)
        return ShardManifest(command: .sweep, shard: shard, items: plan.itemCount, affluenceVersion: whole.affluenceVersion,
                             commandLine: commandLine, scenarioPath: whole.scenarioPath, scenarioSHA256: whole.scenarioSHA256,
                             scenarioName: origin.scenarioName, overrides: whole.overrides, policies: whole.policies,
                             seed: whole.seed, replications: plan.replications, csvDialect: whole.csvDialect,
                             startClock: origin.startClock, plan: plan)
    }

    /// results.json (every metric value of the shard's items) and shard.json of one shard.
    static func writeShard(_ items: [Sweep.ItemResult], plan: SweepPlan, shard: Shard, origin: Origin, to folder: URL,
                           commandLine: [String]) throws -> [String] {
        try ShardFolder.write(shardManifest(origin, plan: plan, shard: shard, commandLine: commandLine),
                              ShardResults(sweepItems: items), to: folder)
    }
}
