import Scenario
import Stochastics

/// Where the next wave looks (history matching's refocusing step).
///
/// Once some simulated points are plausible, the next wave samples the box around them,
/// widened on each side by one stratum of the last design (a plausible point at the edge
/// may have plausible neighbours the design did not reach). Before any is, emulators
/// guide the search: each `fit` observation gets a ``QuadraticEmulator``, 100 candidate
/// positions per wave point are drawn in the box, and a candidate is kept when its
/// emulated implausibility, the emulator's own variance added to the denominator, is at
/// most the cutoff for every fit observation; the next box is the kept candidates' box.
/// In both cases, when emulators can be fitted (on the points inside the box if they are
/// enough for a quadratic, else on all), the wave's points are drawn from the candidates
/// they keep (a seeded subsample), the rest from a Latin hypercube of the box.
///
/// The share of the space still plausible is estimated as the box's volume times the
/// share of uniform candidates the emulators keep, or, without emulators, times the share
/// of the last wave's points that are plausible.
extension HistoryMatching {
    struct Refocus {
        var box: [ClosedRange<Double>]
        /// The next wave's design; empty when nothing anywhere looks plausible.
        var positions: [[Double]]
        var remaining: Double
        var emulated: Bool
        var emulators: [Int: QuadraticEmulator]
    }

    static let candidatesPerPoint = 100

    static func refocus(after points: [Point], box: [ClosedRange<Double>], wave: Int, observations: [Observation],
                        settings: Settings) -> Refocus {
        let survivors = points.filter(\.plausible)
        let seed = settings.designSeed &+ UInt64(wave + 1)
        let region = survivors.isEmpty
            ? box
            : enclosing(survivors.map(\.position), widenedBy: box.map { ($0.upperBound - $0.lowerBound) / Double(max(1, settings.points)) })
        let volume = region.reduce(1.0) { $0 * ($1.upperBound - $1.lowerBound) }
        let emulators = fitEmulators(points, inside: region, observations: observations)
        guard let emulators else {
            let lastWave = points.filter { $0.wave == wave }
            let remaining = volume * Double(lastWave.filter(\.plausible).count) / Double(max(1, lastWave.count))
            return Refocus(box: region, positions: survivors.isEmpty ? [] : design(in: region, count: settings.points, seed: seed),
                           remaining: remaining, emulated: false, emulators: [:])
        }
        let count = candidatesPerPoint * settings.points
        let candidates = design(in: region, count: count, seed: seed &+ 0x9E37_79B9)
        let fits = emulators.keys.sorted()
        let variances = fits.map { k in meanVariance(points.map { $0.readings[k].variance }) }
        let kept = candidates.filter { position in
            fits.indices.allSatisfy { i in
                let (mean, emulatorVariance) = emulators[fits[i]]!.predict(position)
                return implausibility(observations[fits[i]], mean: mean, variance: variances[i], replications: settings.replications,
                                      emulatorVariance: emulatorVariance) <= settings.cutoff
            }
        }
        let remaining = volume * Double(kept.count) / Double(count)
        if survivors.isEmpty {
            // Nothing simulated is plausible yet: the emulators say where to look, or that nowhere is worth it.
            guard !kept.isEmpty else { return Refocus(box: box, positions: [], remaining: 0, emulated: true, emulators: emulators) }
            let focus = enclosing(kept, widenedBy: box.map { ($0.upperBound - $0.lowerBound) / Double(2 * settings.points) })
            var positions = subsample(kept, count: settings.points, seed: seed)
            if positions.count < settings.points { positions += design(in: focus, count: settings.points - positions.count, seed: seed) }
            return Refocus(box: focus, positions: positions, remaining: remaining, emulated: true, emulators: emulators)
        }
        var positions = subsample(kept, count: settings.points, seed: seed)
        if positions.count < settings.points { positions += design(in: region, count: settings.points - positions.count, seed: seed) }
        return Refocus(box: region, positions: positions, remaining: remaining, emulated: true, emulators: emulators)
    }

    /// One emulator per `fit` observation, on the points inside `box` when they are enough
    /// for a quadratic, else on all; nil when some observation has too few points for any fit.
    static func fitEmulators(_ points: [Point], inside box: [ClosedRange<Double>], observations: [Observation]) -> [Int: QuadraticEmulator]? {
        let inside = points.filter { point in zip(point.position, box).allSatisfy { $1.contains($0) } }
        let local = inside.count >= 2 * QuadraticEmulator.terms(dimension: box.count, quadratic: true) ? inside : points
        var emulators: [Int: QuadraticEmulator] = [:]
        for k in observations.indices where observations[k].role == .fit {
            let usable = local.filter { $0.readings[k].missing == 0 && $0.readings[k].mean.isFinite }
            guard let emulator = QuadraticEmulator(positions: usable.map(\.position), values: usable.map { $0.readings[k].mean }) else { return nil }
            emulators[k] = emulator
        }
        return emulators
    }

    /// The previous wave's emulators against this wave's simulated means.
    static func emulatorCheck(_ emulators: [Int: QuadraticEmulator], on points: [Point], observations: [Observation],
                              replications: Int) -> EmulatorCheck {
        var predictions = 0, within = 0
        for point in points {
            for (k, emulator) in emulators where point.readings[k].missing == 0 && point.readings[k].mean.isFinite {
                let (mean, variance) = emulator.predict(point.position)
                let simulation = point.readings[k].variance.isFinite ? point.readings[k].variance / Double(replications) : 0
                let scale = (variance + simulation).squareRoot()
                predictions += 1
                if abs(point.readings[k].mean - mean) <= 3 * scale { within += 1 }
            }
        }
        return EmulatorCheck(predictions: predictions, within3SD: within)
    }

    /// The mean of the finite variances (0 when none is).
    static func meanVariance(_ variances: [Double]) -> Double {
        let finite = variances.filter(\.isFinite)
        return finite.isEmpty ? 0 : finite.reduce(0, +) / Double(finite.count)
    }

    /// The box holding `positions`, widened by `margin` per coordinate, within the unit box.
    static func enclosing(_ positions: [[Double]], widenedBy margin: [Double]) -> [ClosedRange<Double>] {
        margin.indices.map { d in
            let coordinates = positions.map { $0[d] }
            return max(0, coordinates.min()! - margin[d])...min(1, coordinates.max()! + margin[d])
        }
    }

    /// `count` of `positions` chosen at random (seeded), in their original order; all of them when fewer.
    /// (Also `--ensemble-size`'s subsample of a plausible set.)
    static func subsample<T>(_ positions: [T], count: Int, seed: UInt64) -> [T] {
        guard positions.count > count else { return positions }
        var random = SplitMix64(seed: seed)
        var indices = Array(positions.indices)
        for i in 0..<count {
            let j = i + Int(random.next() % UInt64(indices.count - i))
            indices.swapAt(i, j)
        }
        return indices.prefix(count).sorted().map { positions[$0] }
    }
}
