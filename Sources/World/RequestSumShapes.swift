#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lognormal that stands for the service demand of a job of n backend requests at a
/// pool (``World/serviceTime(of:at:)``), kept per pool and n.
///
/// The moment match σ² = ln(1 + n·v / (n·m)²), μ = ln(n·m) − σ²/2 costs a `log1p` and a
/// `log` per job, yet a day has only a handful of distinct n per pool (a page's requests,
/// a login's `login_cost` pages' worth). Each shape is computed once, by the same formula
/// on the same operands, so a cached shape is bit-for-bit the one computed per job.
struct RequestSumShapes {
    /// Whole request counts below this are kept; others (fractional login costs, huge
    /// pages) are computed each time.
    static let cachedCounts = 256

    /// Per pool × n: μ and σ, NaN while not computed.
    private var mu: [Double]
    private var sigma: [Double]

    init(pools: Int) {
        mu = Array(repeating: .nan, count: pools * Self.cachedCounts)
        sigma = mu
    }

    /// μ and σ of the lognormal with the mean n·`requestMean` and the variance
    /// n·`requestVariance` (both positive).
    ///
    /// - Complexity: O(1); two logarithms the first time a (pool, n) is seen.
    @inline(__always)
    mutating func shape(pool p: Int, requests n: Double, requestMean: Double, requestVariance: Double)
        -> (mu: Double, sigma: Double) {
        guard n >= 0, n < Double(Self.cachedCounts), n == n.rounded(.down) else {
            return Self.compute(n * requestMean, n * requestVariance)
        }
        let k = p * Self.cachedCounts + Int(n)
        if mu[k].isNaN {
            (mu[k], sigma[k]) = Self.compute(n * requestMean, n * requestVariance)
        }
        return (mu[k], sigma[k])
    }

    private static func compute(_ mean: Double, _ variance: Double) -> (mu: Double, sigma: Double) {
        let sigma2 = log1p(variance / (mean * mean))
        return (log(mean) - sigma2 / 2, sigma2.squareRoot())
    }
}
