internal import CGSL

/// An arrival intensity λ(t) over a window, exact for a mixture of piecewise curves and
/// normal bumps: the demand a scenario declares, with nothing sampled on a grid.
///
/// The curves (linear or step, each with its weight) add up to a polygonal part: on every
/// piece between two knots it is linear, with its own rate at each end, so a step sits
/// exactly on its breakpoint and a linear curve keeps its kinks. A normal bump N(μ, σ²)
/// of weight w adds w·φ((t − μ)/σ)/σ, whose integral is w·Φ((t − μ)/σ) (GSL's
/// `gsl_cdf_gaussian_P`). The cumulative intensity Λ(t) = ∫ λ from the window's start is
/// therefore exact on every piece, and the arrival process inverts it (``ArrivalProcess``).
///
/// The knots are the window's ends, every curve point inside it and, for each bump, the
/// points μ + kσ/2 for |k| ≤ 16: they bracket the inversion so that Newton's method
/// starts close to the root, and they are where Λ is stored. Memory is O(knots), fixed
/// by the declaration, never by the number of arrivals. Outside the window λ is zero.
public struct Intensity: Sendable {
    /// A component of the mixture.
    public enum Term: Sendable {
        /// `curve`'s rates multiplied by `weight`.
        case curve(RateCurve, weight: Double)
        /// `weight` arrivals in expectation over all time, distributed N(mean, sd²), sd > 0.
        case normal(mean: Double, sd: Double, weight: Double)
    }

    struct Bump: Sendable {
        let mean: Double
        let sd: Double
        let weight: Double

        func cumulative(_ t: Double) -> Double { weight * gsl_cdf_gaussian_P(t - mean, sd) }
        func rate(_ t: Double) -> Double { weight * gsl_ran_gaussian_pdf(t - mean, sd) }
    }

    /// Piece boundaries, increasing, from the window's start to its end.
    let knots: [Double]
    /// The polygonal part's rate at the left and at the right end of each piece.
    let leftRates: [Double]
    let rightRates: [Double]
    let bumps: [Bump]
    /// Λ at each knot.
    let cumulativeAtKnot: [Double]

    /// The bumps' guide knots: μ + kσ/2 for |k| ≤ 16, i.e. every half standard deviation
    /// out to 8σ, beyond which a bump's mass (6·10⁻¹⁶ of its weight) no longer matters.
    static let bumpKnotSteps = 16

    /// The mixture of `terms` over `window` (seconds, from < to).
    public init(window: (from: Double, to: Double), terms: [Term]) {
        let (from, to) = window
        var curves: [(RateCurve, Double)] = []
        var bumps: [Bump] = []
        var points: [Double] = [from, to]
        for term in terms {
            switch term {
            case .curve(let curve, let weight):
                guard weight > 0 else { continue }
                curves.append((curve, weight))
                points += curve.times
            case .normal(let mean, let sd, let weight):
                guard weight > 0, sd > 0 else { continue }
                bumps.append(Bump(mean: mean, sd: sd, weight: weight))
                points += (-Self.bumpKnotSteps...Self.bumpKnotSteps).map { mean + Double($0) * sd / 2 }
            }
        }
        var knots: [Double] = []
        for t in points.filter({ $0 >= from && $0 <= to }).sorted() where knots.last.map({ t > $0 }) ?? true {
            knots.append(t)
        }
        if knots.count < 2 { knots = [from, max(to, from)] }
        var left: [Double] = [], right: [Double] = []
        for i in 0..<(knots.count - 1) {
            var l = 0.0, r = 0.0
            for (curve, weight) in curves {
                let (a, b) = curve.rates(across: knots[i], knots[i + 1])
                l += weight * a
                r += weight * b
            }
            left.append(l)
            right.append(r)
        }
        var cumulative = [0.0]
        for i in 0..<(knots.count - 1) {
            var mass = (left[i] + right[i]) / 2 * (knots[i + 1] - knots[i])
            for b in bumps { mass += max(0, b.cumulative(knots[i + 1]) - b.cumulative(knots[i])) }
            cumulative.append(cumulative[i] + mass)
        }
        self.knots = knots
        leftRates = left
        rightRates = right
        self.bumps = bumps
        cumulativeAtKnot = cumulative
    }

    /// Expected arrivals over the whole window.
    public var total: Double { cumulativeAtKnot[cumulativeAtKnot.count - 1] }

    /// The window's start and end.
    public var window: (from: Double, to: Double) { (knots[0], knots[knots.count - 1]) }

    /// The same intensity with every rate multiplied by `factor` ≥ 0 (a thinned process).
    public func scaled(by factor: Double) -> Intensity {
        Intensity(knots: knots, leftRates: leftRates.map { $0 * factor }, rightRates: rightRates.map { $0 * factor },
                  bumps: bumps.map { Bump(mean: $0.mean, sd: $0.sd, weight: $0.weight * factor) },
                  cumulativeAtKnot: cumulativeAtKnot.map { $0 * factor })
    }

