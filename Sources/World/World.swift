import Kernel
import Scenario
import Stochastics

/// The simulated day: populations, users, gates and server pools on the event kernel.
///
/// One `World` is one replication. It owns its random streams (not `Sendable`); run
/// replications in parallel by giving each thread its own `World`. Entities live in
/// arrays addressed by index (``UserTable``, ``JobTable``) and every event is a small
/// ``WorldEvent`` value dispatched by a `switch`, so the loop allocates nothing per event
/// once the tables have grown to the day's peak.
public struct World {
    let model: CompiledModel
    let scenarioName: String
    /// When pools and platforms count as overloaded or refusing (World+Saturation.swift).
    let saturation: SaturationSettings
    /// Per platform and report interval: legitimate requests an attack filter blocked
    /// (empty until the first block; ``countFilterBlock(user:)``).
    var filterBlocked: [[Double]] = []
    var sim = Simulator<WorldEvent>()
    var users = UserTable()
    var jobs = JobTable()

    var pools: [PoolState]
    var platforms: [PlatformState]
    var segments: [SegmentStats]
    /// Per gate of every platform (`model.gateSites`): its waiting room, token bucket, cap latch and counters.
    var gates: [GateState]
    var processes: [ArrivalProcess]
    let arrivalStreams: [RandomStream]
    let sourceKeys: [UInt64]
    /// Per class-cohort source: the stream of class sizes and member offsets, and the moment
    /// of the class whose opening is scheduled (World+Classes.swift); nil and NaN elsewhere.
    let memberStreams: [RandomStream?]
    var classMoments: [Double]
    var serials: [UInt64]
    let random = EntityRandom()
    /// Per user: the client's throttling window and retry budget (ClientTable.swift).
    var clients = ClientTable()
    /// Per arrival source, flattened so the hot path never copies a model struct:
    /// its segment, platform (−1 for textbook sources) and behaviour index.
    let sourceSegment: [Int]
    let sourcePlatform: [Int]
    let sourceBehaviour: [Int]
    /// The routes flattened: route r visits routePools[routeStart[r] ..< routeStart[r + 1]].
    let routePools: [Int32]
    let routeStart: [Int32]
    var recorder: SeriesRecorder
    /// Per pool, the lognormal shapes of multi-request jobs' service demands.
    var requestSums: RequestSumShapes
    /// Attack traffic and mitigation filters (World+Attacks.swift).
    var attacks = AttackRuntime()
    var currentInterval = 0
    /// Whether the warm-up is over and run statistics count.
    var measuring = false

