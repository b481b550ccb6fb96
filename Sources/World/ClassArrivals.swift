import Scenario
import Stochastics

/// One `intent.cohorts[]` component ready to simulate: the Poisson process of the moments
/// classes open, and how each class's members arrive around its moment.
///
/// A Neyman–Scott cluster process (Daley & Vere-Jones, *An Introduction to the Theory of
/// Point Processes*, §6.3): class moments are a Poisson process of intensity
/// Σⱼ (share·wⱼ / E[N])·N(startⱼ + offset, classSD²) per segment member, each class brings
/// N = max(1, ⌈X⌉) members, and each member arrives at the moment + N(0, memberSD²). By
/// Campbell's theorem the members' mean intensity is E[N] times the class intensity
/// convolved with the member spread, share·Σⱼ wⱼ·N(startⱼ + offset, classSD² + memberSD²):
/// the normal mixture the analytic twin reads (``memberTerms``). Counts are overdispersed:
/// over a window that holds whole classes, Var/Mean = E[N²]/E[N] instead of Poisson's 1.
public struct ClassArrivals: Sendable {
    /// Classes per segment member over simulation time, over the simulated window widened
    /// by ``lead`` on both sides: a class that opens just outside the window still brings
    /// the members who arrive inside it.
    public let classMoments: Intensity
    /// Members per class, a count distribution drawn as a whole count.
    public let classSize: Distribution
    /// Standard deviation of a member's arrival around their class's moment (at least 1 s).
    public let memberSD: Double
    /// The members' mean intensity per segment member, as normal terms.
    let memberTerms: [Intensity.Term]

    /// How long before its moment a class's first member may arrive: 8 standard deviations
    /// of the member spread, beyond which a normal's mass (6·10⁻¹⁶) no longer matters.
    public var lead: Double { Self.lead(memberSD) }

    static func lead(_ memberSD: Double) -> Double { 8 * memberSD }

    /// `cohorts` of a scenario starting at clock time `start`, over the simulation window.
    init(_ cohorts: ClassCohorts, start: Double, window: (from: Double, to: Double)) {
        // Standard deviations below a second count as a second, as a bump's do.
        let classSD = VisitDensity.bumpSD(cohorts.classSD)
        let memberSD = VisitDensity.bumpSD(cohorts.memberSD)
        let meanSize = cohorts.classSize.wholeCountMoments.mean
        let totalWeight = cohorts.weights.reduce(0, +)
        let memberSpread = (classSD * classSD + memberSD * memberSD).squareRoot()
        var classes: [Intensity.Term] = [], members: [Intensity.Term] = []
        for (at, weight) in zip(cohorts.starts, cohorts.weights) where weight > 0 {
            let mean = at + cohorts.offset - start
            let share = cohorts.share * weight / totalWeight
            classes.append(.normal(mean: mean, sd: classSD, weight: share / meanSize))
            members.append(.normal(mean: mean, sd: memberSpread, weight: share))
        }
        let lead = Self.lead(memberSD)
        classMoments = Intensity(window: (window.from - lead, window.to + lead), terms: classes)
        classSize = cohorts.classSize
        self.memberSD = memberSD
        memberTerms = members
    }
}
