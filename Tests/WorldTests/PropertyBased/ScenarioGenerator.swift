import Stochastics

/// Draws for the generator, from SplitMix64 (Stochastics): a scenario is a function of its
/// seed alone, on any machine.
extension SplitMix64 {
    /// A whole number in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    mutating func pick<T>(_ choices: [T]) -> T { choices[int(0...choices.count - 1)] }

    /// A random subset of `items` in a random order.
    mutating func subset<T>(_ items: [T], atMost: Int) -> [T] {
        var pool = items, chosen: [T] = []
        let n = int(0...min(atMost, items.count))
        for _ in 0..<n { chosen.append(pool.remove(at: int(0...pool.count - 1))) }
        return chosen
    }
}

/// One generated case: a scenario file and the policy it runs under (none: the base).
struct GeneratedCase: Sendable, CustomStringConvertible {
    var tree: YAMLTree
    var policy: String?

    var file: String { tree.scenarioFile }

    var description: String {
        (policy.map { "# run with --policy \($0)\n" } ?? "") + file
    }
}

/// Random valid scenarios that compose every mechanism of the scenario language, small
/// enough to run in milliseconds: one to three pools (servers, workers per server, queue
/// limits, dropping expired work, service times per request kind, capacity schedules,
/// autoscaling), segments with bumps, curves and repeats, behaviours with retries,
/// relogins, comebacks and client policies, platforms with tiers, single sign-on, retry
/// amplification and gates
/// in random orders (session caps refusing at the edge or after login, with activation
/// and active hours; session time limits; idle timeouts; FIFO or random waiting rooms with
/// slot or rate outflow, pre-queues and balking; token buckets; time windows; priority
/// reservations), Poisson sources, attacks in discrete and fluid mode with windows, ramps,
/// burst campaigns and mitigation, and policies that override any of it.
///
/// Every scenario it makes must be accepted by the loader and the world builder: one that
/// is not is a generator bug, and the property test says so with the file.
struct ScenarioGenerator {
    var rng: SplitMix64
    /// Minutes the run lasts (from 08:00).
    var minutes = 10

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    static func generate(seed: UInt64) -> GeneratedCase {
        var g = ScenarioGenerator(seed: seed)
        return g.scenario(seed: seed)
    }

    // MARK: Values

    /// Clock time `minute` minutes after 08:00 (`08:07`, or `08:07:30` for a half minute).
    func clock(_ minute: Int, second: Int = 0) -> YAMLTree {
        let total = 8 * 60 + minute
        let hm = "\(pad(total / 60)):\(pad(total % 60))"
        return .scalar(second == 0 ? hm : hm + ":\(pad(second))")
    }

    func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// A clock time inside the run.
    mutating func clockInside() -> YAMLTree { clock(rng.int(0...minutes - 1), second: rng.chance(0.3) ? 30 : 0) }

    /// A duration distribution whose mean is near `mean` milliseconds, of any family.
    mutating func duration(ms mean: Int) -> YAMLTree {
        let m = max(1, mean)
        switch rng.int(0...11) {
        case 0: return "exponential(mean: \(m)ms)"
        case 1: return "lognormal(mean: \(m)ms, cv: \(rng.pick(["0.5", "1", "1.5"])))"
        case 2: return "gamma(shape: 2, scale: \(max(1, m / 2))ms)"
        case 3: return "erlang(k: \(rng.int(1...4)), mean: \(m)ms)"
        case 4: return "uniform(\(m / 2)ms, \(m * 3 / 2)ms)"
        case 5: return .scalar("\(m)ms")
        case 6: return "deterministic(\(m)ms)"
        case 7: return "weibull(shape: 1.5, scale: \(m)ms)"
        case 8: return "pareto(shape: 2.5, scale: \(max(1, m * 3 / 5))ms)"
        case 9: return "normal(mean: \(m)ms, sd: \(max(1, m / 4))ms)"
        case 10: return "empirical(values: [\(max(1, m / 2))ms, \(m)ms, \(m * 2)ms], weights: [2, 5, 1])"
        default: return "mixture(0.5: exponential(mean: \(max(1, m / 2))ms), 0.5: exponential(mean: \(m * 3 / 2)ms))"
        }
    }

