/// The fixed column order of every CSV file a run writes.
///
/// Column order is part of the contract (scripts index by position as often as by name), so
/// it lives here once, is pinned by golden tests, and is documented column by column in
/// `docs/csv-format.md`. Append columns at the end; never reorder or rename.
public enum CSVSchema {
    public static let timeseriesFile = "timeseries.csv"
    public static let timeseriesWideFile = "timeseries-wide.csv"
    public static let summaryFile = "summary.csv"
    public static let comparisonFile = "comparison.csv"
    public static let sweepFile = "sweep.csv"
    /// Each compared policy over the day (``PolicySeriesTable``).
    public static let policySeriesFile = "series-policies.csv"

    /// The key columns shared by the long and wide timeseries files.
    public static let timeseriesKey = [
        "scenario", "policy", "replication", "interval_start_clock", "interval_start_s",
        "entity_kind", "entity_id",
    ]

    public static let timeseries = timeseriesKey + ["metric", "value"]

    /// `mean_clock` (appended last, as every new column): the mean of a clock metric as
    /// HH:MM, to the nearest minute; empty for any other metric.
    public static let summary = [
        "scenario", "policy", "entity_kind", "entity_id", "metric", "unit", "mean", "sd",
        "ci95_half_width", "replications", "mean_clock",
    ]

    /// The averaged series of one entity kind (``SeriesBandTable``).
    public static func seriesFile(_ kind: EntityKind) -> String { "series-\(kind.rawValue).csv" }

    /// The columns of a ``SeriesBandTable``: the keys, then each metric's mean and band.
    public static func series(metrics: [String]) -> [String] {
        ["scenario", "policy", "interval_start_clock", "interval_start_s", "entity_id"]
            + metrics.flatMap { [$0, $0 + "_ci95_low", $0 + "_ci95_high"] }
    }

    public static let policySeries = [
        "scenario", "policy", "entity_kind", "entity_id", "metric", "unit", "interval_start_clock", "interval_start_s",
        "mean", "ci95_low", "ci95_high", "replications",
    ]

    public static let comparison = [
        "policy", "metric", "entity_kind", "entity_id", "unit", "mean", "ci95_half_width",
        "diff_vs_baseline", "diff_ci95_half_width", "rank", "share_never_saturated", "share_not_recovered",
        "policy_description",
    ]

    /// The sweep columns after `point` and the parameter columns.
    public static let sweepTail = [
        "metric", "entity_kind", "entity_id", "unit", "mean", "ci95_half_width",
    ]

    /// `run --ensemble`: each summary figure pooled over the plausible set and the spread of
    /// its per-member means (docs/ensemble.md).
    public static let ensembleFile = "ensemble.csv"
    /// `compare --ensemble`: each policy against the baseline, member by member.
    public static let ensembleComparisonFile = "ensemble-comparison.csv"

    public static let ensemble = [
        "scenario", "policy", "entity_kind", "entity_id", "metric", "unit", "members", "members_with_value",
        "mean", "ci95_half_width", "between_p05", "between_p50", "between_p95",
    ]

    public static let ensembleComparison = [
        "metric", "entity_kind", "entity_id", "unit", "policy", "baseline", "members", "members_with_difference",
        "share_better_than_baseline", "diff_p05", "diff_p50", "diff_p95",
    ]

    /// The wide timeseries header for a list of metrics.
    public static func timeseriesWide(metrics: [String]) -> [String] {
        timeseriesKey + metrics
    }

    /// The sweep header for a list of varied parameter paths.
    public static func sweep(parameterPaths: [String]) -> [String] {
        ["point"] + parameterPaths + sweepTail
    }
}

extension TimeseriesRow {
    /// The key cells shared with the wide file.
    func keyFields(clockOrigin: ClockTime) -> [CSVField] {
        keyFields(clockText: ClockTime(origin: clockOrigin, plus: intervalStart).description)
    }

    /// The key cells, given the interval_start_clock cell (`ClockTime.description`).
    func keyFields(clockText: String) -> [CSVField] {
        [
            .text(scenario), .text(policy), .integer(replication), .text(clockText),
            .number(intervalStart), .text(entityKind.rawValue), .text(entityID),
        ]
    }

    /// The cells in `CSVSchema.timeseries` order.
    public func fields(clockOrigin: ClockTime) -> [CSVField] {
        keyFields(clockOrigin: clockOrigin) + [.text(metric), .number(value)]
    }

    /// The cells, given the interval_start_clock cell (`ClockTime.description`).
    func fields(clockText: String) -> [CSVField] {
        keyFields(clockText: clockText) + [.text(metric), .number(value)]
    }
}

extension SummaryRow {
    /// The cells in `CSVSchema.summary` order.
    public var fields: [CSVField] {
        [
            .text(scenario), .text(policy), .text(entityKind.rawValue), .text(entityID),
            .text(metric), .text(unit), .number(mean), .number(sd), .number(ci95HalfWidth),
            .integer(replications), .text(meanClock ?? ""),
        ]
    }

    /// The mean as HH:MM when the metric is a clock time (its unit in the catalogue).
    var meanClock: String? {
        guard ValueFormat.kind(ofMetric: metric, unit: unit) == .clock, let mean, mean.isFinite else { return nil }
        return ValueFormat.clock(mean)
    }
}

extension ComparisonRow {
    /// The cells in `CSVSchema.comparison` order.
    public var fields: [CSVField] {
        [
            .text(policy), .text(metric), .text(entityKind.rawValue), .text(entityID),
            .text(unit), .number(mean), .number(ci95HalfWidth), .number(diffVsBaseline),
            .number(diffCI95HalfWidth), .integer(rank), .number(shareNeverSaturated), .number(shareNotRecovered),
            .text(policyDescription),
        ]
    }
}

extension SweepRow {
    /// The cells in `CSVSchema.sweep(parameterPaths:)` order.
    public var fields: [CSVField] {
        [.integer(point)] + parameterValues + [
            .text(metric), .text(entityKind.rawValue), .text(entityID), .text(unit),
            .number(mean), .number(ci95HalfWidth),
        ]
    }
}
