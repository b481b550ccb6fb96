#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CGSL
import Testing
@testable import Stochastics

/// A mixture's declared shape, integrated by hand: the reference the intensity must equal.
///
/// Steps and linear pieces are integrated in closed form (rectangles and trapezoids between
/// the declared points), normal bumps through libm's `erfc`, independently of GSL's CDF that
/// ``Intensity`` uses.
struct DeclaredShape {
    var steps: [(times: [Double], rates: [Double])] = []
    var lines: [(times: [Double], rates: [Double])] = []
    var bumps: [(mean: Double, sd: Double, weight: Double)] = []

    /// ∫ₐᵇ of the declared rate.
    func integral(_ a: Double, _ b: Double) -> Double {
        var total = 0.0
        for s in steps {
            for i in 0..<(s.times.count - 1) {
                let lo = max(a, s.times[i]), hi = min(b, s.times[i + 1])
                if hi > lo { total += s.rates[i] * (hi - lo) }
            }
        }
        for l in lines {
            for i in 0..<(l.times.count - 1) {
                let lo = max(a, l.times[i]), hi = min(b, l.times[i + 1])
                guard hi > lo else { continue }
                let slope = (l.rates[i + 1] - l.rates[i]) / (l.times[i + 1] - l.times[i])
                let rlo = l.rates[i] + slope * (lo - l.times[i]), rhi = l.rates[i] + slope * (hi - l.times[i])
                total += (rlo + rhi) / 2 * (hi - lo)
            }
        }
        for g in bumps {
            let phi = { (t: Double) in 0.5 * erfc(-(t - g.mean) / (g.sd * 2.0.squareRoot())) }
            total += g.weight * (phi(b) - phi(a))
        }
        return total
    }

    var terms: [Intensity.Term] {
        get throws {
            try steps.map { .curve(try RateCurve(times: $0.times, rates: $0.rates, interpolation: .stepwise), weight: 1) }
                + lines.map { .curve(try RateCurve(times: $0.times, rates: $0.rates, interpolation: .linear), weight: 1) }
                + bumps.map { .normal(mean: $0.mean, sd: $0.sd, weight: $0.weight) }
        }
    }
}

struct ShapeCase: Sendable, CustomTestStringConvertible {
    let name: String
    let shape: @Sendable () -> DeclaredShape
    var testDescription: String { name }
}

/// Two hours in one-minute windows; every breakpoint falls on a window boundary or inside one.
let shapeCases: [ShapeCase] = [
    ShapeCase(name: "step 1 → 3 → 1 (the issue's curve)") {
        DeclaredShape(steps: [([0, 1800, 5400, 7200], [0.125, 0.375, 0.125, 0.125])])
    },
    ShapeCase(name: "linear with kinks off the minute grid") {
        DeclaredShape(lines: [([100, 1130, 4000, 6990], [0, 0.6, 0.2, 0.05])])
    },
    ShapeCase(name: "two normal bumps, one narrower than a minute") {
        DeclaredShape(bumps: [(1500, 600, 400), (4000, 20, 150)])
    },
    ShapeCase(name: "a mixture of a step, a line and a bump, steps inside windows") {
        DeclaredShape(steps: [([0, 1830, 3615, 7200], [0.05, 0.2, 0.02, 0])],
                      lines: [([600, 3000, 6000], [0, 0.1, 0])], bumps: [(2400, 300, 200)])
    },
]

@Suite("Exact intensities: every declared shape arrives as declared")
struct IntensityTests {
    static let window = (from: 0.0, to: 7200.0)