    /// A count distribution (pages, requests) with a mean near `mean`.
    mutating func count(_ mean: Int) -> YAMLTree {
        switch rng.int(0...3) {
        case 0: return .scalar("\(mean)")
        case 1: return "exponential(mean: \(mean))"
        case 2: return "uniform(1, \(max(2, mean * 2)))"
        default: return "empirical(values: [1, \(max(2, mean)), \(max(3, mean + 2))], weights: [1, 2, 1])"
        }
    }

    mutating func share(_ range: ClosedRange<Int>) -> YAMLTree { .scalar("\(rng.int(range))%") }

    // MARK: The scenario

    mutating func scenario(seed: UInt64) -> GeneratedCase {
        minutes = rng.pick([10, 12, 15, 20])
        let poolIds = (0..<rng.int(1...3)).map { "pool\($0)" }
        let pools = poolIds.map { pool($0) }
        let behaviourIds = (0..<rng.int(0...2)).map { "beh\($0)" }
        let behaviours = behaviourIds.map { behaviour($0) }
        let platformIds = (0..<rng.int(0...2)).map { "plat\($0)" }
        let segmentIds = platformIds.isEmpty ? [] : (0..<rng.int(1...3)).map { "seg\($0)" }
        let serviceIds = !platformIds.isEmpty && rng.chance(0.4) ? ["sso0"] : []
        let services: [YAMLTree] = serviceIds.map { yamlMap([("id", .scalar($0)), ("kind", rng.chance(0.5) ? "sso" : nil),
                                                             ("pool", .scalar(rng.pick(poolIds)))]) }
        // Gates: a few of each kind drawn at random; platforms list a random subset in a random order.
        var gates: [YAMLTree] = []
        if !platformIds.isEmpty {
            for k in 0..<rng.int(0...4) {
                let id = "gate\(k)"
                let (kind, body) = gate(segments: segmentIds)
                gates.append(yamlMap([("id", .scalar(id)), ("pool", rng.chance(0.2) ? .scalar(rng.pick(poolIds)) : nil),
                                      (kind, body)]))
            }
        }
        var platforms: [YAMLTree] = []
        var gatesUsed: Set<String> = []
        for id in platformIds {
            let chosen = gateList(gates)
            gatesUsed.formUnion(chosen)
            let tiers = rng.subset(poolIds, atMost: 2)
            let pools: YAMLTree = tiers.isEmpty ? .scalar(poolIds[0])
                : tiers.count == 1 && rng.chance(0.5) ? .scalar(tiers[0]) : .list(tiers.map { .scalar($0) })
            let gateValue: YAMLTree? = chosen.isEmpty ? (rng.chance(0.3) ? .list([]) : nil)
                : chosen.count == 1 && rng.chance(0.3) ? .scalar(chosen[0]) : .list(chosen.map { .scalar($0) })
            // Retry amplification: a retried login costs min(max, factor^k) first logins' work.
            let amplification: YAMLTree? = rng.chance(0.4)
                ? yamlMap([("factor", .scalar(rng.pick(["1", "1.5", "2", "3"]))), ("max", .scalar(rng.pick(["1", "2.5", "8"])))]) : nil
            platforms.append(yamlMap([("id", .scalar(id)), ("pools", pools), ("gate", gateValue),
                                      ("sso", !serviceIds.isEmpty && rng.chance(0.7) ? .scalar(serviceIds[0]) : nil),
                                      ("retry_amplification", amplification)]))
        }
        let segments = segmentIds.map { segment($0, platforms: platformIds, behaviours: behaviourIds) }
        // Sources: always when there is no platform, so something arrives.
        let sources = (0..<(platformIds.isEmpty ? rng.int(1...2) : rng.int(0...1))).map { source("src\($0)", pools: poolIds) }
        // A gate is a target only with its own pool: a policy may take it off every platform.
        let targets = poolIds + serviceIds + gates.filter { $0["pool"] != nil && gatesUsed.contains($0.id!) }.map { $0.id! }
        let attacks = (0..<(rng.chance(0.45) ? rng.int(1...2) : 0)).map { attack("atk\($0)", targets: targets) }

        var top: [(String, YAMLTree?)] = [
            ("version", "1"),
            ("name", .scalar("property \(seed)")),
            ("start", "08:00"),
            ("duration", .scalar("\(minutes)min")),
            ("report_interval", rng.pick(["1min", "2min", "5min", "30s"])),
            ("seed", .scalar("\(rng.int(1...1_000_000))")),
            ("sample", rng.chance(0.1) ? rng.pick(["50%", "25%"]) : nil),
            ("behaviours", behaviours.isEmpty ? nil : .list(behaviours)),
            ("segments", segments.isEmpty ? nil : .list(segments)),
            ("sources", sources.isEmpty ? nil : .list(sources)),
            ("platforms", platforms.isEmpty ? nil : .list(platforms)),
            ("pools", .list(pools)),
            ("services", services.isEmpty ? nil : .list(services)),
            ("gates", gates.isEmpty ? nil : .list(gates)),
            ("attacks", attacks.isEmpty ? nil : .list(attacks)),
        ]
        let policies = policySet(pools: pools, platforms: platformIds, gates: gates, segments: segmentIds,
                                 attacks: attacks)
        if !policies.isEmpty { top.append(("policies", .map(policies))) }
        let policy = !policies.isEmpty && rng.chance(0.6) ? rng.pick(policies).key : nil
        return GeneratedCase(tree: yamlMap(top), policy: policy)
    }

