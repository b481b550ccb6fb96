import Foundation
import Scenario
import Stochastics
import World

/// Calibration by history matching (Craig, Goldstein, Seheult & Smith 1997; Vernon,
/// Goldstein & Bower 2010; Andrianakis et al. 2015): rule out the parameter values that
/// cannot reproduce what was observed, keep every value that can.
///
/// Wave 1 runs a Latin hypercube over the whole parameter box; each later wave runs a
/// Latin hypercube over the box around the points still plausible (widened by one stratum
/// of the previous wave, so the region's edge is explored). Every point is simulated
/// `replications` times on common random numbers (replication r uses substream r at every
/// point of every wave). Point x is ruled out when one `fit` observation k has
///
///     I_k(x) = |z_k − mean_k(x)| / sqrt(Var_obs,k + Var_disc,k + Var_sim,k(x)/R [+ Var_sim,k(x)]) > 3,
///
/// the bracketed term only for an observation of a single day (`single_day: true`). No
/// emulator: every judged point was simulated, so nothing is ruled out on a prediction.
/// `holdout` observations are computed the same way but never rule anything out.
public enum HistoryMatching {
    public struct Settings: Sendable {
        /// At most this many waves; fewer when a wave rules out nothing new.
        public var waves: Int
        /// Points per wave.
        public var points: Int
        public var replications: Int
        public var jobs: Int
        /// The runs' master seed (nil: the scenario's).
        public var seed: UInt64?
        /// The designs' seed (the Latin hypercubes).
        public var designSeed: UInt64
        /// The implausibility above which a point is ruled out.
        public var cutoff: Double

        public init(waves: Int, points: Int, replications: Int, jobs: Int, seed: UInt64?, designSeed: UInt64, cutoff: Double = HistoryMatching.plausibleCutoff) {
            self.waves = waves
            self.points = points
            self.replications = replications
            self.jobs = jobs
            self.seed = seed
            self.designSeed = designSeed
            self.cutoff = cutoff
        }
    }

    /// What one observation read at one point, over its replications.
    /// The implausibility at or below which a point survives (the 3-sigma rule of
    /// Pukelsheim, used throughout history matching); `check` judges observations by it too.
    public static let plausibleCutoff = 3.0

    public struct Reading: Sendable, Hashable {
        public let mean: Double
        /// The run-to-run variance (NaN with one replication).
        public let variance: Double
        /// Replications in which the figure did not exist (no saturation to time, say).
        public let missing: Int
        public let implausibility: Double
    }

    public struct Point: Sendable {
        /// 1-based wave, and 1-based index within it.
        public let wave: Int
        public let index: Int
        /// Where the point lies in the unit box, one coordinate per parameter.
        public let position: [Double]
        /// The parameters' values, in their bounds' units.
        public let values: [Double]
        /// One per observation, in the scenario's order.
        public let readings: [Reading]
        /// The largest implausibility over the `fit` observations.
        public let maxImplausibility: Double
        public let plausible: Bool
    }

    public struct Wave: Sendable {
        public let number: Int
        /// The part of the unit box sampled, per parameter.
        public let box: [ClosedRange<Double>]
        public let points: Int
        public let plausible: Int
        /// The estimated share of the whole parameter space not yet ruled out after this wave.
        public let remaining: Double
        /// Whether that estimate and the next wave's design came from emulators (else from the box of the plausible points).
        public let emulated: Bool
        /// The previous wave's emulators against this wave's runs, which they never saw.
        public let emulatorCheck: EmulatorCheck?
    }

    /// How well emulators fitted on earlier waves predicted a wave's simulated means: the
    /// predictions within 3 standard deviations (emulator and simulation variance) of the
    /// simulated mean, over every fit observation and point.
    public struct EmulatorCheck: Sendable, Hashable {
        public let predictions: Int
        public let within3SD: Int
    }

    public struct Result: Sendable {
        public let parameters: [CalibrationParameter]
        public let observations: [Observation]
        public let settings: Settings
        public let waves: [Wave]
        public let points: [Point]
        /// Why the waves stopped.
        public let stop: Stop

        public var plausible: [Point] { points.filter(\.plausible) }
    }

    public enum Stop: Sendable, Equatable {
        case allWaves
        /// A wave after the first ruled out none of its points: the region it sampled is plausible throughout, as far as a design of that size can tell.
        case nothingNewRuledOut(wave: Int)
        /// No point of any wave is plausible.
        case nothingSurvives
    }

