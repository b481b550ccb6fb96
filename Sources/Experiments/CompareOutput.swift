import Foundation
import Output

/// Turns a policy comparison into the files of its folder: comparison.csv, series-policies.csv
/// (each policy over the day), report.html, manifest.json. `affluence compare` and `affluence merge` (of compare shards) both write
/// through it, so both write the same bytes.
public struct CompareOutput {
    /// The manifest to write (its `files` are filled in when written).
    public let manifest: Manifest
    /// The scenario's start (seconds from midnight).
    public let startClock: Double
    public let result: Compare.Result

    /// The manifest of a comparison of `policies` of the scenario at `scenarioPath`.
    public static func manifest(scenarioPath: String, scenarioSHA256: String? = nil, scenarioName: String, overrides: [String],
                         policies: [String], seed: UInt64, replications: Int, dialect: CSVDialect,
                         commandLine: [String]) -> Manifest {
        Manifest(
            affluenceVersion: AffluenceVersion.current, commandLine: commandLine, scenarioPath: scenarioPath,
            scenarioSHA256: scenarioSHA256 ?? ((try? SHA256.hex(ofFileAt: URL(fileURLWithPath: scenarioPath))) ?? ""),
            scenarioName: scenarioName, overrides: overrides, policies: policies, seed: seed, replications: replications,
            streamDerivation: "common random numbers: replication k of every policy uses substream k of every source's stream and the same per-user positions",
            replicationStreams: (0..<replications).map { .init(replication: $0 + 1, stream: "substream \($0) of every source's stream, every policy") },
            csvDialect: dialect.name)
    }

    /// The manifest of a merged comparison, from its shards' common facts.
    public static func manifest(merging shard: ShardManifest, dialect: CSVDialect, commandLine: [String]) -> Manifest {
        manifest(scenarioPath: shard.scenarioPath, scenarioSHA256: shard.scenarioSHA256, scenarioName: shard.scenarioName,
                 overrides: shard.overrides, policies: shard.policies, seed: shard.seed, replications: shard.replications,
                 dialect: dialect, commandLine: commandLine)
    }

    /// The shard manifest of part `shard` of a comparison.
    public static func shardManifest(_ manifest: Manifest, shard: Shard, startClock: Double, baseline: String,
                              metrics: [CompareMetric], daySeries: [DaySeries]) -> ShardManifest {
        ShardManifest(command: .compare, shard: shard, items: manifest.policies.count * manifest.replications,
                      affluenceVersion: manifest.affluenceVersion, commandLine: manifest.commandLine,
                      scenarioPath: manifest.scenarioPath, scenarioSHA256: manifest.scenarioSHA256,
                      scenarioName: manifest.scenarioName ?? "", overrides: manifest.overrides, policies: manifest.policies,
                      seed: manifest.seed, replications: manifest.replications, csvDialect: manifest.csvDialect,
                      startClock: startClock, baseline: baseline, metrics: metrics.map(\.description), daySeries: daySeries)
    }

    public init(manifest: Manifest, startClock: Double, result: Compare.Result) {
        self.manifest = manifest
        self.startClock = startClock
        self.result = result
    }

    /// Writes every file atomically, the manifest last; `ensemble`: the rows of
    /// ensemble-comparison.csv (`compare --ensemble`), written before the report.
    public func write(to folder: URL, language: ReportLanguage = .en, ensemble: [EnsembleComparisonRow] = []) throws -> [String] {
        let dialect = CSVDialect(name: manifest.csvDialect) ?? .standard
        var output = try RunFolder(url: folder, dialect: dialect, clockOrigin: ClockTime(secondsOfDay: startClock))
        try output.writeComparison(Self.rows(result))
        if !result.daySeries.isEmpty {
            try output.writePolicySeries(Compare.seriesTable(
                scenario: manifest.scenarioName ?? "", series: result.daySeries, policies: result.policies, runs: result.dayRuns))
        }
        if !ensemble.isEmpty { try output.writeEnsembleComparison(ensemble) }
        var manifest = self.manifest
        manifest.labels = result.labels.isEmpty ? nil : result.labels
        try output.writeReport(manifest: manifest, language: language)
        try output.writeManifest(manifest)
        return output.written
    }

    /// The rows of comparison.csv.
    public static func rows(_ result: Compare.Result) -> [ComparisonRow] {
        result.entries.flatMap { row in
            row.map { e in
                ComparisonRow(policy: e.policy, metric: e.metric.metric,
                              entityKind: result.entityKinds[e.metric].flatMap(Output.EntityKind.init(rawValue:)) ?? .platform,
                              entityID: e.metric.entity, unit: e.metric.unit,
                              mean: finite(e.estimate.mean), ci95HalfWidth: finite(e.estimate.halfWidth),
                              diffVsBaseline: e.difference.flatMap { finite($0.mean) },
                              diffCI95HalfWidth: e.difference.flatMap { finite($0.halfWidth) },
                              rank: e.rank > 0 ? e.rank : nil,
                              shareNeverSaturated: e.metric.censoring == nil ? nil : e.share(e.neverSaturated),
                              shareNotRecovered: e.metric.censoring.map { $0 == .onset ? nil : e.share(e.notRecovered) } ?? nil,
                              policyDescription: result.descriptions[e.policy] ?? "")
            }
        }
    }
}

private func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }
