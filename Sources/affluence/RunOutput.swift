import Experiments
import Foundation
import Output
import Scenario
import World

/// Turns replications of one scenario (one policy) into the files of a run folder:
/// timeseries.csv (long), timeseries-wide.csv, summary.csv, report.html, manifest.json.
struct RunOutput {
    let scenario: Scenario
    let scenarioPath: String
    let runs: [RunResult]
    let aggregated: [AggregatedValue]
    let seed: UInt64

    var policyLabel: String { scenario.policy ?? "base" }

    /// Rows ordered by replication, then interval, then entity and metric.
    func timeseriesRows() -> [TimeseriesRow] {
        var rows: [TimeseriesRow] = []
        for (r, run) in runs.enumerated() {
            for i in 0..<run.intervalCount {
                for series in run.series where i < series.values.count {
                    let value = series.values[i]
                    rows.append(TimeseriesRow(
                        scenario: scenario.name, policy: policyLabel, replication: r + 1,
                        intervalStart: Double(i) * run.interval,
                        entityKind: Output.EntityKind(rawValue: series.kind.rawValue) ?? .run,
                        entityID: series.entity, metric: series.metric, value: value.isFinite ? value : nil))
                }
            }
        }
        return rows
    }

    func summaryRows() -> [SummaryRow] {
        aggregated.map { a in
            SummaryRow(scenario: scenario.name, policy: policyLabel, entityKind: Output.EntityKind(rawValue: a.kind.rawValue) ?? .run,
                       entityID: a.entity, metric: a.metric, unit: a.unit, mean: finite(a.estimate.mean),
                       sd: finite(a.estimate.standardDeviation), ci95HalfWidth: finite(a.estimate.halfWidth),
                       replications: a.estimate.count)
        }
    }

    /// Writes every file atomically, the manifest last (a folder with a manifest is complete).
    func write(to folder: URL, dialect: CSVDialect, commandLine: [String]) throws -> [String] {
        var out = try RunFolder(url: folder, dialect: dialect, clockOrigin: ClockTime(secondsOfDay: scenario.start))
        let rows = timeseriesRows()
        // The analytic twin's rows go to the long file only (replication 0; see TwinTimeseries).
        try out.writeTimeseries(rows + TwinTimeseries.rows(scenario: scenario, runs: runs, policy: policyLabel))
        try out.writeTimeseriesWide(rows)
        try out.writeSummary(summaryRows())
        try out.writeReport(title: scenario.name)
        let hash = (try? SHA256.hex(ofFileAt: URL(fileURLWithPath: scenarioPath))) ?? ""
        try out.writeManifest(Manifest(
            affluenceVersion: AffluenceVersion.current, commandLine: commandLine, scenarioPath: scenarioPath,
            scenarioSHA256: hash, scenarioName: scenario.name,
            overrides: scenario.overrides.map(\.description), policies: [policyLabel], seed: seed,
            replications: runs.count, streamDerivation: streamDerivation,
            replicationStreams: runs.indices.map { .init(replication: $0 + 1, stream: "substream \($0) of every source's stream") },
            csvDialect: dialect.name))
        return out.written
    }

    let streamDerivation = "MRG32k3a; source streams at FNV-1a(name) × 2^127 steps from the seed's start, replication r at r × 2^76 steps; each user draws from its own SplitMix64 position keyed by (source, serial)"

    private func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }
}
