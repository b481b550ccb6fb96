import Scenario
import Stochastics

/// A segment's intent as exact intensities of visits per member over simulation time: what
/// the arrival processes invert and what the analytic twin reads, so both see the same demand.
///
/// Each intent component keeps its declared shape (``Stochastics/Intensity``): a relative
/// curve (in the file or a CSV) keeps its interpolation and breakpoints and is normalised to
/// its share, a normal bump is its exact normal density, and class-hour repeats are one bump
/// per listed time. Class cohorts arrive as clusters (``ClassArrivals``); their mean
/// intensity is the normal mixture their class moments and member spreads add up to. Visits
/// whose time falls outside the simulated window do not happen.
public struct VisitDensity: Sendable {
    /// Every first visit per member, cohorts included: the mean intensity the analytic twin
    /// reads (nil when no component has mass inside the window).
    public let firstVisits: Intensity?
    /// First visits of members who arrive on their own (bumps and curves): a Poisson process.
    public let independentFirstVisits: Intensity?
    /// First visits that arrive class by class, one entry per cohort component.
    public let classes: [ClassArrivals]
    /// Repeat visits (class-hour logins) per member, nil when there are none.
    public let repeatVisits: Intensity?

    /// The intent of clock-time `start` over the simulation window (seconds from `start`).
    public init(intent: Intent, start: Double, window: (from: Double, to: Double)) throws(WorldBuildError) {
        var independent: [Intensity.Term] = []
        var clustered: [Intensity.Term] = []
        var classes: [ClassArrivals] = []
        for component in intent.components {
            switch component {
            case .bump(let share, let at, let sd):
                independent.append(.normal(mean: at - start, sd: Self.bumpSD(sd), weight: share))
            case .curve(let share, let relative):
                let curve: RateCurve
                do { curve = try relative.rateCurve(start: start) } catch {
                    throw WorldBuildError(message: "intent curve: \(error)")
                }
                // The shape is relative: the share is spread over the curve's whole extent.
                let total = curve.cumulative(at: curve.times[curve.times.count - 1])
                guard total > 0 else { continue }
                independent.append(.curve(curve, weight: share / total))
            case .cohorts(let cohorts):
                let arrivals = ClassArrivals(cohorts, start: start, window: window)
                clustered += arrivals.memberTerms
                if arrivals.classMoments.total > 0 { classes.append(arrivals) }
            }
        }
        var repeats: [Intensity.Term] = []
        for r in intent.repeats {
            for at in r.at {
                repeats.append(.normal(mean: at + r.offset - start, sd: Self.bumpSD(r.sd), weight: r.probability))
            }
        }
        firstVisits = Self.intensity(window, independent + clustered)
        independentFirstVisits = Self.intensity(window, independent)
        self.classes = classes
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
