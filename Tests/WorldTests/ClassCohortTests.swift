#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CGSL
import Foundation
import Scenario
import Testing
import World

/// A class cohort and the figures derived for it by hand, independently of the simulator:
/// the members' mean per minute (a normal mixture, through `erfc`) and the index of
/// dispersion of the whole day's first visits.
struct CohortCase: Sendable, CustomTestStringConvertible {
    let name: String
    let size: Int
    let intent: String
    /// Expected first visits in the minute starting at minute k after 08:00.
    let perMinute: @Sendable (Double) -> Double
    /// Var/Mean of the day's first visits: E[N²]/E[N] for the classes' visits (every class
    /// opens more than 8 sd inside the day, so it is whole in it), 1 for a Poisson part.
    let dispersion: Double
    var testDescription: String { name }
}

let cohortCases: [CohortCase] = {
    typealias S = DemandShapes
    // Class moments N(start + offset, 3²) minutes, members ± 2 min: each start's members ~ N(·, 3² + 2²).
    let sd = (9.0 + 4.0).squareRoot()
    // ⌈U(20, 30)⌉ is 21…30 with probability 1/10 each: E[N] = 25.5, E[N²] = (Σ₂₁³⁰ k²)/10 = 658.5.
    let uniformRatio = 658.5 / 25.5
    // The bump's mass inside 08:00–10:00 (it is Poisson: its counts have Var = Mean).
    let bumpMass = S.normalMass(mean: 60, sd: 20, 0, 120)
    return [
        CohortCase(name: "classes of 25 at two starts weighted 3:1, two minutes late", size: 5000,
                   intent: "{cohorts: [{share: 100%, starts: [08:30, 09:30], weights: [3, 1], class_size: 25, offset: 2min, class_sd: 3min, member_sd: 2min}]}",
                   perMinute: { k in 5000 * (0.75 * S.normalMass(mean: 32, sd: sd, k, k + 1) + 0.25 * S.normalMass(mean: 92, sd: sd, k, k + 1)) },
                   dispersion: 25),
        CohortCase(name: "classes of ⌈U(20, 30)⌉ for 60% of visits, a Poisson bump for 40%", size: 5000,
                   intent: "{cohorts: [{share: 60%, starts: [08:30, 09:30], class_size: uniform(20, 30), offset: 2min, class_sd: 3min, member_sd: 2min}], bumps: [{share: 40%, at: 09:00, sd: 20min}]}",
                   perMinute: { k in
                       5000 * (0.3 * S.normalMass(mean: 32, sd: sd, k, k + 1) + 0.3 * S.normalMass(mean: 92, sd: sd, k, k + 1)
                               + 0.4 * S.normalMass(mean: 60, sd: 20, k, k + 1))
                   },
                   // Var = 0.6·M·E[N²]/E[N] + 0.4·M·mass, Mean = 0.6·M + 0.4·M·mass (the parts are independent).
                   dispersion: (0.6 * uniformRatio + 0.4 * bumpMass) / (0.6 + 0.4 * bumpMass)),
    ]
}()

/// The index of dispersion s²/x̄ of replications' counts and the `confidence` interval of
/// Var/Mean it gives: (n − 1)s²/σ² is chi-square with n − 1 degrees of freedom for normal
/// counts (a compound Poisson sum of about 100 classes is close: its excess kurtosis, about
/// 1/100, is small against the 2 the chi-square law already has).
struct DispersionInterval: CustomStringConvertible {
    let index: Double
    let low: Double
    let high: Double

    init(_ counts: [Double], confidence: Double) {
        let n = Double(counts.count)
        let mean = counts.reduce(0, +) / n
        index = counts.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1) / mean
        let tail = (1 - confidence) / 2
        low = index * (n - 1) / gsl_cdf_chisq_Qinv(tail, n - 1)
        high = index * (n - 1) / gsl_cdf_chisq_Pinv(tail, n - 1)
    }

    func contains(_ x: Double) -> Bool { x >= low && x <= high }

    var description: String { "\(index) in [\(low), \(high)]" }
}