    /// Builds replication `replication` of `scenario` (seed from the scenario unless given).
    public init(scenario: Scenario, replication: Int = 0, seed: UInt64? = nil) throws(WorldBuildError) {
        let model = try CompiledModel(scenario)
        try Self.checkRecordedValues(model, replications: 1)
        self.model = model
        scenarioName = scenario.name
        saturation = scenario.saturation
        let streams = StreamFactory(seed: seed ?? scenario.seed, replication: replication)
        pools = model.pools.map { PoolState(workers: $0.workers) }
        platforms = Array(repeating: PlatformState(), count: model.platforms.count)
        segments = Array(repeating: SegmentStats(checkpoints: model.checkpoints.count), count: model.segmentNames.count)
        gates = model.gateSites.map { site in
            let gate = model.platforms[site.platform].gates[site.step]
            var state = GateState()
            switch gate.kind {
            case .waitingRoom(let room):
                state.started = !(room.startsAt > 0)
                // The gate's own stream: a random order never shifts any user's draws.
                if room.randomOrder { state.stream = streams.stream("gate:" + model.platforms[site.platform].name + ":" + gate.id) }
            case .tokenBucket(let bucket):
                state.tokens = bucket.burst
            case .timeWindows, .sessionCap:
                break
            }
            return state
        }
        processes = model.arrivals.map(\.process)
        // Each arrival source has its own stream, named after the source: arrivals never
        // depend on policies, pools or other sources.
        arrivalStreams = model.arrivals.map { streams.stream("arrivals:" + $0.name) }
        sourceKeys = model.arrivals.map { streams.entityKey("users:" + $0.name) }
        memberStreams = model.arrivals.map { $0.classes == nil ? nil : streams.stream("class-members:" + $0.name) }
        classMoments = Array(repeating: .nan, count: model.arrivals.count)
        serials = Array(repeating: 0, count: model.arrivals.count)
        recorder = SeriesRecorder(model: model)
        requestSums = RequestSumShapes(pools: model.pools.count)
        attacks = AttackRuntime(model: model, streams: streams)
        sourceSegment = model.arrivals.map(\.segment)
        sourcePlatform = model.arrivals.map { model.segmentPlatform[$0.segment] }
        sourceBehaviour = model.arrivals.map(\.behaviour)
        routePools = model.routes.flatMap { $0 }
        routeStart = model.routes.reduce(into: [Int32(0)]) { $0.append($0.last! + Int32($1.count)) }
        // Buckets of a quarter of the shortest report interval keep the calendar's current
        // heap small for nationwide runs; textbook models with few pending events need none.
        sim = Simulator(bucketWidth: model.arrivals.contains { if case .platform = $0.target { true } else { false } }
                        ? 0.25 : .infinity)
    }

    /// Runs the replication to the end of the window and returns what was observed.
    ///
    /// - Complexity: O(events · log pending events); memory O(users present at once).
    public mutating func run(progress: ((_ simulatedSeconds: Double, _ events: UInt64) -> Void)? = nil) -> RunResult {
        var probe = NoProbe()
        return run(progress: progress, probe: &probe)
    }

    /// Runs the replication with `probe` looking at the world after every event
    /// (World+InvariantProbe.swift: a test seam, free when the probe is ``NoProbe``).
    mutating func run<Probe: WorldProbe>(progress: ((_ simulatedSeconds: Double, _ events: UInt64) -> Void)?,
                                         probe: inout Probe) -> RunResult {
        let horizon = model.duration
        for s in processes.indices {
            if let classes = model.arrivals[s].classes {
                scheduleNextClass(s, lead: classes.lead)
            } else if let t = processes[s].next(arrivalStreams[s]), t <= horizon {
                sim.schedule(at: t, .arrival(source: Int32(s)))
            }
        }
        for (p, pool) in model.pools.enumerated() {
            for step in pool.schedule where step.time >= 0 && step.time <= horizon {
                sim.schedule(at: step.time, .capacityChange(pool: Int32(p), workers: Int32(step.workers)))
            }
            if let scaling = pool.autoscaling {
                sim.schedule(at: scaling.interval, .autoscaleCheck(pool: Int32(p)))
            }
        }
        for g in gates.indices {
            if let room = room(g), room.startsAt > 0, room.startsAt <= horizon {
                sim.schedule(at: room.startsAt, .roomStart(gate: Int32(g)))
            }
        }
        sim.schedule(at: min(model.interval, horizon), .intervalEnd)
        startAttacks()
        if model.warmup <= 0 { startMeasuring(at: 0) }

        while let event = sim.next(until: horizon) {
            if let progress, sim.firedEvents & 0xF_FFFF == 0 { progress(sim.now, sim.firedEvents) }
            prefetch(sim.upcoming)
            // Statistics start exactly at the end of the warm-up (nothing happens between the
            // last event before it and this one).
            if !measuring, sim.now > model.warmup { startMeasuring(at: model.warmup) }
            switch event {
            case .arrival(let source): arrival(Int(source))
            case .classOpens(let source): classOpens(Int(source))
            case .classMember(let source): visitorArrives(Int(source))
            case .loginAttempt(let user, let generation):
                if users[Int(user)].actionGeneration == generation { loginAttempt(user) }
            case .serviceDone(let job, _): serviceDone(job)
            case .clientTimeout(let job, let generation, _):
                if jobs[Int(job)].generation == generation { clientTimeout(job) }
            case .thinkDone(let user, let generation):
                if users[Int(user)].actionGeneration == generation { thinkDone(user) }
            case .sessionLimit(let user, let session):
                if users[Int(user)].session == session { sessionLimitReached(user) }
            case .idleExpiry(let user, let session):
                if users[Int(user)].session == session { idleExpired(user) }
            case .capacityChange(let pool, let workers): setWorkers(Int(pool), Int(workers))
            case .autoscaleCheck(let pool): autoscale(Int(pool))
            case .provisioned(let pool, let workers):
                pools[Int(pool)].onOrder -= Int(workers)
                setWorkers(Int(pool), pools[Int(pool)].workers + Int(workers))
            case .intervalEnd: intervalEndReached()
            case .roomRelease(let gate): roomRelease(gate: Int(gate))
            case .roomRenege(let user, let generation, let gate):
                if users[Int(user)].actionGeneration == generation { roomRenege(user, gate: Int(gate)) }
            case .roomStart(let gate): roomStart(gate: Int(gate))
            case .attackStep(let attack, let step): attackStep(Int(attack), Int(step))
            case .attackArrival(let attack, let generation): attackArrival(Int(attack), generation: generation)
            case .attackDither(let attack, let generation): attackDither(Int(attack), generation: generation)
            case .attackServiceDone(let job): attackServiceDone(job)
            }
            if !probe.observe(self) { break }
        }
        return finish()
    }

