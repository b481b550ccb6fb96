import Foundation
import Output
import Scenario
import World

/// Turns replications of one scenario (one policy) into the files of a run folder:
/// timeseries.csv (long), timeseries-wide.csv, summary.csv, series-<kind>.csv (averaged over
/// replications, one per entity kind), report.html, manifest.json.
///
/// Works from `ReplicationRecord`s, whether they were just run or read back from shard
/// folders by `affluence merge`: one path, so both write the same bytes.
public struct RunOutput: Sendable {
    /// The manifest to write (its `files` are filled in when written).
    public let manifest: Manifest
    /// The scenario's start (seconds from midnight), for the clock columns.
    public let startClock: Double
    public let records: [ReplicationRecord]
    public let aggregated: [AggregatedValue]
    /// The scenario run, for the analytic twin's rows (`affluence merge` reloads it).
    public let scenario: Scenario

    public init(manifest: Manifest, startClock: Double, records: [ReplicationRecord], scenario: Scenario) {
        self.manifest = manifest
        self.startClock = startClock
        self.records = records
        self.scenario = scenario
        aggregated = Aggregation.summarize(figures: records.map(\.summary))
    }

    public var scenarioName: String { manifest.scenarioName ?? "" }
    public var policyLabel: String { manifest.policies.first ?? "base" }

    /// The manifest of a run of `scenario` (`policies` is the policy run, or `base`).
    public static func manifest(scenario: Scenario, scenarioPath: String, seed: UInt64, replications: Int,
                         dialect: CSVDialect, commandLine: [String]) -> Manifest {
        manifest(scenarioPath: scenarioPath, scenarioSHA256: (try? SHA256.hex(ofFileAt: URL(fileURLWithPath: scenarioPath))) ?? "",
                 scenarioName: scenario.name, overrides: scenario.overrides.map(\.description),
                 policy: scenario.policy ?? "base", seed: seed, replications: replications, dialect: dialect.name,
                 commandLine: commandLine)
    }

    /// The manifest of a merged run, from its shards' common facts.
    public static func manifest(merging shard: ShardManifest, commandLine: [String]) -> Manifest {
        manifest(scenarioPath: shard.scenarioPath, scenarioSHA256: shard.scenarioSHA256, scenarioName: shard.scenarioName,
                 overrides: shard.overrides, policy: shard.policies.first ?? "base", seed: shard.seed,
                 replications: shard.replications, dialect: shard.csvDialect, commandLine: commandLine)
    }

    private static func manifest(scenarioPath: String, scenarioSHA256: String, scenarioName: String, overrides: [String],
                                 policy: String, seed: UInt64, replications: Int, dialect: String,
                                 commandLine: [String]) -> Manifest {
        Manifest(
            affluenceVersion: AffluenceVersion.current, commandLine: commandLine, scenarioPath: scenarioPath,
            scenarioSHA256: scenarioSHA256, scenarioName: scenarioName, overrides: overrides, policies: [policy], seed: seed,
            replications: replications, streamDerivation: streamDerivation,
            replicationStreams: (0..<replications).map { .init(replication: $0 + 1, stream: "substream \($0) of every source's stream") },
            csvDialect: dialect)
    }

    /// The shard manifest of part `shard` of this run: the manifest's facts plus the part.
    public static func shardManifest(_ manifest: Manifest, shard: Shard, startClock: Double) -> ShardManifest {
        ShardManifest(command: .run, shard: shard, items: manifest.replications, affluenceVersion: manifest.affluenceVersion,
                      commandLine: manifest.commandLine, scenarioPath: manifest.scenarioPath,
                      scenarioSHA256: manifest.scenarioSHA256, scenarioName: manifest.scenarioName ?? "",
                      overrides: manifest.overrides, policies: manifest.policies, seed: manifest.seed,
                      replications: manifest.replications, csvDialect: manifest.csvDialect, startClock: startClock)
    }