    @Test("Λ equals the declared integral on every minute, and λ steps exactly at a breakpoint", arguments: shapeCases)
    func cumulativeIsExact(_ c: ShapeCase) throws {
        let shape = c.shape()
        let intensity = Intensity(window: Self.window, terms: try shape.terms)
        for k in 0..<120 {
            let a = Double(k) * 60, b = a + 60
            let exact = shape.integral(a, b)
            #expect(abs(intensity.expectedCount(from: a, to: b) - exact) <= 1e-9 * max(1, exact), "minute \(k)")
        }
        #expect(abs(intensity.total - shape.integral(Self.window.from, Self.window.to)) <= 1e-9 * intensity.total)
        for s in shape.steps {
            for (i, t) in s.times.enumerated().dropFirst().dropLast() {
                // The other terms' rate comes from a central difference: good to ~1e-9 (rounding over 2h).
                #expect(abs(intensity.rate(at: t) - (s.rates[i] + otherRates(shape, at: t, excluding: s.times))) < 1e-8,
                        "λ at the breakpoint \(t) is the new level")
                #expect(abs(intensity.rate(at: t - 1e-6) - (s.rates[i - 1] + otherRates(shape, at: t, excluding: s.times))) < 1e-6,
                        "λ just before \(t) is the old level")
                #expect(s.rates[i] != s.rates[i - 1], "a test step that changes the level")
            }
        }
    }

    /// The lines' and bumps' rate at t (continuous there), to isolate a step's jump.
    func otherRates(_ shape: DeclaredShape, at t: Double, excluding: [Double]) -> Double {
        var other = shape
        other.steps.removeAll { $0.times == excluding }
        let h = 1e-4
        return other.integral(t - h, t + h) / (2 * h)
    }

    @Test("the inversion lands where Λ equals the requested mass, in every piece", arguments: shapeCases)
    func inversionIsExact(_ c: ShapeCase) throws {
        let intensity = Intensity(window: Self.window, terms: try c.shape().terms)
        for i in 0..<(intensity.knots.count - 1) {
            let mass = intensity.cumulativeAtKnot[i + 1] - intensity.cumulativeAtKnot[i]
            guard mass > 1e-9 else { continue }
            for fraction in [1e-6, 0.1, 0.5, 0.9, 1] {
                let t = intensity.invert(inPiece: i, need: fraction * mass)
                #expect(t >= intensity.knots[i] && t <= intensity.knots[i + 1])
                // The root is found to within Intensity.timeTolerance seconds, so Λ within about λ·tolerance,
                // plus the rounding of Λ itself: a few ulps of the largest cumulative value involved.
                let slack = Intensity.timeTolerance * 2 * intensity.rate(at: t) + 8 * intensity.total.ulp
                #expect(abs(intensity.cumulative(at: t) - intensity.cumulativeAtKnot[i] - fraction * mass) <= slack,
                        "piece \(i), fraction \(fraction)")
            }
        }
    }

    /// Arrivals over R replications: each minute's mean count against the declared integral
    /// (within its 99.9% family-wise interval, the minutes that touch a breakpoint included),
    /// a chi-square over all minutes, and the pooled index of dispersion of the counts, whose
    /// Poisson value 1 must lie in its own 99.9% chi-square interval.
    @Test("arrival counts per minute are Poisson with the declared means", arguments: shapeCases)
    func countsAreExactPoisson(_ c: ShapeCase) throws {
        let shape = c.shape()
        let intensity = Intensity(window: Self.window, terms: try shape.terms)
        let windows = 120, replications = 400
        var counts = [[Double]](repeating: [], count: windows)
        for r in 0..<replications {
            var perMinute = [Double](repeating: 0, count: windows)
            let stream = StreamFactory(seed: 2022, replication: r).stream("intent")
            var process = ArrivalProcess(intensity: intensity)
            var previous = -Double.infinity
            while let t = process.next(stream) {
                #expect(t >= previous && t >= Self.window.from && t <= Self.window.to)
                previous = t
                perMinute[min(windows - 1, Int(t / 60))] += 1
            }
            for k in 0..<windows { counts[k].append(perMinute[k]) }
        }
        var observed: [Int] = [], expected: [Double] = []
        var dispersionSum = 0.0, dispersionDegrees = 0.0
        let z = gsl_cdf_ugaussian_Pinv(1 - 0.0005 / Double(windows))
        for k in 0..<windows {
            let exact = shape.integral(Double(k) * 60, Double(k + 1) * 60)
            let m = SampleMoments(counts[k])
            if exact == 0 {
                #expect(m.mean == 0, "arrivals in minute \(k), where the declared rate is zero")
                continue
            }
            // Poisson: the standard error of the mean is √(exact/R).
            #expect(abs(m.mean - exact) <= z * (exact / Double(replications)).squareRoot(),
                    "minute \(k): \(m.mean) arrivals on average, declared \(exact)")
            if exact * Double(replications) >= 5 {
                observed.append(Int(counts[k].reduce(0, +)))
                expected.append(exact * Double(replications))
            }
            if m.mean > 0 {
                dispersionSum += m.variance * Double(replications - 1) / m.mean
                dispersionDegrees += Double(replications - 1)
            }
        }
        let p = chiSquarePValue(chiSquareStatistic(observed: observed, expected: expected), degreesOfFreedom: observed.count)
        #expect(p > minimumPValue, "per-minute chi-square p = \(p)")
        let index = dispersionSum / dispersionDegrees
        let low = gsl_cdf_chisq_Pinv(0.0005, dispersionDegrees) / dispersionDegrees
        let high = gsl_cdf_chisq_Qinv(0.0005, dispersionDegrees) / dispersionDegrees
        #expect(index >= low && index <= high, "dispersion index \(index), Poisson interval [\(low), \(high)]")
    }

    @Test("a bump outside the window brings no arrival; one straddling its end keeps only the inside mass")
    func windowClipsMass() throws {
        let outside = Intensity(window: (0, 3600), terms: [.normal(mean: -7200, sd: 300, weight: 1000)])
        #expect(outside.total < 1e-12)
        let straddling = Intensity(window: (0, 3600), terms: [.normal(mean: 3600, sd: 600, weight: 1000)])
        // Φ(0) − Φ(−6): the half after the mean falls past the end.
        #expect(abs(straddling.total - 1000 * (0.5 - 0.5 * erfc(6 / 2.0.squareRoot()))) < 1e-6)
    }

    @Test("scaling multiplies every rate and every expected count")
    func scaling() throws {
        let shape = shapeCases[3].shape()
        let intensity = Intensity(window: Self.window, terms: try shape.terms)
        let tenth = intensity.scaled(by: 0.1)
        for t in stride(from: 0.0, through: 7200, by: 97) {
            #expect(abs(tenth.rate(at: t) - 0.1 * intensity.rate(at: t)) <= 1e-12 * max(1, intensity.rate(at: t)))
            #expect(abs(tenth.cumulative(at: t) - 0.1 * intensity.cumulative(at: t)) <= 1e-9 * max(1, intensity.cumulative(at: t)))
        }
    }
}
