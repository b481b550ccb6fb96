/// One figure of one entity in one report interval of one replication (timeseries.csv).
///
/// Long format: one row per figure, so adding a metric never changes the columns and a
/// spreadsheet pivot or `pandas.pivot_table` gets any view. Metric names carry their unit
/// as a suffix (`p95_response_s`, `attack_offered_per_s`).
public struct TimeseriesRow: Sendable, Hashable {
    public var scenario: String
    public var policy: String
    /// 1-based replication number.
    public var replication: Int
    /// Start of the report interval, seconds from the scenario start.
    public var intervalStart: Double
    public var entityKind: EntityKind
    public var entityID: String
    public var metric: String
    /// The figure; `nil` when undefined in that interval (no successes, no requests).
    public var value: Double?

    public init(
        scenario: String, policy: String, replication: Int, intervalStart: Double,
        entityKind: EntityKind, entityID: String, metric: String, value: Double?
    ) {
        self.scenario = scenario
        self.policy = policy
        self.replication = replication
        self.intervalStart = intervalStart
        self.entityKind = entityKind
        self.entityID = entityID
        self.metric = metric
        self.value = value
    }
}

/// One metric of one entity over all replications of one policy (summary.csv).
public struct SummaryRow: Sendable, Hashable {
    public var scenario: String
    public var policy: String
    public var entityKind: EntityKind
    public var entityID: String
    public var metric: String
    /// The unit of `mean`, `sd` and `ci95HalfWidth` (`s`, `users`, `share`…).
    public var unit: String
    public var mean: Double?
    /// Sample standard deviation across replications; `nil` with one replication.
    public var sd: Double?
    /// Half-width of the Student-t 95% confidence interval of the mean.
    public var ci95HalfWidth: Double?
    public var replications: Int

    public init(
        scenario: String, policy: String, entityKind: EntityKind, entityID: String,
        metric: String, unit: String, mean: Double?, sd: Double?, ci95HalfWidth: Double?,
        replications: Int
    ) {
        self.scenario = scenario
        self.policy = policy
        self.entityKind = entityKind
        self.entityID = entityID
        self.metric = metric
        self.unit = unit
        self.mean = mean
        self.sd = sd
        self.ci95HalfWidth = ci95HalfWidth
        self.replications = replications
    }
}

/// One metric under one policy, set against the baseline policy (comparison.csv).
///
/// Differences are paired (same replication, common random numbers), so their confidence
/// interval is usually much narrower than the two policies' own intervals suggest.
public struct ComparisonRow: Sendable, Hashable {
    public var policy: String
    public var metric: String
    public var entityKind: EntityKind
    public var entityID: String
    public var unit: String
    public var mean: Double?
    public var ci95HalfWidth: Double?
    /// Mean of (this policy − baseline) over paired replications; `nil` for the baseline.
    public var diffVsBaseline: Double?
    /// Half-width of the 95% confidence interval of that paired difference.
    public var diffCI95HalfWidth: Double?
    /// 1 = best for this metric, ties sharing a rank; `nil` when the policy has no figure.
    public var rank: Int?
    /// For a saturation time: the share of runs in which the entity never saturated, and the
    /// share still saturated at the end (censored at the horizon; `mean` is over the other
    /// runs). `nil` for other metrics.
    public var shareNeverSaturated: Double?
    public var shareNotRecovered: Double?
    /// The policy's `description:` in the scenario (empty for `base` and undescribed policies).
    public var policyDescription: String

    public init(
        policy: String, metric: String, entityKind: EntityKind, entityID: String, unit: String,
        mean: Double?, ci95HalfWidth: Double?, diffVsBaseline: Double?,
        diffCI95HalfWidth: Double?, rank: Int?, shareNeverSaturated: Double? = nil, shareNotRecovered: Double? = nil,
        policyDescription: String = ""
    ) {
        self.policy = policy
        self.metric = metric
        self.entityKind = entityKind
        self.entityID = entityID
        self.unit = unit
        self.mean = mean
        self.ci95HalfWidth = ci95HalfWidth
        self.diffVsBaseline = diffVsBaseline
        self.diffCI95HalfWidth = diffCI95HalfWidth
        self.rank = rank
        self.shareNeverSaturated = shareNeverSaturated
        self.shareNotRecovered = shareNotRecovered
        self.policyDescription = policyDescription
    }
}

/// One metric at one point of a what-if sweep (sweep.csv).
public struct SweepRow: Sendable, Hashable {
    /// 1-based sweep point number.
    public var point: Int
    /// The values of the varied parameters, in the order of `SweepTable.parameterPaths`.
    /// Numbers as `.number`/`.integer`, names (a policy, a distribution) as `.text`.
    public var parameterValues: [CSVField]
    public var metric: String
    public var entityKind: EntityKind
    public var entityID: String
    public var unit: String
    public var mean: Double?
    public var ci95HalfWidth: Double?

    public init(
        point: Int, parameterValues: [CSVField], metric: String, entityKind: EntityKind,
        entityID: String, unit: String, mean: Double?, ci95HalfWidth: Double?
    ) {
        self.point = point
        self.parameterValues = parameterValues
        self.metric = metric
        self.entityKind = entityKind
        self.entityID = entityID
        self.unit = unit
        self.mean = mean
        self.ci95HalfWidth = ci95HalfWidth
    }
}

/// The rows of a sweep with the parameter paths that name their varied columns.
public struct SweepTable: Sendable, Hashable {
    /// Scenario paths as given to `--sweep` (`platforms.ent-idf.gate.cap`), one column each.
    public var parameterPaths: [String]
    public var rows: [SweepRow]

    public init(parameterPaths: [String], rows: [SweepRow]) {
        self.parameterPaths = parameterPaths
        self.rows = rows
    }
}
