import CGSL

/// How many standard errors a statistic may stray from its expectation before a test
/// fails. For a normal statistic, P(|Z| > 4.5) ≈ 6.8e-6, so even dozens of such checks
/// would almost never fail on a correct implementation; since every seed is fixed, a
/// test that passes once passes forever, and the bound still catches any bias larger
/// than about 4.5 standard errors of the sample size used.
let zBound = 4.5

/// The smallest p-value a goodness-of-fit test may have (chi-square, dispersion).
let minimumPValue = 1e-4

/// Sample mean, unbiased sample variance and count, accumulated with Welford's update.
struct SampleMoments {
    private(set) var count = 0
    private(set) var mean = 0.0
    private var sumOfSquares = 0.0

    mutating func add(_ x: Double) {
        count += 1
        let delta = x - mean
        mean += delta / Double(count)
        sumOfSquares += delta * (x - mean)
    }

    var variance: Double { count > 1 ? sumOfSquares / Double(count - 1) : 0 }

    init() {}
    init<S: Sequence>(_ values: S) where S.Element == Double {
        for x in values { add(x) }
    }
}

/// The upper-tail p-value of a chi-square statistic with `degreesOfFreedom`.
func chiSquarePValue(_ statistic: Double, degreesOfFreedom: Int) -> Double {
    gsl_cdf_chisq_Q(statistic, Double(degreesOfFreedom))
}

/// Pearson's chi-square statistic of observed counts against expected counts.
func chiSquareStatistic(observed: [Int], expected: [Double]) -> Double {
    zip(observed, expected).reduce(0) { acc, pair in
        let d = Double(pair.0) - pair.1
        return acc + d * d / pair.1
    }
}

/// The p-value of a chi-square test that values in (0, 1) are uniform over `bins` equal bins
/// (bins − 1 degrees of freedom, since the total is fixed).
func uniformityPValue<S: Sequence>(_ values: S, bins: Int) -> Double where S.Element == Double {
    var counts = [Int](repeating: 0, count: bins)
    var n = 0
    for u in values {
        counts[min(bins - 1, Int(u * Double(bins)))] += 1
        n += 1
    }
    let expected = [Double](repeating: Double(n) / Double(bins), count: bins)
    return chiSquarePValue(chiSquareStatistic(observed: counts, expected: expected), degreesOfFreedom: bins - 1)
}

/// Pearson's sample correlation coefficient.
func pearsonCorrelation(_ x: [Double], _ y: [Double]) -> Double {
    let mx = SampleMoments(x).mean, my = SampleMoments(y).mean
    var sxy = 0.0, sxx = 0.0, syy = 0.0
    for (a, b) in zip(x, y) {
        sxy += (a - mx) * (b - my)
        sxx += (a - mx) * (a - mx)
        syy += (b - my) * (b - my)
    }
    return sxy / (sxx * syy).squareRoot()
}
