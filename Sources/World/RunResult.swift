// `EntityKind` and the metric catalogue live in `Metrics`, below the simulator; whoever
// reads a `RunResult` reads its names through them.
@_exported import Metrics

/// One metric of one entity over the day, one value per report interval.
public struct Series: Sendable {
    public let kind: EntityKind
    public let entity: String
    public let metric: String
    public internal(set) var values: [Double]
}

/// One figure for the whole (measured part of the) run.
public struct SummaryValue: Sendable, Hashable {
    public let kind: EntityKind
    public let entity: String
    public let metric: String
    public let unit: String
    public let value: Double
}

/// How the visits of one segment ended: arrived = the four outcomes + still present.
public struct VisitAccount: Sendable, Hashable {
    public let segment: String
    public let visits: Double
    public let leftDone: Double
    public let leftForced: Double
    public let gaveUpNeverIn: Double
    public let gaveUpAfterIn: Double
    public let presentAtEnd: Double
}

/// Everything one replication observed.
public struct RunResult: Sendable {
    public let scenario: String
    /// Clock time (seconds from midnight) of the first interval's start.
    public let startClock: Double
    public let interval: Double
    public let intervalCount: Int
    public let series: [Series]
    public let summary: [SummaryValue]
    public let visitAccounts: [VisitAccount]
    public let events: UInt64
    /// Counts behind the shares and means, so that groups (all pupils, several platforms)
    /// can be pooled exactly; not written to any file.
    public internal(set) var tallies = RunTallies()

    /// The summary value of a metric for an entity, if present.
    public func summary(_ metric: String, _ entity: String) -> Double? {
        summary.first { $0.metric == metric && $0.entity == entity }?.value
    }

    /// The series of a metric for an entity, if present.
    public func series(_ metric: String, _ entity: String) -> [Double]? {
        series.first { $0.metric == metric && $0.entity == entity }?.values
    }
}

/// Units of the metrics as the CSV `unit` column spells them, read from the catalogue.
public enum MetricUnits {
    public static func unit(of metric: String) -> String {
        MetricCatalog.csvUnit(of: metric)
    }
}

/// Raw counts of a run, for pooling figures over several segments or platforms.
public struct RunTallies: Sendable {
    /// Clock times (seconds from midnight) of the "in by" checkpoints.
    public var checkpointClocks: [Double] = []
    public var segments: [SegmentTally] = []
    public var platforms: [PlatformTally] = []
}

public struct SegmentTally: Sendable {
    public let segment: String
    public let platform: String?
    public let firstVisits: Double
    public let firstPages: Double
    public let timeToFirstPageSum: Double
    /// Per checkpoint: first visits arrived by it, and those of them in by it.
    public let arrivedBy: [Double]
    public let inBy: [Double]
}

public struct PlatformTally: Sendable {
    public let platform: String
    public let attempts: Double
    public let refused: Double
    public let successfulLogins: Double
    public let forcedLogouts: Double
}
