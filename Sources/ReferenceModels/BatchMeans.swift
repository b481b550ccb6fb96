#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The method of batch means: a long, autocorrelated output series is cut into `count`
/// consecutive batches whose means are nearly independent, so their spread gives an
/// honest standard error for the overall mean (Law, *Simulation Modeling and Analysis*,
/// §9.5.3). Memory is O(count), never O(observations).
public struct BatchMeans: Sendable {
    public private(set) var sums: [Double]
    public private(set) var weights: [Double]

    public init(count: Int) {
        precondition(count >= 2, "batch means need at least two batches")
        sums = Array(repeating: 0, count: count)
        weights = Array(repeating: 0, count: count)
    }

    /// Adds `value` with `weight` (1 for a customer, a duration for a time average) to batch `index`.
    @inline(__always)
    public mutating func add(_ value: Double, weight: Double = 1, batch index: Int) {
        sums[index] += value * weight
        weights[index] += weight
    }

    /// The overall weighted mean.
    public var mean: Double {
        let total = weights.reduce(0, +)
        return total > 0 ? sums.reduce(0, +) / total : .nan
    }

    /// The standard error of ``mean`` from the spread of the batch means.
    public var standardError: Double {
        let means = zip(sums, weights).compactMap { $1 > 0 ? $0 / $1 : nil }
        guard means.count >= 2 else { return .nan }
        let m = means.reduce(0, +) / Double(means.count)
        let ss = means.reduce(0) { $0 + ($1 - m) * ($1 - m) }
        return (ss / Double(means.count - 1) / Double(means.count)).squareRoot()
    }

    /// Degrees of freedom of the standard error (batches − 1).
    public var degreesOfFreedom: Int { sums.count - 1 }
}
