/// A scale model of the scenario: `share` of the population against `share` of every capacity.
///
/// Simulating 10% of 12 million pupils against 10% of every pool, session cap and
/// admission rate keeps each resource's load (offered work ÷ capacity) as at full scale,
/// so utilisations, saturation times, shares of users served, waits in overload and
/// attempts per success are estimated at a tenth of the cost; counts are divided by
/// `share` on output. This is the population sampling of large agent-based simulators
/// (MATSim's 1–10% samples with flow capacities scaled alike). What it does not keep:
/// the pooling of a large pool (Erlang C's wait at c servers shrinks with c, so a scaled
/// pool that is busy but not overloaded queues somewhat more), and integer capacities
/// are rounded (a cap of 15 sessions at 10% is 1.5 → 2). Check a sampled model against a
/// full-scale run where that matters (docs/scenario-format.md, "Sampling").
struct Sampling {
    let share: Double

    /// A whole capacity (workers, sessions, queue places) at the sample's scale: rounded,
    /// and never below one so that a pool or cap does not vanish.
    func count(_ full: Int) -> Int {
        guard share != 1, full > 0 else { return full }
        return max(1, Int((Double(full) * share).rounded()))
    }

    /// A rate (admissions or requests per second) at the sample's scale.
    func rate(_ full: Double) -> Double { full * share }
}