    private init(knots: [Double], leftRates: [Double], rightRates: [Double], bumps: [Bump], cumulativeAtKnot: [Double]) {
        self.knots = knots
        self.leftRates = leftRates
        self.rightRates = rightRates
        self.bumps = bumps
        self.cumulativeAtKnot = cumulativeAtKnot
    }

    /// λ(t), right-continuous at a step inside the window, left-continuous at its end, zero outside.
    public func rate(at t: Double) -> Double {
        guard t >= knots[0], t <= knots[knots.count - 1] else { return 0 }
        let i = piece(containing: t)
        return polygonalRate(i, t) + bumps.reduce(0) { $0 + $1.rate(t) }
    }

    /// Λ(t) = ∫ λ from the window's start to t.
    public func cumulative(at t: Double) -> Double {
        guard t > knots[0] else { return 0 }
        guard t < knots[knots.count - 1] else { return total }
        let i = piece(containing: t)
        return cumulativeAtKnot[i] + mass(inPiece: i, upTo: t)
    }

    /// Λ(b) − Λ(a): the expected number of arrivals in [a, b].
    public func expectedCount(from a: Double, to b: Double) -> Double {
        cumulative(at: b) - cumulative(at: a)
    }

    /// The piece [knots[i], knots[i+1]) that holds t, for t inside the window (bisection).
    func piece(containing t: Double) -> Int {
        var lo = 0, hi = knots.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if knots[mid] <= t { lo = mid } else { hi = mid }
        }
        return lo
    }

    func polygonalRate(_ i: Int, _ t: Double) -> Double {
        let f = (t - knots[i]) / (knots[i + 1] - knots[i])
        return leftRates[i] + f * (rightRates[i] - leftRates[i])
    }

    /// ∫ λ from knots[i] to t, t in piece i.
    func mass(inPiece i: Int, upTo t: Double) -> Double {
        let t0 = knots[i]
        let rt = polygonalRate(i, t)
        var m = (leftRates[i] + rt) / 2 * (t - t0)
        for b in bumps { m += b.cumulative(t) - b.cumulative(t0) }
        return m
    }

    /// The t in piece i with ∫_{knots[i]}^{t} λ = need, 0 ≤ need ≤ the piece's mass.
    ///
    /// Without bumps Λ is quadratic on the piece and inverted in closed form. With bumps it is
    /// Newton's method kept inside a shrinking bracket (bisection when a step would leave
    /// it: Numerical Recipes' `rtsafe`), to within a microsecond of simulated time.
    func invert(inPiece i: Int, need: Double) -> Double {
        let t0 = knots[i], t1 = knots[i + 1]
        if bumps.isEmpty {
            return ArrivalProcess.solve(need: need, t0: t0, t1: t1, r0: leftRates[i], r1: rightRates[i])
        }
        let pieceMass = cumulativeAtKnot[i + 1] - cumulativeAtKnot[i]
        var lo = t0, hi = t1
        var t = pieceMass > 0 ? t0 + (t1 - t0) * min(1, need / pieceMass) : t0
        for _ in 0..<100 {
            let f = mass(inPiece: i, upTo: t) - need
            if f == 0 { return t }
            if f < 0 { lo = t } else { hi = t }
            if hi - lo <= Self.timeTolerance { break }
            let slope = polygonalRate(i, t) + bumps.reduce(0) { $0 + $1.rate(t) }
            var next = slope > 0 ? t - f / slope : .nan
            if !(next > lo && next < hi) { next = lo + (hi - lo) / 2 }
            if abs(next - t) <= Self.timeTolerance { t = next; break }
            t = next
        }
        return min(max(t, t0), t1)
    }

    /// The inversion's resolution in seconds: far below any interval a scenario reports.
    static let timeTolerance = 1e-6
}

extension RateCurve {
    /// The curve's rate at the two ends of [a, b], an interval that no curve point falls
    /// strictly inside: the limits from inside the interval, so a step at a or b counts on
    /// the side the interval is on, and zero outside the curve.
    func rates(across a: Double, _ b: Double) -> (Double, Double) {
        let mid = a + (b - a) / 2
        guard mid > times[0], mid < times[times.count - 1] else { return (0, 0) }
        var j = 0, hi = times.count - 1  // times[j] ≤ mid < times[hi]
        while hi - j > 1 {
            let m = (j + hi) / 2
            if times[m] <= mid { j = m } else { hi = m }
        }
        switch interpolation {
        case .stepwise: return (rates[j], rates[j])
        case .linear:
            let slope = (rates[j + 1] - rates[j]) / (times[j + 1] - times[j])
            return (rates[j] + slope * (a - times[j]), rates[j] + slope * (b - times[j]))
        }
    }
}
