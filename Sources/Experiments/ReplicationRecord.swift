import World

/// What one replication contributes to a run folder, in a form that can be saved and read
/// back without losing a bit: its per-interval series and its summary figures.
///
/// `affluence run` writes its files from these records, whether the replications ran in
/// this process or were read back from shard folders by `affluence merge`; that one path is
/// why a merged folder equals the unsharded one byte for byte. (`RunResult` itself cannot
/// be rebuilt outside the World module, and its tallies are not needed by a run folder.)
public struct ReplicationRecord: Codable, Sendable {
    /// One metric of one entity over the day, one value per report interval.
    public struct SeriesValues: Codable, Sendable {
        /// An `EntityKind` raw value (`platform`, `pool`, `segment`, `run`).
        public let kind: String
        public let entity: String
        public let metric: String
        public let values: [Double]
    }

    /// Zero-based replication index (substream of every source's stream).
    public let replication: Int
    /// Clock time (seconds from midnight) of the first interval's start.
    public let startClock: Double
    public let interval: Double
    public let intervalCount: Int
    public let events: UInt64
    public let series: [SeriesValues]
    public let summary: [SummaryFigure]

    public init(_ run: RunResult, replication: Int) {
        self.replication = replication
        startClock = run.startClock
        interval = run.interval
        intervalCount = run.intervalCount
        events = run.events
        series = run.series.map { SeriesValues(kind: $0.kind.rawValue, entity: $0.entity, metric: $0.metric, values: $0.values) }
        summary = run.summary.map(SummaryFigure.init)
    }
}

/// One summary figure of one replication (a `SummaryValue` that can be saved).
public struct SummaryFigure: Codable, Sendable {
    /// An `EntityKind` raw value.
    public let kind: String
    public let entity: String
    public let metric: String
    public let unit: String
    public let value: Double

    public init(_ value: SummaryValue) {
        kind = value.kind.rawValue
        entity = value.entity
        metric = value.metric
        unit = value.unit
        self.value = value.value
    }
}
