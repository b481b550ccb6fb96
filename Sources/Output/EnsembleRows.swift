/// The rows of the ensemble files (docs/ensemble.md, docs/csv-format.md): what `run` and
/// `compare --ensemble` add to their folders, next to the pooled summary.csv and
/// comparison.csv.

/// One summary figure over the plausible set (ensemble.csv): pooled over every member's
/// replications, and the 5th/50th/95th percentiles of its per-member means.
public struct EnsembleRow: Sendable, Hashable {
    public var scenario: String
    public var policy: String
    public var entityKind: EntityKind
    public var entityID: String
    public var metric: String
    public var unit: String
    public var members: Int
    public var membersWithValue: Int
    public var mean: Double?
    public var ci95HalfWidth: Double?
    public var betweenP05: Double?
    public var betweenP50: Double?
    public var betweenP95: Double?

    public init(scenario: String, policy: String, entityKind: EntityKind, entityID: String, metric: String, unit: String,
                members: Int, membersWithValue: Int, mean: Double?, ci95HalfWidth: Double?,
                betweenP05: Double?, betweenP50: Double?, betweenP95: Double?) {
        self.scenario = scenario
        self.policy = policy
        self.entityKind = entityKind
        self.entityID = entityID
        self.metric = metric
        self.unit = unit
        self.members = members
        self.membersWithValue = membersWithValue
        self.mean = mean
        self.ci95HalfWidth = ci95HalfWidth
        self.betweenP05 = betweenP05
        self.betweenP50 = betweenP50
        self.betweenP95 = betweenP95
    }

    /// The cells in `CSVSchema.ensemble` order.
    public var fields: [CSVField] {
        [.text(scenario), .text(policy), .text(entityKind.rawValue), .text(entityID), .text(metric), .text(unit),
         .integer(members), .integer(membersWithValue), .number(mean), .number(ci95HalfWidth),
         .number(betweenP05), .number(betweenP50), .number(betweenP95)]
    }

    /// A row read back (the report).
    public init(_ record: CSVRecord) throws {
        self.init(scenario: try record.requireText("scenario"), policy: try record.requireText("policy"),
                  entityKind: EntityKind(rawValue: try record.requireText("entity_kind")) ?? .run,
                  entityID: try record.requireText("entity_id"), metric: try record.requireText("metric"),
                  unit: try record.requireText("unit"), members: Int(try record.requireNumber("members")),
                  membersWithValue: Int(try record.requireNumber("members_with_value")),
                  mean: try record.optionalNumber("mean"), ci95HalfWidth: try record.optionalNumber("ci95_half_width"),
                  betweenP05: try record.optionalNumber("between_p05"), betweenP50: try record.optionalNumber("between_p50"),
                  betweenP95: try record.optionalNumber("between_p95"))
    }
}

/// One policy against the baseline on one metric over the plausible set
/// (ensemble-comparison.csv): the share of members in which it is better, and the
/// 5th/50th/95th percentiles of its per-member paired difference.
public struct EnsembleComparisonRow: Sendable, Hashable {
    public var metric: String
    public var entityKind: EntityKind
    public var entityID: String
    public var unit: String
    public var policy: String
    public var baseline: String
    public var members: Int
    public var membersWithDifference: Int
    /// nil for a metric that is better neither way.
    public var shareBetter: Double?
    public var diffP05: Double?
    public var diffP50: Double?
    public var diffP95: Double?

    public init(metric: String, entityKind: EntityKind, entityID: String, unit: String, policy: String, baseline: String,
                members: Int, membersWithDifference: Int, shareBetter: Double?, diffP05: Double?, diffP50: Double?, diffP95: Double?) {
        self.metric = metric
        self.entityKind = entityKind
        self.entityID = entityID
        self.unit = unit
        self.policy = policy
        self.baseline = baseline
        self.members = members
        self.membersWithDifference = membersWithDifference
        self.shareBetter = shareBetter
        self.diffP05 = diffP05
        self.diffP50 = diffP50
        self.diffP95 = diffP95
    }

    /// The cells in `CSVSchema.ensembleComparison` order.
    public var fields: [CSVField] {
        [.text(metric), .text(entityKind.rawValue), .text(entityID), .text(unit), .text(policy), .text(baseline),
         .integer(members), .integer(membersWithDifference), .number(shareBetter),
         .number(diffP05), .number(diffP50), .number(diffP95)]
    }

    /// A row read back (the report).
    public init(_ record: CSVRecord) throws {
        self.init(metric: try record.requireText("metric"),
                  entityKind: EntityKind(rawValue: try record.requireText("entity_kind")) ?? .platform,
                  entityID: try record.requireText("entity_id"), unit: try record.requireText("unit"),
                  policy: try record.requireText("policy"), baseline: try record.requireText("baseline"),
                  members: Int(try record.requireNumber("members")),
                  membersWithDifference: Int(try record.requireNumber("members_with_difference")),
                  shareBetter: try record.optionalNumber("share_better_than_baseline"),
                  diffP05: try record.optionalNumber("diff_p05"), diffP50: try record.optionalNumber("diff_p50"),
                  diffP95: try record.optionalNumber("diff_p95"))
    }
}

extension RunFolder {
    /// Writes ensemble.csv (before the report, which reads it back).
    public mutating func writeEnsemble(_ rows: [EnsembleRow]) throws {
        try write(CSVSchema.ensembleFile, bytes: CSVWriter.encode(header: CSVSchema.ensemble, records: rows.map(\.fields), dialect: dialect))
    }

    /// Writes ensemble-comparison.csv (before the report, which reads it back).
    public mutating func writeEnsembleComparison(_ rows: [EnsembleComparisonRow]) throws {
        try write(CSVSchema.ensembleComparisonFile,
                  bytes: CSVWriter.encode(header: CSVSchema.ensembleComparison, records: rows.map(\.fields), dialect: dialect))
    }
}
