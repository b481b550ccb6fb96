import Experiments
import Foundation
import Output
import Scenario
import World

/// Turns replications of one scenario (one policy) into the files of a run folder:
/// timeseries.csv (long), timeseries-wide.csv, summary.csv, report.html, manifest.json.
///
/// Works from `ReplicationRecord`s, whether they were just run or read back from shard
/// folders by `affluence merge`: one path, so both write the same bytes.
struct RunOutput {
    /// The manifest to write (its `files` are filled in when written).
    let manifest: Manifest
    /// The scenario's start (seconds from midnight), for the clock columns.
    let startClock: Double
    let records: [ReplicationRecord]
    let aggregated: [AggregatedValue]
    /// The scenario run, for the analytic twin's rows (`affluence merge` reloads it).
    let scenario: Scenario

    init(manifest: Manifest, startClock: Double, records: [ReplicationRecord], scenario: Scenario) {
        self.manifest = manifest
        self.startClock = startClock
        self.records = records
        self.scenario = scenario
        aggregated = Aggregation.summarize(figures: records.map(\.summary))
    }

    var scenarioName: String { manifest.scenarioName ?? "" }
    var policyLabel: String { manifest.policies.first ?? "base" }

    /// The manifest of a run of `scenario` (`policies` is the policy run, or `base`).
    static func manifest(scenario: Scenario, scenarioPath: String, seed: UInt64, replications: Int,
                         dialect: CSVDialect, commandLine: [String]) -> Manifest {
        manifest(scenarioPath: scenarioPath, scenarioSHA256: (try? SHA256.hex(ofFileAt: URL(fileURLWithPath: scenarioPath))) ?? "",
                 scenarioName: scenario.name, overrides: scenario.overrides.map(\.description),
                 policy: scenario.policy ?? "base", seed: seed, replications: replications, dialect: dialect.name,
                 commandLine: commandLine)
    }

    /// The manifest of a merged run, from its shards' common facts.
    static func manifest(merging shard: ShardManifest, commandLine: [String]) -> Manifest {
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
    static func shardManifest(_ manifest: Manifest, shard: Shard, startClock: Double) -> ShardManifest {
        ShardManifest(command: .run, shard: shard, items: manifest.replications, affluenceVersion: manifest.affluenceVersion,
                      commandLine: manifest.commandLine, scenarioPath: manifest.scenarioPath,
                      scenarioSHA256: manifest.scenarioSHA256, scenarioName: manifest.scenarioName ?? "",
                      overrides: manifest.overrides, policies: manifest.policies, seed: manifest.seed,
                      replications: manifest.replications, csvDialect: manifest.csvDialect, startClock: startClock)
    }

    /// Rows ordered by replication, then interval, then entity and metric.
    func timeseriesRows() -> [TimeseriesRow] {
        var rows: [TimeseriesRow] = []
        for (r, run) in records.enumerated() {
            for i in 0..<run.intervalCount {
                for series in run.series where i < series.values.count {
                    let value = series.values[i]
                    rows.append(TimeseriesRow(
                        scenario: scenarioName, policy: policyLabel, replication: r + 1,
                        intervalStart: Double(i) * run.interval,
                        entityKind: Output.EntityKind(rawValue: series.kind) ?? .run,
                        entityID: series.entity, metric: series.metric, value: value.isFinite ? value : nil))
                }
            }
        }
        return rows
    }

    func summaryRows() -> [SummaryRow] {
        aggregated.map { a in
            SummaryRow(scenario: scenarioName, policy: policyLabel, entityKind: Output.EntityKind(rawValue: a.kind.rawValue) ?? .run,
                       entityID: a.entity, metric: a.metric, unit: a.unit, mean: finite(a.estimate.mean),
                       sd: finite(a.estimate.standardDeviation), ci95HalfWidth: finite(a.estimate.halfWidth),
                       replications: a.estimate.count)
        }
    }

    /// Writes every file atomically: the CSV files, the report (built from them and the
    /// manifest), the manifest last (a folder with a manifest is complete).
    func write(to folder: URL, dialect: CSVDialect) throws -> [String] {
        var out = try RunFolder(url: folder, dialect: dialect, clockOrigin: ClockTime(secondsOfDay: startClock))
        let rows = timeseriesRows()
        // The analytic twin's rows go to the long file only (replication 0; see TwinTimeseries).
        try out.writeTimeseries(rows + TwinTimeseries.rows(scenario: scenario, records: records, policy: policyLabel))
        try out.writeTimeseriesWide(rows)
        try out.writeSummary(summaryRows())
        try out.writeReport(manifest: manifest)
        try out.writeManifest(manifest)
        return out.written
    }

    static let streamDerivation = "MRG32k3a; source streams at FNV-1a(name) × 2^127 steps from the seed's start, replication r at r × 2^76 steps; each user draws from its own SplitMix64 position keyed by (source, serial)"

    private func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }
}
