/// A rate curve λ(t) in events per second over simulation time in seconds.
///
/// Piecewise-linear curves interpolate between their points; piecewise-constant curves
/// hold each point's rate until the next point. Outside [first point, last point] the
/// rate is zero for both, so a curve describes a finite window of demand.
public struct RateCurve: Sendable, Hashable {
    public enum Interpolation: Sendable, Hashable {
        case linear
        /// Each point's rate holds until the next point; the last point only closes the window.
        case stepwise
    }

    public let times: [Double]
    public let rates: [Double]
    public let interpolation: Interpolation

    public init(times: [Double], rates: [Double], interpolation: Interpolation) throws(RateCurveError) {
        guard times.count >= 2 else { throw .tooFewPoints(times.count) }
        guard rates.count == times.count else { throw .mismatchedCounts(times: times.count, rates: rates.count) }
        for (i, t) in times.enumerated() {
            guard t.isFinite else { throw .invalidTime(index: i, value: t) }
            if i > 0, t <= times[i - 1] { throw .unorderedTimes(index: i, value: t, previous: times[i - 1]) }
        }
        for (i, r) in rates.enumerated() where !(r >= 0 && r.isFinite) {
            throw .invalidRate(index: i, value: r)
        }
        self.times = times
        self.rates = rates
        self.interpolation = interpolation
    }

    /// The same curve with every rate multiplied by `factor` (≥ 0): a thinned process.
    public func scaled(by factor: Double) -> RateCurve {
        // Rates stay finite and non-negative and times are unchanged, so the curve stays valid.
        (try? RateCurve(times: times, rates: rates.map { $0 * factor }, interpolation: interpolation)) ?? self
    }

    /// λ(t).
    public func rate(at t: Double) -> Double {
        guard t >= times[0], t <= times[times.count - 1] else { return 0 }
        var i = 0
        while i + 1 < times.count - 1, times[i + 1] <= t { i += 1 }
        switch interpolation {
        case .stepwise: return rates[i]
        case .linear:
            let f = (t - times[i]) / (times[i + 1] - times[i])
            return rates[i] + f * (rates[i + 1] - rates[i])
        }
    }

    /// Λ(a, b) = ∫ₐᵇ λ(t) dt: the expected number of arrivals in [a, b].
    public func expectedCount(from a: Double, to b: Double) -> Double {
        cumulative(at: b) - cumulative(at: a)
    }

    /// Λ(t) = ∫ λ from the curve's start to t.
    public func cumulative(at t: Double) -> Double {
        var total = 0.0
        for i in 0..<(times.count - 1) {
            let t0 = times[i], t1 = times[i + 1]
            if t <= t0 { break }
            let end = min(t, t1)
            total += segmentIntegral(i, from: t0, to: end)
        }
        return total
    }

    func segmentIntegral(_ i: Int, from a: Double, to b: Double) -> Double {
        switch interpolation {
        case .stepwise: return rates[i] * (b - a)
        case .linear:
            let t0 = times[i]
            let slope = (rates[i + 1] - rates[i]) / (times[i + 1] - t0)
            let ra = rates[i] + slope * (a - t0), rb = rates[i] + slope * (b - t0)
            return (ra + rb) / 2 * (b - a)
        }
    }
}

public enum RateCurveError: Error, Equatable, CustomStringConvertible, Sendable {
    case tooFewPoints(Int)
    case mismatchedCounts(times: Int, rates: Int)
    case invalidTime(index: Int, value: Double)
    case unorderedTimes(index: Int, value: Double, previous: Double)
    case invalidRate(index: Int, value: Double)

    public var description: String {
        switch self {
        case .tooFewPoints(let n): return "a rate curve needs at least 2 points (got \(n))"
        case .mismatchedCounts(let t, let r): return "a rate curve needs one rate per time (got \(t) times and \(r) rates)"
        case .invalidTime(let i, let v): return "point \(i + 1): time \(v) is not finite"
        case .unorderedTimes(let i, let v, let p): return "point \(i + 1): time \(v) is not after the previous point's \(p) (expected increasing times)"
        case .invalidRate(let i, let v): return "point \(i + 1): rate \(v) (expected a finite rate ≥ 0)"
        }
    }
}

