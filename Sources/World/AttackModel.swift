import Scenario
import Stochastics

/// An attack translated for the simulator: its target pool by index, its profile in
/// simulation time, its cost and its filter, every default resolved.
struct AttackModel {
    var name: String
    /// The pool the attack's requests land on (a service's pool, or a gate's pool).
    var pool: Int
    /// The route of a discrete attack request: the target pool alone.
    var route: Int
    /// Nominal requests per second; intensities multiply it.
    var rate: Double
    /// Sources sending it, when given as a botnet (per-source rate limits need it).
    var bots: Double?
    var windows: [Attack.Window]
    var ramps: [Attack.Ramp]
    var bursts: [Attack.BurstCampaign]
    /// Service time of one attack request at the target pool.
    var cost: Distribution
    var fluid: Bool
    var filter: AttackFilter?
    /// The mitigation's start and ramp-up (simulation time), when there is one.
    var mitigationStart: Double
    var mitigationRampUp: Double
}

extension CompiledModel {
    /// Compiles `scenario`'s attacks; `route` registers a route (a list of pools) and gives its index.
    static func compileAttacks(_ scenario: Scenario, pools: [PoolModel],
                               route: (Int32) -> Int) throws(WorldBuildError) -> [AttackModel] {
        // A sampled run (``Sampling``) meets a sampled attack: its rate, botnet and filter
        // capacity at the sample's share, like every pool it hits; a bot's own rate is unchanged.
        let scale = Sampling(share: scenario.sample)
        let poolIndex = Dictionary(uniqueKeysWithValues: pools.enumerated().map { ($1.name, $0) })
        var models: [AttackModel] = []
        for attack in scenario.attacks {
            let poolName: String
            switch attack.target {
            case .pool(let id):
                poolName = id
            case .service(let id):
                guard let service = scenario.service(id) else { throw WorldBuildError(message: "attack '\(attack.id)': unknown service '\(id)'") }
                poolName = service.pool
            case .gate(let id):
                // A gate is served by its own pool, else by the first pool of a platform behind it.
                guard let gate = scenario.gate(id) else { throw WorldBuildError(message: "attack '\(attack.id)': unknown gate '\(id)'") }
                guard let name = gate.pool ?? scenario.platforms.first(where: { $0.gates.contains(id) })?.pools.first else {
                    throw WorldBuildError(message: "attack '\(attack.id)': gate '\(id)' has no pool and no platform uses it; give the gate a `pool` or target a pool")
                }
                poolName = name
            }
            guard let p = poolIndex[poolName] else { throw WorldBuildError(message: "attack '\(attack.id)': unknown pool '\(poolName)'") }
            guard !pools[p].unlimited else {
                throw WorldBuildError(message: "attack '\(attack.id)': pool '\(poolName)' has `servers: unlimited`, so an attack takes no capacity from anyone; target a pool with a server count")
            }
            guard let cost = attack.requestCost ?? pools[p].service[Int(JobKind.page.rawValue)] else {
                throw WorldBuildError(message: "attack '\(attack.id)': pool '\(poolName)' has no page service time; give the attack a `request_cost`")
            }
            // Clock times become simulation times.
            let start = scenario.start
            let windows = attack.windows.map { w in var w = w; w.from -= start; w.to -= start; return w }
            let ramps = attack.ramps.map { r in var r = r; r.from -= start; r.to -= start; return r }
            let bursts = attack.bursts.map { b in var b = b; b.from -= start; b.to -= start; return b }
            let mitigation = attack.mitigation
            models.append(AttackModel(
                name: attack.id, pool: p, route: route(Int32(p)), rate: scale.rate(attack.rate), bots: attack.bots.map(scale.rate),
                windows: windows, ramps: ramps, bursts: bursts,
                cost: cost, fluid: attack.runsFluid,
                filter: mitigation.map { m in
                    AttackFilter(passThrough: m.passThrough, falsePositive: m.falsePositive, capacity: m.filterCapacity.map(scale.rate),
                                 dropsOverCapacity: m.overCapacity == .drop, perSourceLimit: m.perSourceRateLimit,
                                 geoBlockShare: m.geoBlockShare, bots: attack.bots.map(scale.rate))
                },
                mitigationStart: mitigation.map { $0.start - start } ?? .infinity,
                mitigationRampUp: mitigation?.rampUp ?? 0))
        }
        return models
    }
}
