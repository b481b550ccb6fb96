/// Attack traffic on server pools, and the mitigation filters in front of them.
///
/// Each attack follows its ``AttackProfile``: at every step the offered rate is the
/// nominal rate × intensity, and the filter (``AttackFilter``) splits it into filtered,
/// dropped and passing shares for the step's mitigation effect. Two ways to run the
/// passing share:
///
/// - **discrete**: every attack request is an event drawn from the attack's own stream;
///   a passing request is a job in the target pool's FIFO queue like any other (it holds a
///   worker for its `request_cost`, and is rejected when the queue is full). It has no user:
///   it never times out, retries or touches a user's random numbers.
/// - **fluid**: the attack holds, for the whole step, the workers its passing load keeps
///   busy: w = λ_pass · E[cost] (Little's law for the attack's requests in service). The
///   held workers count as busy workers of the pool, so legitimate requests get the
///   others through the pool's usual queue: a request waits when held + busy legitimate
///   ≥ workers. A fractional w is dithered (⌈w⌉ for the fractional share of each 10 s,
///   ⌊w⌋ otherwise) so the time average is exact. When w reaches the pool's workers the
///   attack holds them all: legitimate requests queue, time out or are rejected — the
///   pool is cut (in a shared FIFO queue they would keep a share λ_L·E[S_L] / (λ_L·E[S_L] + w)
///   of the capacity, which this model rounds to zero; the excess attack load is counted as
///   dropped). The cost of a fluid attack is a handful of events per step and one every
///   10 s, whatever its rate.
///
/// Legitimate requests reaching a filtered pool are blocked with the filter's current
/// probability (false positives, or over-capacity drops), decided on the filter's own
/// stream: the user sees a failed request and follows their retry behaviour.
extension World {
    /// The dithering period of a fluid attack holding a fractional number of workers.
    static let ditherPeriod = 10.0

    /// Schedules each attack's first profile step.
    mutating func startAttacks() {
        for a in attacks.states.indices where !attacks.states[a].profile.steps.isEmpty {
            sim.schedule(at: 0, .attackStep(attack: Int32(a), step: 0))
        }
    }

    /// A new profile step: new rate, new filter shares; the attack's requests or held
    /// workers follow.
    mutating func attackStep(_ a: Int, _ k: Int) {
        let now = sim.now
        let m = model.attacks[a]
        accountFluid(a, until: now)
        let step = attacks.states[a].profile.steps[k]
        attacks.states[a].step = k
        attacks.states[a].offeredRate = m.rate * step.intensity
        attacks.states[a].shares = m.filter?.shares(rate: attacks.states[a].offeredRate, effect: step.effect) ?? .init()
        attacks.filtering = attacks.states.contains { $0.shares.legitBlocked > 0 }
        if k + 1 < attacks.states[a].profile.steps.count {
            sim.schedule(at: attacks.states[a].profile.steps[k + 1].time, .attackStep(attack: Int32(a), step: Int32(k + 1)))
        }
        let passing = attacks.states[a].offeredRate * attacks.states[a].shares.passed
        if m.fluid {
            attacks.states[a].load = passing * m.cost.mean
            attacks.states[a].ditherHigh = true
            attackDither(a, generation: UInt32(k))
        } else if attacks.states[a].offeredRate > 0 {
            let gap = attacks.states[a].stream.exponential(mean: 1 / attacks.states[a].offeredRate)
            sim.schedule(after: gap, .attackArrival(attack: Int32(a), generation: UInt32(k)))
        }
    }

    // MARK: Fluid