    /// A random gate list for a platform, in a random order, that means something: `none`
    /// alone, at most one session time limit and one idle timeout, reserved shares within
    /// 100% and only beside something whose capacity they reserve (a cap, a slot-outflow
    /// room, a bucket with `max_active`).
    mutating func gateList(_ gates: [YAMLTree]) -> [String] {
        var chosen: [YAMLTree] = []
        var kinds: Set<String> = [], reserved = 0
        for gate in rng.subset(gates, atMost: 4) {
            let kind = gate.entries.last!.key
            let slotRoom = gate["waiting_room"]?["outflow"]?.scalarText == "slot_freed"
            if kind == "none" && !chosen.isEmpty || kinds.contains("none") { continue }
            if (kind == "session_time_limit" || kind == "idle_timeout") && kinds.contains(kind) { continue }
            if kind == "priority" {
                let share = gate["priority"]!.items.reduce(0) { $0 + Int($1["share"]!.scalarText!.dropLast())! }
                if reserved + share > 100 { continue }
                reserved += share
            }
            if slotRoom { kinds.insert("slot room") }
            if gate["token_bucket"]?["max_active"] != nil { kinds.insert("bucket max_active") }
            kinds.insert(kind)
            chosen.append(gate)
        }
        if !kinds.contains("session_cap") && !kinds.contains("bucket max_active") && !kinds.contains("slot room") {
            chosen.removeAll { $0["priority"] != nil }
        }
        return chosen.map { $0.id! }
    }