@Suite("Class cohorts arrive as clusters")
struct ClassCohortTests {
    /// Per minute, the mean first visits of 400 replications against the hand-derived
    /// normal mixture, at 99.9% family-wise confidence over the 120 minutes (Student t from
    /// the runs' own spread). Then the day's total: the interval of its index of dispersion
    /// must hold the expected E[N²]/E[N].
    @Test("first visits per minute are the normal mixture, and the day's count is overdispersed by E[N²]/E[N]", arguments: cohortCases)
    func clusterStatistics(_ c: CohortCase) throws {
        let scenario = try Models.load(text: DemandShapes.model(size: c.size, intent: c.intent), name: "cohorts.yaml")
        let runs = try replicate(scenario, 400)
        let visits = try runs.map { try $0.values("visits", "users") }
        #expect(visits[0].count == 120)
        let confidence = familyConfidence(comparisons: 121)
        for k in 0..<120 {
            let agreed = agrees(visits.map { $0[k] }, c.perMinute(Double(k)), confidence: confidence)
            #expect(agreed, "visits in minute \(k), expected \(c.perMinute(Double(k)))")
        }
        let dispersion = DispersionInterval(visits.map { $0.reduce(0, +) }, confidence: confidence)
        #expect(dispersion.contains(c.dispersion), "index of dispersion \(dispersion), expected \(c.dispersion)")
    }

    /// The members of one class arrive within its spread: with classes that open at once
    /// (no class sd) at 08:30 and members ± 2 min, the minutes 08:28–08:32 hold
    /// P(|Z| ≤ 1) of the visits, as a bump of the same shape would, but their count is a
    /// compound Poisson sum of the classes' members in the window (Var = Λ·E[M²] with
    /// M ~ Binomial(25, p)), where a bump's Poisson count would have Var/Mean = 1.
    @Test("the same mean as a bump, the variance of clusters")
    func sameMeanAsABumpButClustered() throws {
        let clusters = try Models.load(text: DemandShapes.model(size: 2500, intent: "{cohorts: [{starts: [08:30], class_size: 25, member_sd: 2min}]}"),
                                       name: "cohorts.yaml")
        let runs = try replicate(clusters, 400).map { try $0.values("visits", "users") }
        // Class moments ± 1 s (a standard deviation below a second counts as one): members ~ N(30 min, 2² + (1/60)²).
        let sd = (4.0 + 1.0 / 3600).squareRoot()
        let p = DemandShapes.normalMass(mean: 30, sd: sd, 28, 32)
        let window = runs.map { $0[28..<32].reduce(0, +) }
        let confidence = familyConfidence(comparisons: 2)
        #expect(agrees(window, 2500 * p, confidence: confidence), "08:28–08:32: expected \(2500 * p)")
        // 100 classes on average, each sends Binomial(25, p) members into the window:
        // Var = 100·E[M²] = 100·(25p(1 − p) + 625p²), Mean = 100·25p.
        let expectedIndex = (25 * p * (1 - p) + 625 * p * p) / (25 * p)
        let dispersion = DispersionInterval(window, confidence: confidence)
        #expect(dispersion.contains(expectedIndex), "index of dispersion \(dispersion), expected \(expectedIndex)")
    }

