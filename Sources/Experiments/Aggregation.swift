import Stochastics
import World

/// The mean of a figure over replications with its 95% confidence interval (Student t).
public struct Estimate: Sendable, Hashable {
    public let mean: Double
    public let standardDeviation: Double
    /// Half-width of the 95% interval: t_{0.975, n−1} · s / √n (NaN with one replication).
    public let halfWidth: Double
    /// Replications that produced a number (NaN values, e.g. "no saturation", are left out).
    public let count: Int

    public init(_ values: [Double]) {
        let finite = values.filter { $0.isFinite }
        count = finite.count
        guard !finite.isEmpty else {
            mean = .nan; standardDeviation = .nan; halfWidth = .nan
            return
        }
        let n = Double(finite.count)
        let m = finite.reduce(0, +) / n
        mean = m
        guard finite.count > 1 else {
            standardDeviation = .nan; halfWidth = .nan
            return
        }
        let variance = finite.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)
        standardDeviation = variance.squareRoot()
        halfWidth = StudentT.twoSidedMultiplier(confidence: 0.95, degreesOfFreedom: finite.count - 1) * (variance / n).squareRoot()
    }
}

/// A summary figure aggregated over replications.
public struct AggregatedValue: Sendable, Hashable {
    public let kind: EntityKind
    public let entity: String
    public let metric: String
    public let unit: String
    public let estimate: Estimate
    /// The per-replication values, in replication order.
    public let values: [Double]
}

public enum Aggregation {
    /// Every summary figure of the runs with its mean and interval, in the runs' order.
    public static func summarize(_ runs: [RunResult]) -> [AggregatedValue] {
        summarize(figures: runs.map { $0.summary.map(SummaryFigure.init) })
    }

    /// The same from saved replications (`ReplicationRecord`), one list of figures per
    /// replication: what `affluence run` and `affluence merge` both write.
    public static func summarize(figures runs: [[SummaryFigure]]) -> [AggregatedValue] {
        guard let first = runs.first else { return [] }
        return first.indices.map { i in
            let key = first[i]
            let values = runs.map { $0.indices.contains(i) ? $0[i].value : .nan }
            return AggregatedValue(kind: EntityKind(rawValue: key.kind) ?? .run, entity: key.entity, metric: key.metric,
                                   unit: key.unit, estimate: Estimate(values), values: values)
        }
    }
}