    /// A fluid attack's workers for the next part of the dithering cycle (and of its step).
    mutating func attackDither(_ a: Int, generation: UInt32) {
        guard attacks.states[a].step == Int(generation) else { return }
        let m = model.attacks[a]
        let p = m.pool
        accountFluid(a, until: sim.now)
        let load = attacks.states[a].load
        let capacity = pools[p].workers
        let whole = load.rounded(.down)
        let fraction = load - whole
        let high = attacks.states[a].ditherHigh
        // Clamped as a Double: a load above the pool's workers (even an infinite one, from a
        // 1e308/s attack) holds them all, and is never converted to Int unbounded.
        setTarget(a, Int(min(Double(capacity), whole + (high && fraction > 0 ? 1 : 0))))
        guard load > 0 else { return }
        // The next look: the end of this phase of the cycle (capacity may change meanwhile).
        let phase = fraction > 0 && Double(capacity) > load ? (high ? fraction : 1 - fraction) * Self.ditherPeriod : Self.ditherPeriod
        attacks.states[a].ditherHigh = fraction > 0 && Double(capacity) > load ? !high : true
        sim.schedule(after: phase, .attackDither(attack: Int32(a), generation: generation))
    }

    /// Sets the workers fluid attack `a` wants. It lets go of workers at once; it takes free
    /// workers at once and the others as their requests finish, before any queued request
    /// (the attack's load arrives continuously, so it is first in line for every freed worker).
    mutating func setTarget(_ a: Int, _ workers: Int) {
        attacks.states[a].target = workers
        let p = model.attacks[a].pool
        if workers < attacks.states[a].held {
            hold(a, workers)
            attacks.wantWorkers = attacks.states.contains { $0.held < $0.target }
            startWaitingJobs(at: p)
        } else {
            attackTakesFreeWorkers(at: p)
        }
    }

    /// Fluid attacks on pool `p` short of their target take its free workers.
    mutating func attackTakesFreeWorkers(at p: Int) {
        for a in attacks.byPool[p] where attacks.states[a].held < attacks.states[a].target {
            let free = max(0, pools[p].workers - pools[p].busy)
            hold(a, attacks.states[a].held + min(free, attacks.states[a].target - attacks.states[a].held))
        }
        attacks.wantWorkers = attacks.states.contains { $0.held < $0.target }
    }

    /// Makes fluid attack `a` hold `workers` workers of its pool, counted as busy workers.
    mutating func hold(_ a: Int, _ workers: Int) {
        let delta = workers - attacks.states[a].held
        guard delta != 0 else { return }
        let p = model.attacks[a].pool
        let now = sim.now
        attacks.states[a].held = workers
        attacks.states[a].busyLevel.set(Double(workers), at: now)
        pools[p].busy += delta
        pools[p].busyLevel.add(Double(delta), at: now)
        if delta < 0 { slotsLeft(p) }
    }

    /// Adds a fluid attack's expected counts from the last account to `now`.
    mutating func accountFluid(_ a: Int, until now: Double) {
        let m = model.attacks[a]
        guard m.fluid else { return }
        let dt = now - attacks.states[a].accountedUntil
        attacks.states[a].accountedUntil = now
        guard dt > 0 else { return }
        let s = attacks.states[a]
        let cost = m.cost.mean
        // Served: what the held workers get through; the passing rest finds no worker.
        let passing = s.offeredRate * s.shares.passed
        let served = cost > 0 ? min(passing, Double(s.held) / cost) : passing
        attacks.states[a].count {
            $0.offered += s.offeredRate * dt
            $0.filtered += s.offeredRate * s.shares.filtered * dt
            $0.dropped += (s.offeredRate * s.shares.dropped + passing - served) * dt
            $0.served += served * dt
        }
    }

    // MARK: Discrete

    /// The next request of discrete attack `a`: filtered, dropped, or sent to its pool.
    mutating func attackArrival(_ a: Int, generation: UInt32) {
        guard attacks.states[a].step == Int(generation) else { return }
        let m = model.attacks[a]
        let s = attacks.states[a]
        let u = s.stream.uniform()
        if u < s.shares.filtered {
            attacks.states[a].count { $0.offered += 1; $0.filtered += 1 }
        } else if u < s.shares.filtered + s.shares.dropped {
            attacks.states[a].count { $0.offered += 1; $0.dropped += 1 }
        } else {
            attacks.states[a].count { $0.offered += 1 }
            let j = jobs.add(Job(user: -1 - Int32(a), source: -1, route: Int32(m.route), kind: .page,
                                 renegesWhileQueued: false, arrivedAtPool: sim.now, deadline: .infinity, random: 0))
            attackRequestArrives(j, attack: a, at: m.pool)
        }
        sim.schedule(after: s.stream.exponential(mean: 1 / s.offeredRate), .attackArrival(attack: Int32(a), generation: generation))
    }