    /// What the analytic twin reads: the first-visit density is the members' normal mixture
    /// (written out here from the pdf), the independent part is the bump alone, and the
    /// classes open at share ÷ E[N] per member.
    @Test("the twin's density of first visits is the cohort's normal mixture plus the bump")
    func densityIsTheNormalMixture() throws {
        let c = cohortCases[1]
        let scenario = try Models.load(text: DemandShapes.model(size: c.size, intent: c.intent), name: "cohorts.yaml")
        let density = try VisitDensity(intent: try #require(scenario.segments.first).intent, start: scenario.start, window: (0, scenario.duration))
        let pdf = { (t: Double, mean: Double, sd: Double) in exp(-(t - mean) * (t - mean) / (2 * sd * sd)) / (sd * (2 * Double.pi).squareRoot()) }
        let sd = (180.0 * 180 + 120 * 120).squareRoot()
        let first = try #require(density.firstVisits), independent = try #require(density.independentFirstVisits)
        for t in stride(from: 0.0, through: 7200, by: 30) {
            let bump = 0.4 * pdf(t, 3600, 1200)
            let expected = 0.3 * pdf(t, 1920, sd) + 0.3 * pdf(t, 5520, sd) + bump
            #expect(abs(first.rate(at: t) - expected) <= 1e-12 + 1e-9 * expected, "first visits at \(t) s")
            #expect(abs(independent.rate(at: t) - bump) <= 1e-12 + 1e-9 * bump, "independent visits at \(t) s")
        }
        #expect(density.classes.count == 1)
        #expect(abs(try #require(density.classes.first).classMoments.total - 0.6 / 25.5) <= 1e-9, "classes per member")
    }

    /// Classes draw on their own streams: turning one segment's intent into class cohorts
    /// leaves another segment's arrivals exactly as they were, and the same seed gives the
    /// same series twice.
    @Test("cohorts shift no other segment's draws, and the same seed gives the same series")
    func commonRandomNumbers() throws {
        func model(_ other: String) -> String {
            """
            version: 1
            start: 08:00
            end: 10:00
            seed: 7
            behaviours:
              - {id: one_page, pages_per_session: 1, requests_per_page: 1, login_cost: 0, think_time: 1s}
            segments:
              - {id: a, size: 1000, platforms: web, behaviour: one_page, intent: {bumps: [{at: 09:00, sd: 20min}]}}
              - {id: b, size: 1000, platforms: web, behaviour: one_page, intent: \(other)}
            platforms:
              - {id: web, pools: [web]}
            pools:
              - {id: web, servers: 10k, service_time: exponential(mean: 1s)}
            """
        }
        let bumps = try Models.load(text: model("{bumps: [{at: 08:40, sd: 10min}]}"), name: "crn.yaml")
        let classes = try Models.load(text: model("{cohorts: [{starts: [08:30, 09:00], class_size: 25, class_sd: 3min, member_sd: 2min}]}"), name: "crn.yaml")
        let first = try replicate(bumps, 1)[0], second = try replicate(classes, 1)[0], again = try replicate(classes, 1)[0]
        #expect(try first.values("visits", "a") == second.values("visits", "a"))
        #expect(try first.values("visits", "b") != second.values("visits", "b"))
        #expect(try second.values("visits", "b") == again.values("visits", "b"))
    }

    /// `sample: 10%` keeps classes of 25 and simulates a tenth of them: the day's count is
    /// still overdispersed by 25, where dividing the class size would have made it 2.5.
    @Test("sampling scales the number of classes, not their size")
    func samplingKeepsTheClassSize() throws {
        let text = DemandShapes.model(size: 25_000, intent: "{cohorts: [{starts: [08:30, 09:30], class_size: 25, class_sd: 3min, member_sd: 2min}]}")
            .replacingOccurrences(of: "report_interval: 1min", with: "report_interval: 1min\nsample: 10%")
        let scenario = try Models.load(text: text, name: "cohorts-sampled.yaml")
        // Counts are reported scaled back (÷ 10%): the simulated visits are a tenth of them.
        let totals = try replicate(scenario, 400).map { try $0.values("visits", "users").reduce(0, +) * 0.1 }
        let confidence = familyConfidence(comparisons: 2)
        #expect(agrees(totals, 2500, confidence: confidence), "simulated visits: expected 2500")
        let dispersion = DispersionInterval(totals, confidence: confidence)
        #expect(dispersion.contains(25), "index of dispersion \(dispersion), expected 25")
    }
}