    mutating func pool(_ id: String) -> YAMLTree {
        let servers = rng.int(1...4)
        let pageMs = rng.pick([20, 50, 100, 200, 400, 800])
        let service: YAMLTree = rng.chance(0.6) ? duration(ms: pageMs)
            : yamlMap([("page", duration(ms: pageMs)),
                       ("login", rng.chance(0.6) ? duration(ms: pageMs * 3) : nil),
                       ("refusal", rng.chance(0.5) ? duration(ms: max(1, pageMs / 10)) : nil)])
        // Capacity steps at increasing half minutes inside the run.
        let steps = Set((0..<(rng.chance(0.3) ? rng.int(1...2) : 0)).map { _ in rng.int(0...2 * minutes - 1) }).sorted()
        let schedule: [YAMLTree] = steps.map {
            yamlMap([("at", clock($0 / 2, second: $0 % 2 * 30)), ("servers", .scalar("\(rng.int(0...5))"))])
        }
        let onQueue = rng.chance(0.3)
        let autoscaling: YAMLTree? = rng.chance(0.25) ? yamlMap([
            ("metric", onQueue ? "queue_length" : (rng.chance(0.3) ? "utilisation" : nil)),
            ("threshold", rng.chance(0.5) ? (onQueue ? rng.pick(["1", "5"]) : rng.pick(["0.5", "0.8", "1"])) : nil),
            ("step", rng.chance(0.5) ? .scalar("\(rng.int(1...2))") : nil),
            ("provisioning_delay", rng.chance(0.7) ? rng.pick(["0s", "30s", "1min", "2min"]) : nil),
            ("interval", rng.chance(0.7) ? rng.pick(["20s", "30s", "1min"]) : nil),
            ("min", rng.chance(0.4) ? .scalar("\(rng.int(0...servers))") : nil),
            ("max", .scalar("\(servers + rng.int(0...4))")),
        ]) : nil
        return yamlMap([
            ("id", .scalar(id)),
            ("servers", .scalar("\(servers)")),
            ("workers_per_server", rng.chance(0.5) ? .scalar("\(rng.int(1...3))") : nil),
            ("service_time", service),
            ("queue_limit", rng.chance(0.6) ? .scalar("\(rng.pick([0, 1, 3, 10, 50]))") : nil),
            ("drop_expired", rng.chance(0.5) ? rng.pick(["true", "false"]) : nil),
            ("capacity_schedule", schedule.isEmpty ? nil : .list(schedule)),
            ("autoscaling", autoscaling),
        ])
    }

    mutating func behaviour(_ id: String) -> YAMLTree {
        yamlMap([
            ("id", .scalar(id)),
            ("pages_per_session", rng.chance(0.8) ? count(rng.int(1...5)) : nil),
            ("think_time", rng.chance(0.8) ? duration(ms: rng.pick([5_000, 20_000, 60_000])) : nil),
            ("requests_per_page", rng.chance(0.8) ? count(rng.int(1...3)) : nil),
            ("login_cost", rng.chance(0.7) ? rng.pick(["1", "2", "0.5", "3"]) : nil),
            ("client_timeout", rng.chance(0.8) ? rng.pick(["1s", "3s", "10s", "30s"]) : nil),
            ("reload_on_timeout", rng.chance(0.4) ? share(0...100) : nil),
            ("patience", rng.chance(0.8) ? duration(ms: rng.pick([30_000, 120_000, 600_000])) : nil),
            ("retry_delay", rng.chance(0.8) ? duration(ms: rng.pick([10_000, 30_000, 60_000])) : nil),
            ("retry_probability", rng.chance(0.4) ? share(0...100) : nil),
            ("retry_limit", rng.chance(0.6) ? .scalar("\(rng.int(0...4))") : nil),
            ("relogin", rng.chance(0.3) ? yamlMap([("probability", share(0...100)),
                                                   ("delay", rng.chance(0.5) ? duration(ms: 20_000) : nil)]) : nil),
            ("comeback", rng.chance(0.2) ? yamlMap([("probability", share(0...100)), ("at", clockInside()),
                                                    ("sd", rng.chance(0.5) ? "1min" : nil)]) : nil),
            ("adaptive_throttling", rng.chance(0.15) ? yamlMap([("k", rng.chance(0.5) ? "1.5" : nil),
                                                                ("window", rng.chance(0.5) ? "1min" : nil)]) : nil),
            ("retry_budget", rng.chance(0.15) ? yamlMap([("max_attempts", .scalar("\(rng.int(1...4))")),
                                                         ("ratio", rng.chance(0.5) ? share(10...100) : nil)]) : nil),
            ("backoff", rng.chance(0.15) ? yamlMap([("initial", rng.chance(0.5) ? "2s" : nil),
                                                    ("multiplier", rng.chance(0.5) ? "2" : nil),
                                                    ("max", rng.chance(0.5) ? "60s" : nil),
                                                    ("jitter", rng.chance(0.5) ? rng.pick(["full", "20%", "0%"]) : nil)]) : nil),
        ])
    }

