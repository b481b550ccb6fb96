import QueueingTheory
import Scenario

/// A birth–death chain in one count N whose rates are piecewise constant in time: classes
/// of Poisson arrivals, each admitted while N is below its limit (refused otherwise); c
/// servers at rate μ each; the N − c beyond them abandon at rate θ each.
struct CountChain {
    struct Class {
        var rate: Double
        /// Admitted while N < limit; `Int.max`: always.
        var limit: Int
    }

    struct Regime {
        var classes: [Class]
        /// `Int.max`: every one of N is served (infinite servers, or sessions).
        var servers: Int
        var serviceRate: Double
        var abandonRate: Double
    }

    let kind: ExactTwin.Kind
    let entity: String
    /// Times (from the scenario start) where a rate, limit or server count may change.
    let breakpoints: [Double]
    /// The rates in force at a time strictly inside a phase.
    let regime: (Double) -> Regime
    /// The count past which the model stops being this chain, and why; nil: none.
    let ceiling: (count: Int, reason: String)?

    /// Per report interval: the chain's figures, with N cut (when unbounded) far enough.
    func rows(scenario: Scenario, intervals: Int) throws(SweepError) -> [ExactTwin.Row] {
        let width = scenario.reportInterval
        var times = Set((0...intervals).map { min(Double($0) * width, scenario.duration) })
        times.formUnion(breakpoints.filter { $0 > 0 && $0 < scenario.duration })
        let edges = times.sorted()
        // A step function is read in the middle of each phase: a curve's value at its own
        // breakpoints (its last point closes it) is never what holds over the phase.
        let phases = zip(edges, edges.dropFirst()).map { (duration: $1 - $0, regime: regime(($0 + $1) / 2)) }
        let arriving = phases.flatMap { $0.regime.classes.filter { $0.rate > 0 } }
        if arriving.allSatisfy({ $0.limit < Int.max }) {
            let bound = arriving.map(\.limit).max() ?? 0
            if let ceiling, bound > ceiling.count { throw .invalid(ceiling.reason) }
            return try solve(phases, capacity: bound, cut: false, scenario: scenario)!
        }
        let finite = phases.flatMap { [$0.regime.servers] + $0.regime.classes.map(\.limit) }.filter { $0 < Int.max }
        let base = finite.max() ?? 0
        var extra = 200
        while extra <= 1 << 16 {
            let cut = min(base + extra, ceiling?.count ?? Int.max)
            if let rows = try solve(phases, capacity: cut, cut: true, scenario: scenario) { return rows }
            if let ceiling, cut == ceiling.count { throw .invalid(ceiling.reason) }
            extra *= 2
        }
        throw .invalid("\(kind) '\(entity)': the count grows past \(base + extra / 2); the chain cannot be cut there")
    }

    /// Solves on states 0...capacity; with `cut`, nil when P(N = capacity) is not negligible.
    func solve(_ phases: [(duration: Double, regime: Regime)], capacity: Int, cut: Bool,
               scenario: Scenario) throws(SweepError) -> [ExactTwin.Row]? {
        let width = scenario.reportInterval
        let states = 0...capacity
        var blocking: [[Double]] = []
        let chainPhases = phases.map { phase -> TransientBirthDeath.Phase in
            let r = phase.regime
            let lambda = r.classes.reduce(0) { $0 + $1.rate }
            // Refused in state k: the classes whose limit k has reached (a cut is not a limit).
            let refusing = states.map { k in r.classes.reduce(0) { $0 + ($1.limit <= k ? $1.rate : 0) } }
            let birth = states.map { k in k < capacity ? lambda - refusing[k] : 0 }
            let served = states.map { Double(min($0, r.servers)) * r.serviceRate }
            let waiting = states.map { Double(max(0, $0 - r.servers)) }
            let abandoning = waiting.map { $0 * r.abandonRate }
            let top = r.classes.map(\.limit).max() ?? Int.max
            blocking.append(lambda > 0 ? refusing.map { $0 / lambda } : states.map { $0 >= top ? 1 : 0 })
            return TransientBirthDeath.Phase(
                duration: phase.duration, birth: birth, death: zip(served, abandoning).map(+),
                rewards: [states.map(Double.init), waiting, refusing, abandoning, served])
        }
        let snapshots: [TransientBirthDeath.Snapshot]
        do {
            snapshots = try TransientBirthDeath.solve(initial: [1] + Array(repeating: 0, count: capacity), phases: chainPhases)
        } catch {
            throw .invalid("\(kind) '\(entity)': \(error)")
        }
        if cut, snapshots.contains(where: { $0.distribution[capacity] > ExactTwin.truncationTolerance }) { return nil }
        // Interval k ends at the snapshot whose time is its end.
        var rows: [ExactTwin.Row] = []
        var previous = [Double](repeating: 0, count: 5)
        var previousTime = 0.0
        for (i, snapshot) in snapshots.enumerated() {
            let k = Int((previousTime / width).rounded(.down))
            guard snapshot.time >= min(Double(k + 1) * width, scenario.duration) - 1e-9 else { continue }
            let span = snapshot.time - Double(k) * width
            // Every figure is ≥ 0; the integration's rounding can leave −1e-30 where the truth is 0.
            let d = zip(snapshot.rewards, previous).map { max(0, $0 - $1) }
            let block = zip(snapshot.distribution, blocking[i]).reduce(0) { $0 + $1.0 * $1.1 }
            rows.append(ExactTwin.Row(kind: kind, entity: entity, start: Double(k) * width, meanInSystem: d[0] / span,
                                      meanQueue: d[1] / span, meanAtEnd: snapshot.meanCount, blockingAtEnd: min(1, max(0, block)),
                                      refused: d[2], abandoned: d[3], served: d[4]))
            previous = snapshot.rewards
            previousTime = snapshot.time
        }
        return rows
    }
}
