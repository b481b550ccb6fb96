#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import World

/// The M_t/G/∞ occupancy curve of `models/validation/mtg-infinity.yaml`.
///
/// E[N(t)] = ∫₀ᵗ λ(t − u)·(1 − G(u)) du for a system empty at time 0 (Eick, Massey & Whitt,
/// "The physics of the M_t/G/∞ queue", Operations Research 41(4), 1993), with λ the model's
/// piecewise-linear rate and G its lognormal service-time distribution.
enum InfiniteServerCurve {
    /// λ(t) per second, t in seconds from 00:00: 1/s → 5/s at 02:00 → 1/s at 04:00 → 1/s at 08:00.
    static func rate(_ t: Double) -> Double {
        let knots: [(Double, Double)] = [(0, 1), (7200, 5), (14400, 1), (28800, 1)]
        guard t >= 0, t <= knots.last!.0 else { return 0 }
        for k in 1..<knots.count where t <= knots[k].0 {
            let (t0, r0) = knots[k - 1], (t1, r1) = knots[k]
            return r0 + (r1 - r0) * (t - t0) / (t1 - t0)
        }
        return 0
    }

    /// lognormal(mean: 10min, cv: 1): σ² = ln(1 + cv²), μ = ln(mean) − σ²/2.
    static let sigma = log(2.0).squareRoot()
    static let mu = log(600.0) - log(2.0) / 2

    /// P(S > u), the lognormal survival function.
    static func survival(_ u: Double) -> Double {
        guard u > 0 else { return 1 }
        return 0.5 * erfc((log(u) - mu) / (sigma * 2.0.squareRoot()))
    }

    /// Composite Simpson rule on [a, b] with an even number of steps no longer than `step`.
    static func simpson(_ a: Double, _ b: Double, step: Double, _ f: (Double) -> Double) -> Double {
        guard b > a else { return 0 }
        var n = Int(((b - a) / step).rounded(.up))
        if n % 2 == 1 { n += 1 }
        let h = (b - a) / Double(n)
        var sum = f(a) + f(b)
        for i in 1..<n { sum += (i % 2 == 1 ? 4 : 2) * f(a + Double(i) * h) }
        return sum * h / 3
    }

    /// E[N(t)] by numerical integration. λ has kinks at 02:00 and 04:00; 2 s steps keep the
    /// quadrature error far below the simulation's sampling error.
    static func mean(at t: Double) -> Double {
        simpson(0, t, step: 2) { u in rate(t - u) * survival(u) }
    }

    /// The time average of E[N(t)] over [a, b], which is what an interval's `busy_workers` estimates.
    static func average(from a: Double, to b: Double) -> Double {
        simpson(a, b, step: 15) { mean(at: $0) } / (b - a)
    }
}

@Suite("M_t/G/∞: the simulator follows the occupancy curve of a time-varying demand")
struct InfiniteServerTests {
    @Test("the numerical integral agrees with the values quoted in the model file")
    func quadratureMatchesModelComments() {
        // scipy.integrate.quad values quoted in models/validation/mtg-infinity.yaml.
        let quoted: [(Double, Double)] = [(3600, 1599.09), (7200, 2800.19), (9000, 2556.90),
                                          (10800, 1989.14), (14400, 798.37), (21600, 600.70)]
        for (t, value) in quoted {
            #expect(abs(InfiniteServerCurve.mean(at: t) - value) <= 0.01, "m(\(t)) = \(InfiniteServerCurve.mean(at: t)), file says \(value)")
        }
        // Far from the kinks the curve tends to λ·E[S] = 600.
        #expect(abs(InfiniteServerCurve.mean(at: 28800) - 600) < 1)
    }

    /// Every 5-minute interval's mean `busy_workers` over 30 replications is compared with
    /// the interval average of E[N(t)] at 99.9% family-wise confidence (Bonferroni over
    /// the 96 intervals); from 00:30 on (E[N] ≥ 1000) the interval must also be narrower
    /// than 10% of the curve, so that a lag or a wrong service-time distribution shows.
    @Test("busy workers per interval match ∫λ(t−u)(1−G(u))du; nobody is blocked")
    func followsTheOccupancyCurve() throws {
        let scenario = try Models.load("validation/mtg-infinity.yaml")
        let runs = try replicate(scenario, 30)
        let busy = try runs.map { try $0.values("busy_workers", "infinite") }
        let count = try #require(busy.first?.count)
        #expect(count == 96)
        let confidence = familyConfidence(comparisons: count)
        for k in 0..<count {
            let a = Double(k) * 300, b = a + 300
            let expected = InfiniteServerCurve.average(from: a, to: b)
            let interval = MeanInterval(busy.map { $0[k] }, confidence: confidence)
            #expect(interval.contains(expected), "interval \(k) (\(a / 60) min): E[N] = \(expected), simulated \(interval)")
            if a >= 1800 {
                #expect(interval.halfWidth <= 0.10 * expected, "interval \(k): \(interval) too wide")
            }
        }
        for run in runs {
            #expect(try run.value("p_blocked", "infinite") == 0)
            #expect(try run.value("mean_queue", "infinite") == 0)
        }
    }
}
