import Foundation

@testable import Output

/// Small, hand-made rows that exercise every column and the awkward cases: separators and
/// quotes in names, formula-like ids, negative numbers, undefined figures, unicode.
enum Fixtures {
    static let scenario = "6 avril 2021, \"école à la maison\""

    static let timeseries: [TimeseriesRow] = [
        TimeseriesRow(scenario: scenario, policy: "cap-120k", replication: 1, intervalStart: 0, entityKind: .platform, entityID: "ent-idf", metric: "desired_sessions", value: 1234.5),
        TimeseriesRow(scenario: scenario, policy: "cap-120k", replication: 1, intervalStart: 0, entityKind: .platform, entityID: "ent-idf", metric: "active_sessions", value: 1200),
        TimeseriesRow(scenario: scenario, policy: "cap-120k", replication: 1, intervalStart: 0, entityKind: .pool, entityID: "=ent-idf/web", metric: "utilization", value: 0.97),
        TimeseriesRow(scenario: scenario, policy: "cap-120k", replication: 1, intervalStart: 60, entityKind: .platform, entityID: "ent-idf", metric: "desired_sessions", value: 2.5e-7),
        TimeseriesRow(scenario: scenario, policy: "cap-120k", replication: 1, intervalStart: 60, entityKind: .platform, entityID: "ent-idf", metric: "attempts_per_success", value: nil),
        TimeseriesRow(scenario: scenario, policy: "cap-120k", replication: 2, intervalStart: 90.5, entityKind: .segment, entityID: "élèves; lycée", metric: "refused", value: -3.5),
    ]

    static let summary: [SummaryRow] = [
        SummaryRow(scenario: scenario, policy: "cap-120k", entityKind: .platform, entityID: "ent-idf", metric: "peak_active_sessions", unit: "sessions", mean: 119_876.25, sd: 812.0625, ci95HalfWidth: 1003.1, replications: 10),
        SummaryRow(scenario: scenario, policy: "cap-120k", entityKind: .run, entityID: "all", metric: "attempts_per_success", unit: "attempts", mean: 3.0, sd: nil, ci95HalfWidth: nil, replications: 1),
        SummaryRow(scenario: scenario, policy: "+no-cap", entityKind: .segment, entityID: "@parents", metric: "share_never_in", unit: "share", mean: 0.015, sd: 0.002, ci95HalfWidth: 0.0014, replications: 10),
        // Clock times: HH:MM next to the seconds (09:10:40 reads 09:11), none without a mean.
        SummaryRow(scenario: scenario, policy: "cap-120k", entityKind: .attack, entityID: "ddos-cned", metric: "attack_end_clock_s", unit: "s", mean: 33_040, sd: 95.5, ci95HalfWidth: 120.25, replications: 10),
        SummaryRow(scenario: scenario, policy: "cap-120k", entityKind: .attack, entityID: "ddos-cned", metric: "recovery_after_attack_s", unit: "s", mean: 600, sd: nil, ci95HalfWidth: nil, replications: 1),
        SummaryRow(scenario: scenario, policy: "cap-120k", entityKind: .pool, entityID: "=ent-idf/web", metric: "overload_onset_clock_s", unit: "s", mean: nil, sd: nil, ci95HalfWidth: nil, replications: 0),
    ]

    static let comparison: [ComparisonRow] = [
        ComparisonRow(policy: "no-cap", metric: "share_never_in", entityKind: .platform, entityID: "ent-idf", unit: "share", mean: 0.31, ci95HalfWidth: 0.02, diffVsBaseline: nil, diffCI95HalfWidth: nil, rank: 3),
        ComparisonRow(policy: "cap-120k", metric: "share_never_in", entityKind: .platform, entityID: "ent-idf", unit: "share", mean: 0.12, ci95HalfWidth: 0.015, diffVsBaseline: -0.19, diffCI95HalfWidth: 0.008, rank: 1),
        ComparisonRow(policy: "waiting-room", metric: "share_never_in", entityKind: .platform, entityID: "ent-idf", unit: "share", mean: 0.14, ci95HalfWidth: 0.017, diffVsBaseline: -0.17, diffCI95HalfWidth: 0.01, rank: 2),
    ]

