import CGSL
import Testing
@testable import Stochastics

/// A rate curve to check the arrival process against.
struct CurveCase: Sendable, CustomTestStringConvertible {
    let name: String
    let times: [Double]
    let rates: [Double]
    let interpolation: RateCurve.Interpolation
    var testDescription: String { name }

    func curve() throws -> RateCurve { try RateCurve(times: times, rates: rates, interpolation: interpolation) }
}

let curveCases: [CurveCase] = [
    CurveCase(name: "linear, starting and ending at zero", times: [0, 100, 200, 300, 400],
              rates: [0, 2, 2, 0.5, 0], interpolation: .linear),
    CurveCase(name: "linear with a zero plateau in the middle", times: [0, 60, 120, 180, 240],
              rates: [1, 0, 0, 2, 0.3], interpolation: .linear),
    CurveCase(name: "linear and flat (the constant branch of the inversion)", times: [50, 150],
              rates: [1.5, 1.5], interpolation: .linear),
    CurveCase(name: "stepwise with a zero-rate piece", times: [0, 50, 100, 150, 300],
              rates: [1, 0, 3, 0.5, 7], interpolation: .stepwise),
    CurveCase(name: "stepwise starting and ending at zero, not at t = 0", times: [1000, 1040, 1100, 1160, 1200],
              rates: [0, 2.5, 0.25, 0, 0], interpolation: .stepwise),
]

@Suite("Arrival processes")
struct ArrivalProcessTests {
    @Test("window counts match ∫λ(t)dt (chi-square), totals are Poisson (dispersion), arrivals are ordered and inside the curve",
          arguments: curveCases)
    func countsMatchIntegratedRate(_ c: CurveCase) throws {
        let curve = try c.curve()
        let start = c.times.first!, end = c.times.last!
        let windows = 40, replications = 300
        let width = (end - start) / Double(windows)
        var counts = [Int](repeating: 0, count: windows)
        var totals = [Double]()
        var disorder = 0, outside = 0
        for r in 0..<replications {
            let stream = StreamFactory(seed: 4242, replication: r).stream("arrivals")
            var process = ArrivalProcess(curve: curve)
            var previous = start, total = 0
            while let t = process.next(stream) {
                if t < previous { disorder += 1 }
                if !(start...end).contains(t) { outside += 1 }
                previous = t
                counts[min(windows - 1, max(0, Int((t - start) / width)))] += 1
                total += 1
            }
            #expect(process.next(stream) == nil, "next() after the end must stay nil")
            totals.append(Double(total))
        }
        #expect(disorder == 0)
        #expect(outside == 0)

        // Counts in disjoint windows are independent Poisson variables with means R·Λ(window):
        // Σ (O − E)²/E is chi-square with one degree of freedom per window (the total is not fixed).
        // Windows where λ is identically zero must stay empty.
        var observed = [Int](), expected = [Double]()
        for k in 0..<windows {
            let lambda = curve.expectedCount(from: start + Double(k) * width, to: start + Double(k + 1) * width)
            if lambda == 0 {
                #expect(counts[k] == 0, "arrivals in window \(k), where the rate is zero")
            } else {
                observed.append(counts[k])
                expected.append(Double(replications) * lambda)
            }
        }
        #expect(expected.allSatisfy { $0 >= 5 }, "chi-square needs expected counts of at least 5")
        let p = chiSquarePValue(chiSquareStatistic(observed: observed, expected: expected), degreesOfFreedom: observed.count)
        #expect(p > minimumPValue, "window chi-square p = \(p)")

        // Per-replication totals ~ Poisson(Λ): mean Λ (standard error √(Λ/R)), and the index of
        // dispersion Σ(N − N̄)²/N̄ is chi-square with R − 1 degrees of freedom; test both tails.
        let lambda = curve.expectedCount(from: start, to: end)
        let moments = SampleMoments(totals)
        #expect(abs(moments.mean - lambda) <= zBound * (lambda / Double(replications)).squareRoot())
        let dispersion = moments.variance * Double(replications - 1) / moments.mean
        let upper = gsl_cdf_chisq_Q(dispersion, Double(replications - 1))
        let lower = gsl_cdf_chisq_P(dispersion, Double(replications - 1))
        #expect(upper > minimumPValue && lower > minimumPValue,
                "variance/mean = \(moments.variance / moments.mean), p = \(lower), \(upper)")
    }

    @Test("the inversion of one piece lands where ∫λ equals the requested mass", arguments: curveCases)
    func inversionIsExact(_ c: CurveCase) throws {
        let curve = try c.curve()
        for piece in 0..<(c.times.count - 1) {
            let t0 = c.times[piece], t1 = c.times[piece + 1]
            let r0 = c.rates[piece], r1 = c.interpolation == .linear ? c.rates[piece + 1] : c.rates[piece]
            let mass = curve.expectedCount(from: t0, to: t1)
            guard mass > 0 else { continue }
            for fraction in [1e-9, 0.01, 0.25, 0.5, 0.75, 0.999, 1] {
                let t = ArrivalProcess.solve(need: fraction * mass, t0: t0, t1: t1, r0: r0, r1: r1)
                #expect((t0...t1).contains(t))
                // Solving a quadratic in double precision: relative error of a few ulps of the mass.
                #expect(abs(curve.expectedCount(from: t0, to: t) - fraction * mass) <= 1e-12 * mass,
                        "piece \(piece), fraction \(fraction)")
            }
        }
    }

    @Test("a constant piece's inversion never rounds past the piece's end")
    func constantPieceStaysInside() {
        // r·(t1 − t0) / r + t0 rounds to one ulp above t1 for these numbers (found by a scan in Python).
        let t0 = 47.563777040224075, t1 = 145.78884685522482, r = 1.8951295550759673
        let t = ArrivalProcess.solve(need: r * (t1 - t0), t0: t0, t1: t1, r0: r, r1: r)
        #expect(t <= t1)
    }

    @Test("a constant-rate process has exponential gaps with mean 1/rate, from its start on, and never ends")
    func constantRate() throws {
        let rate = 2.5, start = 100.0, n = 200_000
        var process = try ArrivalProcess(constantRate: rate, start: start)
        let stream = StreamFactory(seed: 8).stream("constant")
        var previous = start
        var gaps = SampleMoments()
        var transformed = [Double]()
        transformed.reserveCapacity(n)
        for _ in 0..<n {
            let next = process.next(stream)
            let t = try #require(next)
            let gap = t - previous
            #expect(gap > 0)
            gaps.add(gap)
            transformed.append(-expm1(-rate * gap))  // the exponential CDF: uniform if gaps are Exp(rate)
            previous = t
        }
        let mean = 1 / rate
        // Exponential gaps: σ = 1/rate and μ4 = 9/rate⁴, so the sample variance has standard error √(8/n)/rate².
        #expect(abs(gaps.mean - mean) <= zBound * mean / Double(n).squareRoot())
        #expect(abs(gaps.variance - mean * mean) <= zBound * (8.0 / Double(n)).squareRoot() * mean * mean)
        let p = uniformityPValue(transformed, bins: 50)
        #expect(p > minimumPValue, "gap distribution chi-square p = \(p)")
    }

    @Test("invalid constant rates are rejected", arguments: [0, -1, Double.infinity, Double.nan])
    func invalidConstantRate(rate: Double) {
        #expect(throws: RateCurveError.self) { try ArrivalProcess(constantRate: rate) }
    }
}