    mutating func segment(_ id: String, platforms: [String], behaviours: [String]) -> YAMLTree {
        let uses = rng.subset(platforms, atMost: 2)
        let platformValue: YAMLTree
        if uses.count <= 1 {
            let p = uses.first ?? platforms[0]
            platformValue = rng.chance(0.5) ? .scalar(p) : .list([.scalar(p)])
        } else {
            platformValue = .list(uses.map { yamlMap([("platform", .scalar($0)), ("share", rng.chance(0.8) ? share(20...100) : nil)]) })
        }
        // Intent: a bump, a curve, or both sharing the visits.
        var components: [(String, YAMLTree)] = []
        let split = rng.chance(0.3)
        let firstShare: YAMLTree? = split ? "60%" : (rng.chance(0.5) ? "100%" : nil)
        if rng.chance(0.6) || split {
            components.append(("bumps", .list([yamlMap([("share", firstShare), ("at", clockInside()),
                                                        ("sd", rng.pick(["1min", "2min", "5min"]))])])))
        }
        if components.isEmpty || split {
            let a = rng.int(0...minutes / 2 - 1), b = rng.int(minutes / 2 + 1...minutes)
            let mid = (a + b) / 2
            let points: YAMLTree = .list([.list([clock(a), "0"]), .list([clock(mid), rng.pick(["1", "2.5"])]),
                                          .list([clock(b), rng.pick(["0", "0.5"])])])
            components.append(("curves", .list([yamlMap([("share", split ? "40%" : nil), ("points", points),
                                                         ("interpolation", rng.chance(0.3) ? "step" : nil)])])))
        }
        if rng.chance(0.2) {
            components.append(("repeats", .list([yamlMap([("at", .list([clockInside()])),
                                                          ("offset", rng.chance(0.5) ? "-1min" : nil),
                                                          ("sd", rng.chance(0.5) ? "1min" : nil),
                                                          ("probability", share(10...100))])])))
        }
        return yamlMap([
            ("id", .scalar(id)),
            ("size", .scalar("\(rng.pick([10, 30, 60, 120, 200]))")),
            ("active_share", rng.chance(0.4) ? share(30...100) : nil),
            ("platforms", platformValue),
            ("behaviour", !behaviours.isEmpty && rng.chance(0.8) ? .scalar(rng.pick(behaviours)) : nil),
            ("intent", .map(components.map { .init(key: $0.0, value: $0.1) })),
        ])
    }

    /// A gate of a random kind: its kind key and body.
    mutating func gate(segments: [String]) -> (String, YAMLTree) {
        switch rng.int(0...8) {
        case 0:
            return ("none", .map([]))
        case 1, 2:
            return ("session_cap", yamlMap([
                ("max_sessions", .scalar("\(rng.int(1...40))")),
                ("refusal", rng.chance(0.6) ? rng.pick(["edge", "after_login"]) : nil),
                ("activation", rng.chance(0.3) ? share(50...100) : nil),
                ("active_from", rng.chance(0.3) ? clock(rng.int(0...minutes - 2)) : nil),
                ("active_until", rng.chance(0.2) ? clock(minutes - 1) : nil),
            ]))
        case 3:
            return ("session_time_limit", yamlMap([("limit", rng.pick(["1min", "2min", "5min"])),
                                                   ("jitter", rng.chance(0.4) ? "uniform(0s, 30s)" : nil)]))
        case 4:
            return ("idle_timeout", yamlMap([("limit", rng.pick(["10s", "30s", "2min"]))]))
        case 5:
            let slots = rng.chance(0.5)
            let starts = rng.chance(0.3) ? rng.int(1...minutes / 2) : nil
            return ("waiting_room", yamlMap([
                ("order", rng.chance(0.7) ? rng.pick(["fifo", "random"]) : nil),
                ("outflow", slots ? "slot_freed" : (rng.chance(0.5) ? "rate" : nil)),
                ("rate", slots ? nil : .scalar("\(rng.int(1...60))/min")),
                ("capacity", slots ? .scalar("\(rng.int(1...30))") : nil),
                ("pre_queue_opens", starts.flatMap { s in rng.chance(0.5) ? clock(s - 1) : nil }),
                ("starts_at", starts.map { clock($0) }),
                ("shows_wait", rng.chance(0.4) ? rng.pick(["true", "false"]) : nil),
                ("balk_over", rng.chance(0.3) ? rng.pick(["30s", "2min"]) : nil),
            ]))
        case 6:
            return ("token_bucket", yamlMap([
                ("new_users", .scalar("\(rng.int(1...60))/min")),
                ("burst", rng.chance(0.4) ? .scalar("\(rng.int(1...10))") : nil),
                ("max_active", rng.chance(0.4) ? .scalar("\(rng.int(1...40))") : nil),
                ("session_duration", rng.chance(0.4) ? rng.pick(["30s", "2min"]) : nil),
                ("renewing", rng.chance(0.3) ? rng.pick(["true", "false"]) : nil),
            ]))
        case 7:
            let a = rng.int(0...minutes - 2)
            return ("time_windows", .list([yamlMap([
                ("segments", .list(rng.subset(segments, atMost: 2).map { .scalar($0) } + [.scalar(segments[0])]).deduplicated),
                ("from", clock(a)), ("to", clock(rng.int(a + 1...minutes))),
                ("action", rng.chance(0.6) ? rng.pick(["deny", "allow"]) : nil),
            ])]))
        default:
            return ("priority", .list([yamlMap([("segments", .list([.scalar(rng.pick(segments))])),
                                                ("share", share(5...60))])]))
        }
    }

