/// Everything that can happen in the world, as a small value: the kernel stores these in
/// its calendar and the world dispatches on them with a `switch`.
///
/// Events about a user or a job carry a generation stamp: when the user's plans change
/// (a forced logout interrupts thinking, a job is recycled), the stamp no longer matches
/// and the event is ignored when it fires (lazy cancellation).
enum WorldEvent {
    /// The next visit of an arrival source.
    case arrival(source: Int32)
    /// A class of a class-cohort source opens: its members' arrivals are scheduled.
    case classOpens(source: Int32)
    /// A member of a class arrives (one visitor of the source, no next arrival to plan).
    case classMember(source: Int32)
    /// A user tries to log in (first attempt, retry, re-login or comeback).
    case loginAttempt(user: Int32, generation: UInt32)
    /// A job finishes service at the pool it is in. `user` is the job's sender, carried
    /// only so that the loop can prefetch both records (the event still fits 32 bytes).
    case serviceDone(job: Int32, user: Int32)
    /// A job's client stops waiting for it (`user`: its sender, for prefetching).
    case clientTimeout(job: Int32, generation: UInt32, user: Int32)
    /// A user finished reading a page and asks for the next one.
    case thinkDone(user: Int32, generation: UInt32)
    /// A session reaches its time limit (forced logout).
    case sessionLimit(user: Int32, session: UInt32)
    /// A session idle for too long expires.
    case idleExpiry(user: Int32, session: UInt32)
    /// A planned change of a pool's capacity.
    case capacityChange(pool: Int32, workers: Int32)
    /// An autoscaler looks at its pool.
    case autoscaleCheck(pool: Int32)
    /// Capacity ordered by an autoscaler arrives.
    case provisioned(pool: Int32, workers: Int32)
    /// The end of a report interval.
    case intervalEnd
    /// A waiting room (its gate state in `World.gates`) lets users out.
    case roomRelease(gate: Int32)
    /// A user's patience runs out in a waiting room.
    case roomRenege(user: Int32, generation: UInt32, gate: Int32)
    /// A waiting room's pre-queue closes and admissions start.
    case roomStart(gate: Int32)
    /// An attack's profile reaches its next step (new rate, new mitigation effect).
    case attackStep(attack: Int32, step: Int32)
    /// The next request of a discrete attack (stale once its profile step has passed).
    case attackArrival(attack: Int32, generation: UInt32)
    /// A fluid attack's held workers move to the next phase of their dithering cycle.
    case attackDither(attack: Int32, generation: UInt32)
    /// A discrete attack request finishes its service.
    case attackServiceDone(job: Int32)
}