@Suite("Rate curves")
struct RateCurveTests {
    @Test("a linear curve interpolates and integrates by the trapezoid rule")
    func linear() throws {
        let curve = try RateCurve(times: [0, 10, 20], rates: [0, 4, 2], interpolation: .linear)
        let rates = [(-1.0, 0.0), (0, 0), (5, 2), (10, 4), (15, 3), (20, 2), (20.5, 0)].map { ($0.0, $0.1) }
        for (t, expected) in rates { #expect(curve.rate(at: t) == expected, "λ(\(t))") }
        // Λ(10) = ½·10·4 = 20; Λ(20) = 20 + ½·10·(4 + 2) = 50; Λ(5) = ½·5·2 = 5; Λ(15) = 20 + ½·5·(4 + 3) = 37.5.
        #expect(curve.cumulative(at: 10) == 20)
        #expect(curve.cumulative(at: 20) == 50)
        #expect(curve.expectedCount(from: 5, to: 15) == 32.5)
        #expect(curve.expectedCount(from: -10, to: 100) == 50)
        #expect(curve.expectedCount(from: 25, to: 30) == 0)
        #expect(curve.expectedCount(from: -5, to: 0) == 0)
    }

    @Test("a stepwise curve holds each rate until the next point and ignores the last rate")
    func stepwise() throws {
        let curve = try RateCurve(times: [0, 10, 20], rates: [3, 1, 9], interpolation: .stepwise)
        for (t, expected) in [(-0.1, 0.0), (0, 3), (9.999, 3), (10, 1), (19.5, 1), (20.1, 0)] {
            #expect(curve.rate(at: t) == expected, "λ(\(t))")
        }
        // Λ(10) = 30, Λ(20) = 30 + 10 = 40, Λ(5, 15) = 15 + 5.
        #expect(curve.cumulative(at: 10) == 30)
        #expect(curve.cumulative(at: 20) == 40)
        #expect(curve.cumulative(at: 1e9) == 40)
        #expect(curve.expectedCount(from: 5, to: 15) == 20)
    }

    @Test("invalid curves are rejected with a message naming the point", arguments: [
        ([0], [1], "a rate curve needs at least 2 points (got 1)"),
        ([], [], "a rate curve needs at least 2 points (got 0)"),
        ([0, 1], [1], "a rate curve needs one rate per time (got 2 times and 1 rates)"),
        ([0, .nan], [1, 1], "point 2: time nan is not finite"),
        ([-.infinity, 0], [1, 1], "point 1: time -inf is not finite"),
        ([0, 5, 5], [1, 1, 1], "point 3: time 5.0 is not after the previous point's 5.0 (expected increasing times)"),
        ([0, 5, 3], [1, 1, 1], "point 3: time 3.0 is not after the previous point's 5.0 (expected increasing times)"),
        ([0, 1], [1, -1], "point 2: rate -1.0 (expected a finite rate ≥ 0)"),
        ([0, 1], [.nan, 1], "point 1: rate nan (expected a finite rate ≥ 0)"),
        ([0, 1], [1, .infinity], "point 2: rate inf (expected a finite rate ≥ 0)"),
    ] as [([Double], [Double], String)])
    func invalid(times: [Double], rates: [Double], message: String) {
        for interpolation in [RateCurve.Interpolation.linear, .stepwise] {
            let error = #expect(throws: RateCurveError.self) {
                try RateCurve(times: times, rates: rates, interpolation: interpolation)
            }
            #expect(error?.description == message)
        }
    }
}