    mutating func source(_ id: String, pools: [String]) -> YAMLTree {
        let curve = rng.chance(0.3)
        let rates = ["0.2/s", "1/s", "3/s", "30/min"]
        return yamlMap([
            ("id", .scalar(id)),
            ("rate", curve ? nil : .scalar(rng.pick(rates))),
            ("rate_curve", curve ? .list([.list([clock(0), .scalar(rng.pick(rates))]),
                                          .list([clock(minutes / 2), .scalar(rng.pick(rates))]),
                                          .list([clock(minutes), rng.pick(["0.1/s", "1/s"])])]) : nil),
            ("interpolation", curve && rng.chance(0.4) ? "step" : nil),
            ("pool", .scalar(rng.pick(pools))),
            ("kind", rng.chance(0.3) ? rng.pick(["page", "login", "refusal"]) : nil),
            ("patience", rng.chance(0.4) ? duration(ms: rng.pick([500, 5_000, 30_000])) : nil),
        ])
    }

    mutating func attack(_ id: String, targets: [String]) -> YAMLTree {
        let botnet = rng.chance(0.4)
        var shape: [(String, YAMLTree?)] = []
        switch rng.int(0...2) {
        case 0:
            let a = rng.int(0...minutes - 2)
            shape.append(("windows", .list([yamlMap([("from", clock(a)), ("to", clock(rng.int(a + 1...minutes))),
                                                     ("intensity", rng.chance(0.5) ? rng.pick(["0.5", "1", "2"]) : nil)])])))
        case 1:
            let a = rng.int(0...minutes - 3)
            shape.append(("ramps", .list([yamlMap([("from", clock(a)), ("to", clock(rng.int(a + 2...minutes))),
                                                   ("start_intensity", rng.chance(0.5) ? "0.2" : nil),
                                                   ("end_intensity", rng.chance(0.5) ? "1.5" : nil)])])))
        default:
            shape.append(("bursts", .list([yamlMap([("count", .scalar("\(rng.int(1...4))")), ("from", clock(0)),
                                                    ("to", clock(minutes - 1)),
                                                    ("duration", duration(ms: rng.pick([20_000, 60_000]))),
                                                    ("gap", duration(ms: rng.pick([30_000, 90_000]))),
                                                    ("intensity", rng.chance(0.5) ? "1.5" : nil)])])))
        }
        let mitigation: YAMLTree? = rng.chance(0.5) ? yamlMap([
            ("start", clockInside()),
            ("ramp_up", rng.chance(0.5) ? rng.pick(["0s", "1min", "3min"]) : nil),
            ("pass_through", rng.chance(0.5) ? share(0...50) : nil),
            ("false_positive", rng.chance(0.5) ? share(0...20) : nil),
            ("filter_capacity", rng.chance(0.3) ? rng.pick(["2/s", "20/s"]) : nil),
            ("over_capacity", rng.chance(0.3) ? rng.pick(["pass", "drop"]) : nil),
            ("per_source_rate_limit", botnet && rng.chance(0.4) ? "1/s" : nil),
            ("geo_block_share", rng.chance(0.3) ? share(0...90) : nil),
        ]) : nil
        return yamlMap([
            ("id", .scalar(id)),
            ("target", .scalar(rng.pick(targets))),
            ("rate", botnet ? nil : .scalar(rng.pick(["2/s", "5/s", "20/s"]))),
            ("botnet", botnet ? yamlMap([("bots", .scalar("\(rng.int(1...5))")), ("rate_per_bot", rng.pick(["1/s", "4/s"]))]) : nil),
        ] + shape + [
            ("request_cost", rng.chance(0.5) ? duration(ms: rng.pick([10, 100, 300])) : nil),
            ("mode", rng.chance(0.8) ? rng.pick(["discrete", "fluid", "auto"]) : nil),
            ("auto_threshold", rng.chance(0.2) ? "3/s" : nil),
            ("mitigation", mitigation),
        ])
    }