    /// Calibrates the model `load` builds from overrides (the CLI passes ScenarioLoader with
    /// `--set` and `--policy`), on `base`'s calibration and observation blocks.
    public static func run(_ base: Scenario, settings: Settings, load: ([Override]) throws -> Scenario,
                           progress: (@Sendable (_ wave: Int, _ done: Int, _ total: Int) -> Void)? = nil) throws -> Result {
        let parameters = base.calibration
        let observations = base.observations
        guard !parameters.isEmpty else { throw SweepError.invalid("the model has no `calibration:` parameters to vary") }
        guard observations.contains(where: { $0.role == .fit }) else {
            throw SweepError.invalid("the model has no `fit` observation to match (`observations:` with `role: fit`)")
        }
        // A wave's figures are held until it is judged, one per observation and run.
        let held = Double(settings.points) * Double(settings.replications) * Double(observations.count)
        guard held <= Double(RunBounds.maxHeldValues) else {
            throw SweepError.invalid("\(settings.points) points × \(settings.replications) replications × \(observations.count) observations "
                + "= \(String(format: "%.3g", held)) figures held in memory per wave, above the limit of \(RunBounds.maxHeldValues); use fewer replications or points")
        }
        guard settings.replications >= 2 else {
            throw SweepError.invalid("--replications \(settings.replications): the simulation's own variance needs at least 2 replications per point")
        }
        var points: [Point] = []
        var waves: [Wave] = []
        var box = Array(repeating: 0.0...1.0, count: parameters.count)
        var positions = design(in: box, count: settings.points, seed: settings.designSeed &+ 1)
        var emulators: [Int: QuadraticEmulator] = [:]
        var remaining = 1.0
        var stop = Stop.allWaves
        for wave in 1...max(1, settings.waves) {
            let judged = try simulate(positions, wave: wave, parameters: parameters, observations: observations,
                                      settings: settings, load: load, progress: progress)
            // The previous wave's emulators never saw these runs: they are its held-out check.
            let check = emulators.isEmpty ? nil : emulatorCheck(emulators, on: judged, observations: observations, replications: settings.replications)
            points += judged
            let next = refocus(after: points, box: box, wave: wave, observations: observations, settings: settings)
            // A judged point stays judged, so the estimate of what is left never grows back.
            remaining = min(remaining, next.remaining)
            waves.append(Wave(number: wave, box: box, points: judged.count, plausible: judged.filter(\.plausible).count,
                              remaining: remaining, emulated: next.emulated, emulatorCheck: check))
            if next.positions.isEmpty {
                stop = .nothingSurvives
                break
            }
            if wave > 1, judged.allSatisfy(\.plausible) {
                stop = .nothingNewRuledOut(wave: wave)
                break
            }
            (box, positions, emulators) = (next.box, next.positions, next.emulators)
        }
        if !points.contains(where: \.plausible) { stop = .nothingSurvives }
        return Result(parameters: parameters, observations: observations, settings: settings, waves: waves, points: points, stop: stop)
    }

    /// A Latin hypercube of `count` positions inside `box` (seeded SplitMix64: the same on any machine).
    static func design(in box: [ClosedRange<Double>], count: Int, seed: UInt64) -> [[Double]] {
        var random = SplitMix64(seed: seed)
        var columns: [[Double]] = []
        for range in box {
            var strata = Array(0..<count)
            for i in stride(from: count - 1, to: 0, by: -1) {
                strata.swapAt(i, Int(random.next() % UInt64(i + 1)))
            }
            let width = range.upperBound - range.lowerBound
            columns.append(strata.map { range.lowerBound + (Double($0) + random.unit()) / Double(count) * width })
        }
        return (0..<count).map { k in columns.map { $0[k] } }
    }