    /// The rows of `records[r]` (replication r + 1): by interval, then entity and metric.
    public func timeseriesRows(replication r: Int) -> [TimeseriesRow] {
        let run = records[r]
        let kinds = run.series.map { Output.EntityKind(rawValue: $0.kind) ?? .run }
        var rows: [TimeseriesRow] = []
        rows.reserveCapacity(run.series.reduce(0) { $0 + min($1.values.count, run.intervalCount) })
        for i in 0..<run.intervalCount {
            for (s, series) in run.series.enumerated() where i < series.values.count {
                let value = series.values[i]
                rows.append(TimeseriesRow(
                    scenario: scenarioName, policy: policyLabel, replication: r + 1,
                    intervalStart: Double(i) * run.interval, entityKind: kinds[s],
                    entityID: series.entity, metric: series.metric, value: value.isFinite ? value : nil))
            }
        }
        return rows
    }

    /// The timeseries rows as one part per replication, for `RunFolder.writeTimeseries(_:jobs:)`.
    public func timeseriesParts() -> TimeseriesParts {
        // Metrics in order of first appearance in the rows: a series with values appears at
        // its first interval, so that is its replication's series order, replication by
        // replication (empty series have no rows).
        var metrics: [String] = []
        var seen: Set<String> = []
        for run in records {
            for series in run.series where !series.values.isEmpty && run.intervalCount > 0 && seen.insert(series.metric).inserted {
                metrics.append(series.metric)
            }
        }
        let output = self
        // The analytic twin's rows go to the long file only (replication 0; see TwinTimeseries).
        return TimeseriesParts(count: records.count, metrics: metrics,
                               longOnlyRows: TwinTimeseries.rows(scenario: scenario, records: records, policy: policyLabel),
                               rows: { output.timeseriesRows(replication: $0) })
    }

    public func summaryRows() -> [SummaryRow] {
        aggregated.map { a in
            SummaryRow(scenario: scenarioName, policy: policyLabel, entityKind: Output.EntityKind(rawValue: a.kind.rawValue) ?? .run,
                       entityID: a.entity, metric: a.metric, unit: a.unit, mean: finite(a.estimate.mean),
                       sd: finite(a.estimate.standardDeviation), ci95HalfWidth: finite(a.estimate.halfWidth),
                       replications: a.estimate.count)
        }
    }

    /// Writes every file atomically: the CSV files, the report (built from them and the
    /// manifest), the manifest last (a folder with a manifest is complete).
    ///
    /// The timeseries files are formatted one replication per task on up to `jobs` threads
    /// (the same bytes for any `jobs`); the report takes their digest made on the way
    /// rather than reading timeseries.csv back.
    ///
    /// `ensemble`: the rows of ensemble.csv (`run --ensemble`), written before the report.
    public func write(to folder: URL, dialect: CSVDialect, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
               language: ReportLanguage = .en, ensemble: [EnsembleRow] = []) throws -> [String] {
        var out = try RunFolder(url: folder, dialect: dialect, clockOrigin: ClockTime(secondsOfDay: startClock))
        let digest = try out.writeTimeseries(timeseriesParts(), jobs: jobs)
        try out.writeSummary(summaryRows())
        try out.writeSeries(SeriesBands.tables(scenario: scenarioName,
                                               policies: [(policyLabel, records.map(SeriesBands.Replication.init))]))
        if !ensemble.isEmpty { try out.writeEnsemble(ensemble) }
        // Labels come from the scenario itself, so a merged run writes the same manifest.
        var manifest = self.manifest
        manifest.labels = scenario.labels.isEmpty ? nil : scenario.labels
        try out.writeReport(manifest: manifest, timeseries: digest, language: language)
        try out.writeManifest(manifest)
        return out.written
    }

    public static let streamDerivation = "MRG32k3a; source streams at FNV-1a(name) × 2^127 steps from the seed's start, replication r at r × 2^76 steps; each user draws from its own SplitMix64 position keyed by (source, serial)"

    private func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }
}
