#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Scenario
import Stochastics

/// A segment's intent turned into arrival-rate curves over simulation time.
///
/// The intent is a density of visit times (normal bumps, relative curves) times the number
/// of members; it is tabulated on a grid fine enough for the narrowest bump (at most 60 s,
/// at least 5 points per standard deviation) and read as a piecewise-linear rate, whose
/// cumulative intensity the arrival process inverts exactly. The tabulation error of the
/// expected count is below 10⁻³ relative for bumps sampled at 5 points per sd. Visits whose
/// time falls outside the simulated window do not happen.
struct DemandCurve {
    let intent: Intent
    let start: Double
    let window: (Double, Double)
    let step: Double
    let density: VisitDensity

    init(intent: Intent, start: Double, window: (Double, Double)) throws(WorldBuildError) {
        self.intent = intent
        self.start = start
        self.window = window
        density = VisitDensity(intent: intent, start: start)
        var narrowest = 60.0
        for component in intent.components {
            if case .bump(_, _, let sd) = component { narrowest = min(narrowest, max(1, sd) / 5) }
        }
        for r in intent.repeats { narrowest = min(narrowest, max(1, r.sd) / 5) }
        step = max(1, narrowest)
    }

    /// First visits of `members` people, or nil when none falls inside the window.
    func firstVisits(members: Double) -> RateCurve? {
        tabulate { t in members * density.firstVisits(at: t) }
    }

    /// Repeat visits (class-hour logins) of `members` people, or nil when there are none.
    func repeatVisits(members: Double) -> RateCurve? {
        guard !intent.repeats.isEmpty else { return nil }
        return tabulate { t in members * density.repeatVisits(at: t) }
    }

    private func tabulate(_ rate: (Double) -> Double) -> RateCurve? {
        let (from, to) = window
        let n = Int(((to - from) / step).rounded(.up))
        var times: [Double] = []
        var rates: [Double] = []
        times.reserveCapacity(n + 1)
        rates.reserveCapacity(n + 1)
        for i in 0...n {
            let t = min(to, from + Double(i) * step)
            if let last = times.last, t <= last { continue }
            times.append(t)
            rates.append(max(0, rate(t)))
        }
        guard times.count >= 2, rates.contains(where: { $0 > 0 }) else { return nil }
        return try? RateCurve(times: times, rates: rates, interpolation: .linear)
    }

    static func normalDensity(_ t: Double, mean: Double, sd: Double) -> Double {
        let z = (t - mean) / sd
        return exp(-0.5 * z * z) / (sd * 2.5066282746310002)
    }
}

/// A segment's intent as visits per member per second at simulation time t: the density
/// ``DemandCurve`` tabulates for the arrival processes, and the analytic twin reads directly,
/// so both see the same demand.
public struct VisitDensity: Sendable {
    let intent: Intent
    let start: Double
    /// Per intent component: a relative curve shifted to simulation time, with its total
    /// (nil for normal bumps and for curves that do not parse).
    let curves: [(curve: RateCurve, total: Double)?]

    public init(intent: Intent, start: Double) {
        self.intent = intent
        self.start = start
        curves = intent.components.map { component in
            guard case .curve(_, let curve) = component, let shifted = try? curve.rateCurve(start: start) else { return nil }
            return (shifted, shifted.cumulative(at: shifted.times[shifted.times.count - 1]))
        }
    }

    /// First visits per member per second: the bumps and relative curves, weighted by their shares.
    public func firstVisits(at t: Double) -> Double {
        var rate = 0.0
        for (k, component) in intent.components.enumerated() {
            switch component {
            case .bump(let share, let at, let sd):
                rate += share * DemandCurve.normalDensity(t, mean: at - start, sd: max(1, sd))
            case .curve(let share, _):
                guard let (c, total) = curves[k], total > 0 else { continue }
                rate += share * (c.rate(at: t) / total)
            }
        }
        return rate
    }

    /// Repeat visits (class-hour logins) per member per second.
    public func repeatVisits(at t: Double) -> Double {
        var rate = 0.0
        for r in intent.repeats {
            let s = max(1, r.sd)
            for at in r.at {
                rate += r.probability * DemandCurve.normalDensity(t, mean: at + r.offset - start, sd: s)
            }
        }
        return rate
    }
}