    /// Simulates every position `replications` times and judges it.
    static func simulate(_ positions: [[Double]], wave: Int, parameters: [CalibrationParameter], observations: [Observation],
                         settings: Settings, load: ([Override]) throws -> Scenario,
                         progress: (@Sendable (Int, Int, Int) -> Void)?) throws -> [Point] {
        let values = positions.map { position in zip(parameters, position).map { $0.value(at: $1) } }
        // Every point is built (and its observations resolved) before anything runs, so a
        // value the model refuses fails at once, naming the point.
        var scenarios: [Scenario] = []
        var targets: [[ExpectationTarget]] = []
        for (index, point) in values.enumerated() {
            let overrides = zip(parameters, point).flatMap { $0.overrides($1) }
            do {
                let scenario = try load(overrides)
                scenarios.append(scenario)
                targets.append(try observations.map { try ObservationTarget.resolve($0, in: scenario) })
            } catch {
                let assignments = overrides.map { "\($0.path)=\($0.value)" }.joined(separator: ", ")
                throw SweepError.invalid("wave \(wave), point \(index + 1) (\(assignments)): \(error)")
            }
        }
        let replications = settings.replications
        let total = positions.count * replications
        let done = Counter()
        let (built, reads) = (scenarios, targets)
        let figures = try ParallelRuns.map(count: total, jobs: settings.jobs) { k throws(WorldBuildError) in
            try World(scenario: built[k / replications], replication: k % replications, seed: settings.seed)
        } finish: { k, world in
            let run = world.run()
            progress?(wave, (done.take(below: Int.max) ?? 0) + 1, total)
            return reads[k / replications].map { $0.value(in: run) }
        }
        return positions.indices.map { p in
            let runs = figures[(p * replications)..<((p + 1) * replications)]
            let readings = observations.indices.map { k in
                reading(observations[k], runs.map { $0[k] }, replications: replications)
            }
            let fit = observations.indices.filter { observations[$0].role == .fit }.map { readings[$0].implausibility }
            let worst = fit.max() ?? 0
            return Point(wave: wave, index: p + 1, position: positions[p], values: values[p], readings: readings,
                         maxImplausibility: worst, plausible: worst <= settings.cutoff)
        }
    }

    /// The mean, variance and implausibility of one observation over a point's replications.
    /// A figure missing from any replication (a saturation that never happened) cannot
    /// match a value that was observed: its implausibility is infinite.
    public static func reading(_ observation: Observation, _ values: [Double], replications: Int) -> Reading {
        let finite = values.filter(\.isFinite)
        let missing = values.count - finite.count
        let estimate = Estimate(finite)
        let variance = estimate.standardDeviation * estimate.standardDeviation
        guard missing == 0, estimate.mean.isFinite else {
            return Reading(mean: estimate.mean, variance: variance, missing: missing, implausibility: .infinity)
        }
        return Reading(mean: estimate.mean, variance: variance, missing: 0,
                       implausibility: implausibility(observation, mean: estimate.mean, variance: variance, replications: replications))
    }

    /// I = |z − mean| / sqrt(Var_obs + Var_disc + Var_sim/R [+ Var_sim for one day's value] [+ Var_emulator]):
    /// the simulated implausibility, or with `emulatorVariance` an emulated one.
    public static func implausibility(_ observation: Observation, mean: Double, variance: Double, replications: Int,
                                      emulatorVariance: Double = 0) -> Double {
        let z = observation.value
        let sd = observation.sd.sd(of: z), discrepancy = observation.discrepancy.sd(of: z)
        let simulation = variance.isFinite ? variance : 0
        let denominator = sd * sd + discrepancy * discrepancy + simulation / Double(replications) + (observation.singleDay ? simulation : 0)
            + emulatorVariance
        let distance = abs(z - mean)
        guard denominator > 0 else { return distance == 0 ? 0 : .infinity }
        return distance / denominator.squareRoot()
    }
}

extension HistoryMatching.Result {
    /// Each parameter's range over the plausible points (nil when nothing survives).
    public var keptRanges: [ClosedRange<Double>?] {
        parameters.indices.map { d in
            let values = plausible.map { $0.values[d] }
            guard let low = values.min(), let high = values.max() else { return nil }
            return low...high
        }
    }

    /// For each `fit` observation, the points it rules out, and those it alone rules out.
    public func ruledOut(by k: Int) -> (points: Int, alone: Int) {
        let cutoff = settings.cutoff
        let fits = observations.indices.filter { observations[$0].role == .fit }
        var count = 0, alone = 0
        for point in points where point.readings[k].implausibility > cutoff {
            count += 1
            if fits.allSatisfy({ $0 == k || point.readings[$0].implausibility <= cutoff }) { alone += 1 }
        }
        return (count, alone)
    }

    /// A holdout's prediction by the plausible set: the range of its means over the
    /// plausible points, and the smallest implausibility among them (≤ cutoff: some
    /// plausible world reproduces the observed value within its uncertainty).
    public func prediction(of k: Int) -> (low: Double, high: Double, smallestImplausibility: Double)? {
        let means = plausible.map { $0.readings[k].mean }.filter(\.isFinite)
        guard let low = means.min(), let high = means.max() else { return nil }
        return (low, high, plausible.map { $0.readings[k].implausibility }.min() ?? .infinity)
    }
}