/// A Poisson arrival process, homogeneous or with a time-varying rate, generating
/// arrival times one at a time in O(1) memory.
///
/// Non-homogeneous arrivals use the inversion method (Çinlar; see e.g. Law, *Simulation
/// Modeling and Analysis*, §8.6.2): if E₁ < E₂ < … are the points of a unit-rate Poisson
/// process, then Tᵢ = Λ⁻¹(Eᵢ) are the points of a Poisson process with rate λ(t). Λ is
/// inverted exactly on each piece (linear for a constant piece, a quadratic for a
/// linear one), walking forward through the pieces, so no arrival is ever rejected and
/// nothing but the current piece is remembered.
public struct ArrivalProcess: Sendable {
    enum Shape: Sendable {
        case constant(rate: Double)
        case curve(RateCurve)
        case intensity(Intensity)
    }

    let shape: Shape
    // Position of the inversion: the current piece, Λ at its start, and the unit-rate target.
    var piece = 0
    var cumulativeAtPieceStart = 0.0
    var unitTime = 0.0
    var lastTime: Double

    /// Arrivals at a constant rate (per second) from `start` on.
    public init(constantRate rate: Double, start: Double = 0) throws(RateCurveError) {
        guard rate > 0, rate.isFinite else { throw .invalidRate(index: 0, value: rate) }
        shape = .constant(rate: rate)
        lastTime = start
    }

    /// Arrivals following a rate curve; none before its first point or after its last.
    public init(curve: RateCurve) {
        shape = .curve(curve)
        lastTime = curve.times[0]
    }

    /// Arrivals following an exact mixture intensity; none outside its window.
    public init(intensity: Intensity) {
        shape = .intensity(intensity)
        lastTime = intensity.window.from
    }

    /// The next arrival time, or `nil` when the curve has no more mass.
    ///
    /// - Complexity: amortised O(1): each call draws one exponential and moves forward
    ///   over pieces that the previous calls have not passed.
    public mutating func next(_ stream: RandomStream) -> Double? {
        switch shape {
        case .constant(let rate):
            lastTime += stream.exponential(mean: 1 / rate)
            return lastTime
        case .curve(let curve):
            unitTime += stream.exponential(mean: 1)
            return invert(curve)
        case .intensity(let intensity):
            unitTime += stream.exponential(mean: 1)
            return invert(intensity)
        }
    }

    /// Λ⁻¹(unitTime) for a mixture, continuing from the current piece.
    private mutating func invert(_ intensity: Intensity) -> Double? {
        let cumulative = intensity.cumulativeAtKnot
        while piece < cumulative.count - 1 {
            if unitTime <= cumulative[piece + 1] {
                let t = intensity.invert(inPiece: piece, need: unitTime - cumulative[piece])
                lastTime = max(t, lastTime)
                return lastTime
            }
            piece += 1
        }
        return nil
    }

    /// Λ⁻¹(unitTime), continuing from the current piece.
    private mutating func invert(_ curve: RateCurve) -> Double? {
        let times = curve.times, rates = curve.rates
        while piece < times.count - 1 {
            let t0 = times[piece], t1 = times[piece + 1]
            let mass = curve.segmentIntegral(piece, from: t0, to: t1)
            let need = unitTime - cumulativeAtPieceStart
            if need <= mass {
                let t = Self.solve(need: need, t0: t0, t1: t1, r0: rates[piece],
                                   r1: curve.interpolation == .linear ? rates[piece + 1] : rates[piece])
                lastTime = max(t, lastTime)  // guards the rounding of the quadratic
                return lastTime
            }
            cumulativeAtPieceStart += mass
            piece += 1
        }
        return nil
    }

    /// The u in [t0, t1] with ∫_{t0}^{u} λ = need, λ linear from r0 at t0 to r1 at t1.
    static func solve(need: Double, t0: Double, t1: Double, r0: Double, r1: Double) -> Double {
        let slope = (r1 - r0) / (t1 - t0)
        if abs(slope) * (t1 - t0) <= 1e-12 * max(r0, r1) {
            // need ≤ r0·(t1 − t0), but the division can round one ulp past t1: clamp, as below.
            return min(t1, t0 + need / r0)
        }
        // r0·x + slope·x²/2 = need, x ≥ 0: x = 2·need / (r0 + √(r0² + 2·slope·need)),
        // the form that does not cancel when r0 is large.
        let disc = max(0, r0 * r0 + 2 * slope * need)
        let x = 2 * need / (r0 + disc.squareRoot())
        return min(t1, t0 + x)
    }
}