    /// What the golden comparison.csv holds: `comparison`, then a censored saturation time.
    static let comparisonWithCensoring: [ComparisonRow] = comparison + [
        // A censored saturation time: never recovered in every run (no mean, worst rank), and a
        // policy never saturated in 2 of 3 runs, whose description holds the separator.
        ComparisonRow(policy: "no-cap", metric: "saturated_until_clock_s", entityKind: .platform, entityID: "ent-idf", unit: "s", mean: nil, ci95HalfWidth: nil, diffVsBaseline: nil, diffCI95HalfWidth: nil, rank: 3,
                      shareNeverSaturated: 0, shareNotRecovered: 1),
        ComparisonRow(policy: "cap-120k", metric: "saturated_until_clock_s", entityKind: .platform, entityID: "ent-idf", unit: "s", mean: 33_000, ci95HalfWidth: nil, diffVsBaseline: nil, diffCI95HalfWidth: nil, rank: 1,
                      shareNeverSaturated: 2.0 / 3.0, shareNotRecovered: 0, policyDescription: "at most 120,000 sessions; refused at the edge"),
    ]

    /// Each policy over the day: a platform's share with its band, a gap, one replication
    /// (no band), a group's count, a formula-like policy name.
    static let policySeries = PolicySeriesTable(rows: [
        .init(scenario: scenario, policy: "cap-120k", entityKind: .platform, entityID: "ent-idf", metric: "error_share", unit: "share",
              intervalStart: 0, cell: .init(mean: 0.25, low: 0.125, high: 0.375), replications: 3),
        .init(scenario: scenario, policy: "cap-120k", entityKind: .platform, entityID: "ent-idf", metric: "error_share", unit: "share",
              intervalStart: 60, cell: .init(mean: nil, low: nil, high: nil), replications: 0),
        .init(scenario: scenario, policy: "+no-cap", entityKind: .platform, entityID: "ent-idf", metric: "error_share", unit: "share",
              intervalStart: 0, cell: .init(mean: 2.5e-7, low: -0.0625, high: 0.0625), replications: 2),
        .init(scenario: scenario, policy: "cap-120k", entityKind: .segment, entityID: "pupils", metric: "first_ins", unit: "count",
              intervalStart: 90.5, cell: .init(mean: 1234.5, low: nil, high: nil), replications: 1),
        .init(scenario: scenario, policy: "cap-120k", entityKind: .platform, entityID: "*", metric: "refused", unit: "count",
              intervalStart: 3600, cell: .init(mean: 12, low: 10, high: 14), replications: 3),
    ])

    static let sweep = SweepTable(
        parameterPaths: ["platforms.ent-idf.gate.cap", "demand.multiplier"],
        rows: [
            SweepRow(point: 1, parameterValues: [.integer(100_000), .number(0.8)], metric: "share_never_in", entityKind: .platform, entityID: "ent-idf", unit: "share", mean: 0.05, ci95HalfWidth: 0.01),
            SweepRow(point: 2, parameterValues: [.integer(100_000), .number(1.2)], metric: "share_never_in", entityKind: .platform, entityID: "ent-idf", unit: "share", mean: 0.25, ci95HalfWidth: 0.02),
            SweepRow(point: 3, parameterValues: [.integer(150_000), .number(0.8)], metric: "share_never_in", entityKind: .platform, entityID: "ent-idf", unit: "share", mean: 0.01, ci95HalfWidth: 0.004),
            SweepRow(point: 4, parameterValues: [.integer(150_000), .number(1.2)], metric: "share_never_in", entityKind: .platform, entityID: "ent-idf", unit: "share", mean: 0.09, ci95HalfWidth: nil),
        ])

    static let manifest = Manifest(
        affluenceVersion: "0.1.0",
        commandLine: ["affluence", "run", "models/france-2021-04-06.yaml", "--seed", "42", "--set", "platforms.ent-idf.gate.cap=120000"],
        scenarioPath: "models/france-2021-04-06.yaml",
        scenarioSHA256: SHA256.hex(Array("scenario bytes".utf8)),
        scenarioName: "france-2021-04-06",
        overrides: ["platforms.ent-idf.gate.cap=120000", "replications=2"],
        policies: ["cap-120k"], seed: 42, replications: 2,
        streamDerivation: "MRG32k3a: stream per (seed, replication, source); replication r uses substream r",
        replicationStreams: [.init(replication: 1, stream: "substream 1"), .init(replication: 2, stream: "substream 2")],
        csvDialect: "standard")

    /// Writes every CSV file and the manifest of the fixtures into a fresh run folder.
    static func runFolder(_ dialect: CSVDialect, at url: URL) throws -> RunFolder {
        var folder = try RunFolder(url: url, dialect: dialect, clockOrigin: ClockTime(secondsOfDay: 6 * 3600))
        try folder.writeTimeseries(timeseries)
        try folder.writeTimeseriesWide(timeseries)
        try folder.writeSummary(summary)
        try folder.writeComparison(comparisonWithCensoring)
        try folder.writePolicySeries(policySeries)
        try folder.writeSweep(sweep)
        try folder.writeManifest(manifest)
        return folder
    }
}
