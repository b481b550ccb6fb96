import Foundation
import Testing
@testable import World

@Suite("Response-time histogram quantiles")
struct LogHistogramTests {
    /// A deterministic lognormal sample (median 0.5 s, σ 1) by inversion of evenly spaced
    /// probabilities, so its exact quantiles are known without randomness.
    static func sample(_ n: Int) -> [Double] {
        (0..<n).map { k in 0.5 * exp(NormalQuantile.of((Double(k) + 0.5) / Double(n))) }
    }

    @Test("quantiles are within a bucket's width (4.4%) of the exact ones")
    func accuracy() {
        let values = Self.sample(100_000)
        var h = LogHistogram()
        for v in values { h.record(v) }
        let sorted = values.sorted()
        for q in [0.05, 0.25, 0.5, 0.9, 0.95, 0.99] {
            let exact = sorted[Int((q * Double(sorted.count)).rounded(.up)) - 1]
            #expect(abs(h.quantile(q) / exact - 1) < 0.044, "q \(q): \(h.quantile(q)) vs \(exact)")
        }
    }

    /// Two samples whose 95th percentile falls in the same bucket at different ranks must not
    /// report the same value: otherwise replications look identical and a confidence interval
    /// across them is zero.
    @Test("a quantile moves inside its bucket with its rank")
    func interpolation() {
        var a = LogHistogram(), b = LogHistogram()
        let bucket = LogHistogram.bucket(of: 1.0)
        let low = LogHistogram.minimum * exp2(Double(bucket) / LogHistogram.subBuckets)
        // 90 observations far below, then some inside the bucket of 1 s: the 95th percentile
        // (rank ⌈0.95 n⌉) is the 15th of 20 there in `a` (0.725 into the bucket) and the 34th of
        // 40 in `b` (0.84 into it).
        for _ in 0..<90 { a.record(0.01); b.record(0.01) }
        for _ in 0..<20 { a.record(low * 1.01) }
        for _ in 0..<40 { b.record(low * 1.01) }
        let qa = a.quantile(0.95), qb = b.quantile(0.95)
        #expect(LogHistogram.bucket(of: qa) == bucket && LogHistogram.bucket(of: qb) == bucket)
        #expect(qb > qa, "\(qb) should lie further into the bucket than \(qa)")
        // A single observation in its bucket sits at the bucket's geometric midpoint.
        var one = LogHistogram()
        one.record(low * 1.01)
        #expect(abs(one.quantile(0.5) - LogHistogram.minimum * exp2((Double(bucket) + 0.5) / LogHistogram.subBuckets)) < 1e-15)
        #expect(LogHistogram().quantile(0.5).isNaN)
    }
}

/// The standard normal quantile by bisection on erfc (the test's own, independent of GSL).
enum NormalQuantile {
    static func of(_ p: Double) -> Double {
        var lo = -10.0, hi = 10.0
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if 0.5 * erfc(-mid / 2.0.squareRoot()) < p { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }
}
