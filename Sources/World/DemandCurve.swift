import Scenario
import Stochastics

/// A segment's intent as exact intensities of visits per member over simulation time: what
/// the arrival processes invert and what the analytic twin reads, so both see the same demand.
///
/// Each intent component keeps its declared shape (``Stochastics/Intensity``): a relative
/// curve (in the file or a CSV) keeps its interpolation and breakpoints and is normalised to
/// its share, a normal bump is its exact normal density, and class-hour repeats are one bump
/// per listed time. Visits whose time falls outside the simulated window do not happen.
public struct VisitDensity: Sendable {
    /// First visits per member: the bumps and relative curves weighted by their shares
    /// (nil when no component has mass inside the window).
    public let firstVisits: Intensity?
    /// Repeat visits (class-hour logins) per member, nil when there are none.
    public let repeatVisits: Intensity?

    /// The intent of clock-time `start` over the simulation window (seconds from `start`).
    public init(intent: Intent, start: Double, window: (from: Double, to: Double)) throws(WorldBuildError) {
        var first: [Intensity.Term] = []
        for component in intent.components {
            switch component {
            case .bump(let share, let at, let sd):
                first.append(.normal(mean: at - start, sd: Self.bumpSD(sd), weight: share))
            case .curve(let share, let relative):
                let curve: RateCurve
                do { curve = try relative.rateCurve(start: start) } catch {
                    throw WorldBuildError(message: "intent curve: \(error)")
                }
                // The shape is relative: the share is spread over the curve's whole extent.
                let total = curve.cumulative(at: curve.times[curve.times.count - 1])
                guard total > 0 else { continue }
                first.append(.curve(curve, weight: share / total))
            }
        }
        var repeats: [Intensity.Term] = []
        for r in intent.repeats {
            for at in r.at {
                repeats.append(.normal(mean: at + r.offset - start, sd: Self.bumpSD(r.sd), weight: r.probability))
            }
        }
        firstVisits = Self.intensity(window, first)
        repeatVisits = Self.intensity(window, repeats)
    }

    private static func intensity(_ window: (from: Double, to: Double), _ terms: [Intensity.Term]) -> Intensity? {
        guard !terms.isEmpty else { return nil }
        let intensity = Intensity(window: window, terms: terms)
        return intensity.total > 0 ? intensity : nil
    }

    /// A bump's standard deviation, at least a second: `sd: 0` means "all at once", and a
    /// one-second spread keeps the density finite without changing any reported minute.
    static func bumpSD(_ sd: Double) -> Double { max(1, sd) }

    /// First plus repeat visits per member per second at simulation time t.
    public func visits(at t: Double) -> Double {
        (firstVisits?.rate(at: t) ?? 0) + (repeatVisits?.rate(at: t) ?? 0)
    }
}