    /// An attack request reaches its pool: served at once, queued, or rejected when the queue is full.
    mutating func attackRequestArrives(_ j: Int32, attack a: Int, at p: Int) {
        if pools[p].busy < pools[p].workers {
            attacks.states[a].inFlight += 1
            startAttackService(j, at: p)
        } else if pools[p].liveQueued < model.pools[p].queueLimit {
            attacks.states[a].inFlight += 1
            // Queued: it takes a place in the queue (and counts against its limit), but the
            // queue level, like the pool's waits, counts legitimate requests only.
            jobs[j].state = .queued
            pools[p].queue.append(j)
            pools[p].liveQueued += 1
        } else {
            attacks.states[a].count { $0.dropped += 1 }
            jobs.remove(j)
        }
    }

    /// Whether job `j` is an attack request (it has no user).
    @inline(__always)
    func isAttackJob(_ j: Int32) -> Bool { jobs[j].user < 0 }

    /// An attack request takes a worker for its cost, drawn from the attack's cost stream.
    mutating func startAttackService(_ j: Int32, at p: Int) {
        let a = Int(-1 - jobs[j].user)
        let now = sim.now
        // The pool's queue level counts legitimate requests only, like its waits: undo the
        // queue's count of this request leaving it (no time passes, so no area changes).
        if jobs[j].state == .queued { pools[p].queueLevel.add(1, at: now) }
        pools[p].busy += 1
        pools[p].busyLevel.add(1, at: now)
        attacks.states[a].busyLevel.add(1, at: now)
        jobs[j].state = .inService
        let cost = max(0, model.attacks[a].cost.sample(attacks.states[a].costStream))
        sim.schedule(after: cost, .attackServiceDone(job: j))
    }

    mutating func attackServiceDone(_ j: Int32) {
        let a = Int(-1 - jobs[j].user)
        let p = model.attacks[a].pool
        let now = sim.now
        pools[p].busy -= 1
        pools[p].busyLevel.add(-1, at: now)
        attacks.states[a].busyLevel.add(-1, at: now)
        attacks.states[a].inFlight -= 1
        attacks.states[a].count { $0.served += 1 }
        jobs.remove(j)
        slotsLeft(p)
        startWaitingJobs(at: p)
    }

    // MARK: Legitimate requests at a filter

    /// Whether a filter in front of pool `p` blocks legitimate request `j`; a blocked request
    /// fails for its user (who retries or gives up as after any failure).
    mutating func filterBlocks(_ j: Int32, at p: Int) -> Bool {
        guard !attacks.byPool.isEmpty else { return false }
        for a in attacks.byPool[p] {
            let chance = attacks.states[a].shares.legitBlocked
            guard chance > 0, attacks.states[a].filterStream.uniform() < chance else { continue }
            let u = jobs[j].user
            let visit = users[u].arrivalTime
            let newUser = attacks.states[a].blockedVisits[u] != visit
            if newUser { attacks.states[a].blockedVisits[u] = visit }
            attacks.states[a].count {
                $0.legitBlocked += 1
                if newUser { $0.legitUsersBlocked += 1 }
            }
            // A refusal by policy for saturation, when its user still waits for it (as requestFailed counts it).
            if !jobs[j].clientGaveUp, users[Int(u)].currentJob == j { countFilterBlock(user: u) }
            requestFailed(j)
            jobs.remove(j)
            return true
        }
        return false
    }
}
