/// What a sweep runs: its points (one value per varied parameter), the replications of
/// each, and the metrics it reports.
///
/// Work items are numbered point-major — item = point × replications + replication — the
/// order the unsharded sweep runs them in, so `--shard i/N` (``Shard``) picks the same
/// items whatever machine runs it. Replication r of every point uses substream r of every
/// source's stream: the points are compared on common random numbers.
public struct SweepPlan: Sendable, Hashable, Codable {
    /// The varied paths, one column each in sweep.csv.
    public let paths: [String]
    /// Per point, the value of each path (as written into the override).
    public let points: [[String]]
    public let replications: Int
    public let metrics: [MetricSelector]

    public init(paths: [String], points: [[String]], replications: Int, metrics: [MetricSelector]) {
        self.paths = paths
        self.points = points
        self.replications = replications
        self.metrics = metrics
    }

    /// The full grid, the first parameter varying slowest.
    public static func grid(_ parameters: [SweepParameter], replications: Int, metrics: [MetricSelector]) -> SweepPlan {
        var points: [[String]] = [[]]
        for p in parameters { points = points.flatMap { prefix in p.values.map { prefix + [$0] } } }
        return SweepPlan(paths: parameters.map(\.path), points: parameters.isEmpty ? [] : points,
                         replications: replications, metrics: metrics)
    }

    /// `samples` points of a seeded Latin hypercube over the parameters.
    public static func latinHypercube(_ parameters: [SweepParameter], samples: Int, seed: UInt64,
                                      replications: Int, metrics: [MetricSelector]) -> SweepPlan {
        SweepPlan(paths: parameters.map(\.path), points: LatinHypercube.sample(parameters, samples: samples, seed: seed),
                  replications: replications, metrics: metrics)
    }

    public var itemCount: Int { points.count * replications }

    /// The (point, replication) of work item `item`.
    public func item(_ item: Int) -> (point: Int, replication: Int) {
        (item / replications, item % replications)
    }
}