    /// Up to two policies, each overriding one or two values of the entities generated.
    mutating func policySet(pools poolTrees: [YAMLTree], platforms: [String], gates gateTrees: [YAMLTree], segments: [String],
                            attacks: [YAMLTree]) -> [YAMLTree.Entry] {
        var policies: [YAMLTree.Entry] = []
        let pools = poolTrees.map { $0.id! }
        let gates = Dictionary(uniqueKeysWithValues: gateTrees.map { ($0.id!, $0.entries.last!.key) })
        // A pool's servers are its autoscaler's default minimum: only pools without one get a new count.
        let fixed = poolTrees.filter { $0["autoscaling"] == nil }.map { $0.id! }
        for k in 0..<rng.int(0...2) {
            var set: [YAMLTree.Entry] = []
            for _ in 0..<rng.int(1...2) {
                switch rng.int(0...5) {
                case 0 where !fixed.isEmpty: set.append(.init(key: "pools.\(rng.pick(fixed)).servers", value: .scalar("\(rng.int(1...6))")))
                case 1: set.append(.init(key: "pools.\(rng.pick(pools)).queue_limit", value: .scalar("\(rng.int(0...20))")))
                case 2 where !platforms.isEmpty:
                    let choice = gateList(gateTrees)
                    set.append(.init(key: "platforms.\(rng.pick(platforms)).gate", value: .list(choice.map { .scalar($0) })))
                case 3 where !segments.isEmpty:
                    set.append(.init(key: "segments.\(rng.pick(segments)).size", value: .scalar("\(rng.pick([5, 50, 250]))")))
                case 4 where gates.values.contains("session_cap"):
                    let cap = gates.keys.sorted().filter { gates[$0] == "session_cap" }
                    set.append(.init(key: "gates.\(rng.pick(cap)).session_cap.max_sessions", value: .scalar("\(rng.int(1...50))")))
                case 5 where !attacks.isEmpty:
                    let attack = rng.pick(attacks)
                    let shape = ["windows", "ramps", "bursts"].first { attack[$0] != nil }!
                    set.append(.init(key: "attacks.\(attack.id!).\(shape)", value: .list([])))
                default:
                    set.append(.init(key: "pools.\(rng.pick(pools)).drop_expired", value: rng.pick(["true", "false"])))
                }
            }
            // One override per path: a second would silently replace the first.
            var seen: Set<String> = []
            set = set.filter { seen.insert($0.key).inserted }
            policies.append(.init(key: "P\(k)", value: yamlMap([("description", rng.chance(0.5) ? "generated" : nil),
                                                               ("set", .map(set))])))
        }
        return policies
    }
}

extension YAMLTree {
    /// A list without repeated items (first kept).
    var deduplicated: YAMLTree {
        var seen: [YAMLTree] = []
        for item in items where !seen.contains(item) { seen.append(item) }
        return .list(seen)
    }
}
