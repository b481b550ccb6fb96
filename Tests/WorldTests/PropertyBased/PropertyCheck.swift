import Foundation
import Scenario
@testable import World

/// Runs one generated scenario and checks every invariant on it.
enum PropertyCheck {
    enum Outcome {
        /// The loader or the world builder refused the scenario (a generator bug when generated;
        /// a candidate the shrinker drops).
        case invalid(String)
        /// The run happened; these invariants broke (none: all hold).
        case checked([InvariantLog.Violation])
    }

    /// More events than any generated scenario needs by far (they have a few thousand): a run
    /// past it does not end.
    static let eventBudget = 2_000_000

    /// Loads `c`, runs it with the invariant probe, checks its end state and outputs, then runs
    /// it again without the probe: the same seed must give the same figures, bit for bit
    /// (which also shows the probe changes nothing).
    static func check(_ c: GeneratedCase) -> Outcome { check(file: c.file, policy: c.policy) }

    static func check(file: String, policy: String?, eventBudget: Int = PropertyCheck.eventBudget) -> Outcome {
        let scenario: Scenario
        var world: World
        do {
            scenario = try Models.load(text: file, name: "property.yaml", policy: policy)
            world = try World(scenario: scenario)
        } catch {
            return .invalid("\(error)")
        }
        var probe = InvariantProbe(eventBudget: eventBudget)
        let run = world.run(progress: nil, probe: &probe)
        var log = probe.log
        if !log.violations.isEmpty { return .checked(log.violations) }
        do {
            try endState(world, run, scenario: scenario, &log)
            try RunInvariants.conservation(run, &log)
            try RunInvariants.signs(run, &log)
            let varying = world.model.pools.filter { !$0.schedule.isEmpty || $0.autoscaling != nil }.map(\.name)
            try RunInvariants.counters(run, measuredFrom: 0, capacityChanges: Set(varying), &log)
        } catch {
            log.fail("outputs complete", "\(error)")
        }
        do {
            var again = try World(scenario: scenario)
            let second = again.run()
            log.invariant = "the same seed gives the same bytes"
            log.expect(second.layout == run.layout, "the second run reports other figures")
            log.expect(second.fingerprint == run.fingerprint, "the second run differs")
        } catch {
            log.fail("the same seed gives the same bytes", "the second build failed: \(error)")
        }
        return .checked(log.violations)
    }

    /// Per pool, at the end of the run:
    ///
    /// - requests are conserved: every legitimate request that arrived was served, rejected
    ///   (queue full), dropped (expired in the queue), reneged (textbook patience), or is
    ///   still queued or in service. A timed-out request is not an outcome of its own: the
    ///   pool either drops it or serves it (counted `wasted`), so `timed_out` is only bounded
    ///   by the arrivals;
    /// - the queue's level is the number of legitimate requests in it;
    /// - Little's law holds exactly over the run (no warm-up): the area under the queue
    ///   length equals the waits of every request that left the queue (served, reneged or
    ///   dropped: `mean_wait` × exits) plus the waits so far of those still queued at the end.
    ///
    /// The outputs of a sampled run are counts of the full population (divided by `sample`),
    /// so they are multiplied back before comparing with the simulated requests.
    static func endState(_ world: World, _ run: RunResult, scenario: Scenario, _ log: inout InvariantLog) throws {
        let f = scenario.sample
        let now = world.sim.now
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }
        for (p, pool) in world.model.pools.enumerated() {
            let name = pool.name
            let held = world.heldRequests(pool: p)
            func total(_ metric: String) throws -> Double { try run.values(metric, name).reduce(0, +) * f }
            let arrived = try total("arrived"), served = try total("served"), rejected = try total("rejected")
            let dropped = try total("dropped"), reneged = try total("reneged"), timedOut = try total("timed_out")
            log.invariant = "requests are conserved"
            log.expect(held.inService >= 0, "\(name): \(held.inService) legitimate requests in service")
            log.expect(world.pools[p].liveQueued == held.queued + held.attackQueued,
                       "\(name): \(world.pools[p].liveQueued) counted queued, \(held.queued) + \(held.attackQueued) attack in the queue")
            let outcomes = served + rejected + dropped + reneged + Double(held.queued + held.inService)
            log.expect(close(arrived, outcomes),
                       "\(name): arrived \(arrived) ≠ served \(served) + rejected \(rejected) + dropped \(dropped) + reneged \(reneged) + queued \(held.queued) + in service \(held.inService)")
            log.expect(timedOut <= arrived + 1e-9, "\(name): \(timedOut) timed out of \(arrived) arrived")
            log.invariant = "queue level = requests queued"
            log.expect(world.pools[p].queueLevel.value == Double(held.queued),
                       "\(name): level \(world.pools[p].queueLevel.value), \(held.queued) legitimate requests queued")
            log.invariant = "Little's law (L = λW, dropped work counted)"
            let measured = max(1e-9, now - scenario.warmup)
            let area = try run.value("mean_queue", name) * f * measured
            let exits = served + reneged + dropped + Double(held.inService)
            let wait = try run.value("mean_wait", name)
            if exits == 0 {
                log.expect(wait.isNaN, "\(name): mean wait \(wait) without any exit from the queue")
                log.expect(close(area, held.waited), "\(name): queue area \(area), waits so far \(held.waited), no exits")
            } else {
                log.expect(close(area, wait * exits + held.waited),
                           "\(name): queue area \(area) ≠ mean wait \(wait) × exits \(exits) + waits so far \(held.waited) of \(held.queued) queued")
            }
        }
    }
}