    /// Asks the cache for the record the next event will touch, so its memory wait
    /// overlaps the handling of the current event.
    @inline(__always)
    func prefetch(_ event: WorldEvent?) {
        switch event {
        case .loginAttempt(let u, _), .thinkDone(let u, _), .sessionLimit(let u, _), .idleExpiry(let u, _):
            users.prefetch(u)
        case .serviceDone(let j, let u), .clientTimeout(let j, _, let u):
            // Finishing or timing out a request reads its sender's record too.
            jobs.prefetch(j)
            users.prefetch(u)
        default:
            break
        }
    }

    /// The end of the warm-up: from here on, run statistics count.
    mutating func startMeasuring(at now: Double) {
        measuring = true
        for p in pools.indices {
            pools[p].measuring = true
            pools[p].busyLevel.startMeasuring(at: now)
            pools[p].queueLevel.startMeasuring(at: now)
            pools[p].workersLevel.startMeasuring(at: now)
        }
        for p in platforms.indices {
            platforms[p].measuring = true
            platforms[p].sessionLevel.startMeasuring(at: now)
            platforms[p].presentLevel.startMeasuring(at: now)
            platforms[p].orbitLevel.startMeasuring(at: now)
        }
        for g in gates.indices {
            gates[g].measuring = true
            gates[g].roomLevel.startMeasuring(at: now)
        }
        startMeasuringAttacks(at: now)
    }

    // MARK: Drawing for an entity

    /// A draw from `distribution` on user `u`'s own random sequence.
    @inline(__always)
    mutating func draw(_ distribution: Distribution, for u: Int32) -> Double {
        random.draw(distribution, at: &users[u].random)
    }

    /// A uniform (0, 1) draw on user `u`'s own random sequence.
    @inline(__always)
    mutating func uniform(for u: Int32) -> Double {
        random.uniform(at: &users[u].random)
    }

    /// Index of user `u`'s behaviour profile in `model.behaviours`.
    @inline(__always)
    func behaviourIndex(of u: Int32) -> Int { sourceBehaviour[Int(users[u].source)] }

    @inline(__always)
    func platformIndex(of u: Int32) -> Int { sourcePlatform[Int(users[u].source)] }

    @inline(__always)
    func segmentIndex(of u: Int32) -> Int { sourceSegment[Int(users[u].source)] }
}
