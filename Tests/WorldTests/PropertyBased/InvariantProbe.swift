@testable import Kernel
@testable import World

/// Looks at every pool after every event of a run (through the seam of
/// `Sources/World/World+InvariantProbe.swift`) for what the interval outputs cannot show:
///
/// - no queue is longer than its `queue_limit`;
/// - no request waits while a worker of its pool is idle;
/// - no worker is given work beyond the pool's capacity (after a capacity cut, busy workers
///   above it finish their request, so the number busy may exceed the workers only while it
///   does not grow);
/// - no level is negative (busy workers, queued requests, workers on order).
///
/// It also ends a run that would not end: past `eventBudget` events it stops the run and
/// reports it (a zero-time loop, or a model far bigger than the generator means to make).
struct InvariantProbe: WorldProbe {
    let eventBudget: Int
    private(set) var events = 0
    private(set) var log = InvariantLog()
    private var previousBusy: [Int] = []
    /// Enough findings to shrink: later ones would only repeat them.
    static let enough = 8

    init(eventBudget: Int) { self.eventBudget = eventBudget }

    mutating func observe(_ world: borrowing World) -> Bool {
        events += 1
        if events > eventBudget {
            log.fail("the run ends", "more than \(eventBudget) events by t = \(world.sim.now) s")
            return false
        }
        if previousBusy.isEmpty { previousBusy = Array(repeating: 0, count: world.pools.count) }
        let now = world.sim.now
        for p in world.pools.indices {
            let name = world.model.pools[p].name
            let busy = world.pools[p].busy, workers = world.pools[p].workers, queued = world.pools[p].liveQueued
            if busy < 0 || queued < 0 || world.pools[p].onOrder < 0 || workers < 0 {
                log.fail("no counter is negative", "\(name) at t = \(now): busy \(busy), queued \(queued), workers \(workers), on order \(world.pools[p].onOrder)")
            }
            if queued > world.model.pools[p].queueLimit {
                log.fail("queue ≤ queue_limit", "\(name) at t = \(now): \(queued) queued, limit \(world.model.pools[p].queueLimit)")
            }
            if queued > 0 && busy < workers {
                log.fail("no request waits while a worker is idle", "\(name) at t = \(now): \(queued) queued, \(busy) of \(workers) workers busy")
            }
            if busy > workers && busy > previousBusy[p] {
                log.fail("busy ≤ workers", "\(name) at t = \(now): \(busy) busy (was \(previousBusy[p])), \(workers) workers")
            }
            previousBusy[p] = busy
        }
        return log.violations.count < Self.enough
    }
}

extension World {
    /// The requests a pool holds at the end of a run: legitimate ones queued (with the
    /// time they have waited so far) and in service, and attack requests queued.
    func heldRequests(pool p: Int) -> (queued: Int, waited: Double, inService: Int, attackQueued: Int) {
        var queued = 0, attackQueued = 0, waited = 0.0
        var attackQueuedBy = Array(repeating: 0, count: model.attacks.count)
        let ring = pools[p].queue
        for k in 0..<ring.count {
            guard let j = ring.storage[(ring.head + k) % ring.storage.count], jobs[j].state == .queued else { continue }
            if jobs[j].user < 0 {
                attackQueued += 1
                attackQueuedBy[Int(-1 - jobs[j].user)] += 1
            } else {
                queued += 1
                waited += sim.now - jobs[j].arrivedAtPool
            }
        }
        // Attack requests in service: a fluid attack's held workers, a discrete one's requests
        // in flight that are not queued.
        var attackBusy = 0
        for a in model.attacks.indices where model.attacks[a].pool == p {
            attackBusy += attacks.states[a].held + attacks.states[a].inFlight - attackQueuedBy[a]
        }
        return (queued, waited, pools[p].busy - attackBusy, attackQueued)
    }
}
