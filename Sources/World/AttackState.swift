import Stochastics

/// What happened to an attack's requests, and to the legitimate requests its filter met,
/// over a stretch of time. Fluid attacks count expected requests (rate × time), so their
/// counts need not be whole.
struct AttackCounters {
    var offered = 0.0
    var filtered = 0.0
    /// Dropped beyond the filter's capacity (`over_capacity: drop`), or by the pool: a full
    /// queue (discrete) or load beyond all of its workers (fluid).
    var dropped = 0.0
    var served = 0.0
    var legitBlocked = 0.0
    var legitUsersBlocked = 0.0

    mutating func reset() { self = AttackCounters() }
}

/// One attack during a replication: where it is in its profile, what it holds of its
/// pool, and what it has done.
struct AttackState {
    var profile: AttackProfile
    /// Index of the profile step in force (−1 before the first).
    var step = -1
    /// Requests per second offered now, and what the filter does with them.
    var offeredRate = 0.0
    var shares = AttackFilter.Shares()
    /// Fluid mode: workers the surviving attack would keep busy (rate × mean cost), the
    /// workers it holds now, and whether the dithering cycle is in its upper phase.
    var load = 0.0
    var target = 0
    var held = 0
    var ditherHigh = false
    /// Fluid mode: the time up to which expected counts have been added.
    var accountedUntil = 0.0
    /// Discrete mode: attack requests queued or in service at the pool.
    var inFlight = 0
    /// Workers busy with attack requests (held, or serving discrete requests).
    var busyLevel = LevelIntegral()
    var workersLevelArea = 0.0
    var interval = AttackCounters()
    var run = AttackCounters()
    var measuring = false
    /// Arrival times and each request's fate (discrete), and the profile's bursts.
    let stream: RandomStream
    /// Service times of discrete attack requests.
    let costStream: RandomStream
    /// The filter's decisions about legitimate requests.
    let filterStream: RandomStream
    /// Per user slot, the arrival time of the last visit the filter blocked a request of:
    /// a visit counts once among the users blocked.
    var blockedVisits: [Int32: Double] = [:]

    @inline(__always)
    mutating func count(_ change: (inout AttackCounters) -> Void) {
        change(&interval)
        if measuring { change(&run) }
    }
}

/// Every attack of the replication, and the per-pool chance that the filters in front of a
/// pool block a legitimate request (read on each legitimate arrival, hence kept flat).
struct AttackRuntime {
    var states: [AttackState] = []
    /// Per pool: attack indices whose filter is in front of it.
    var byPool: [[Int]] = []
    /// Whether any filter blocks legitimate requests right now (the hot path's only test).
    var filtering = false
    /// Whether a fluid attack holds fewer workers than it wants (it takes freed workers first).
    var wantWorkers = false
    /// Per-interval series of every attack (``World/attackSeriesMetrics`` per attack).
    var series: [Series] = []

    init() {}

    init(model: CompiledModel, streams: StreamFactory) {
        byPool = Array(repeating: [], count: model.pools.count)
        for (a, attack) in model.attacks.enumerated() {
            // Own streams, named after the attack: no user's, arrival's or pool's draws move.
            let bursts = streams.stream("attack-bursts:" + attack.name)
            states.append(AttackState(
                profile: AttackProfile(attack, horizon: model.duration, stream: bursts),
                stream: streams.stream("attack:" + attack.name),
                costStream: streams.stream("attack-cost:" + attack.name),
                filterStream: streams.stream("attack-filter:" + attack.name)))
            byPool[attack.pool].append(a)
        }
    }
}
