import Stochastics

extension ScenarioDecoder {
    mutating func platform(_ node: ConfigNode) -> Platform? {
        let c = context
        guard let f = c.fields(node, Schema.platform) else { return nil }
        guard let id = f.value("id", c.identifier) else { return nil }
        c.define("platform", id, at: f["id"]!.location)
        let pools = f.value("pools", c.identifiers) ?? []
        if let p = f["pools"] {
            c.requireItems(p, "platform `\(id)` has no pool", expected: "at least one pool id")
            for (i, item) in (p.items ?? [p]).enumerated() where i < pools.count { refer("pool", item, pools[i], usedBy: "platform `\(id)`") }
        }
        let gates = f.value("gate", c.identifiers) ?? []
        if let g = f["gate"] {
            for (i, item) in (g.items ?? [g]).enumerated() where i < gates.count { refer("gate", item, gates[i], usedBy: "platform `\(id)`") }
        }
        let sso = f.value("sso", c.identifier)
        refer("service", f["sso"], sso, usedBy: "platform `\(id)`")
        var platform = Platform(id: id, label: f["label"].flatMap { c.text($0) }, pools: pools, gates: gates, sso: sso)
        if let node = f["retry_amplification"] {
            guard let amplification = retryAmplification(node) else { return nil }
            platform.retryAmplification = amplification
        }
        return platform
    }

    /// `{factor: 1.5, max: 4}`: both at least 1 (a factor below 1 would make a retry cheaper
    /// than a first login, which is not amplification).
    func retryAmplification(_ node: ConfigNode) -> RetryAmplification? {
        let c = context
        guard let f = c.fields(node, Schema.retryAmplification) else { return nil }
        let factor = f.value("factor") { c.number($0, min: 1) }
        let most = f.value("max") { c.number($0, min: 1) }
        guard let factor, let most else { return nil }
        return RetryAmplification(factor: factor, max: most)
    }

    func pool(_ node: ConfigNode, window: ClosedRange<Double>) -> Pool? {
        let c = context
        guard let f = c.fields(node, Schema.pool) else { return nil }
        guard let id = f.value("id", c.identifier) else { return nil }
        c.define("pool", id, at: f["id"]!.location)
        // `unlimited` (an infinite-server pool) is 0 servers plus the flag, never a large count.
        let unlimited = f["servers"]?.scalarText == "unlimited"
        let servers = unlimited ? 0 : f.value("servers") { n -> Int? in
            if let s = n.scalarText, Double(s) == nil, s.lowercased().hasPrefix("unl") || s.lowercased().hasPrefix("inf") {
                c.error(n.location, "`\(s)` is not a server count", expected: "a whole number ≥ 1, or `unlimited`")
                return nil
            }
            return c.integer(n, min: 1)
        }
        let workers = f.value("workers_per_server") { c.integer($0, min: 1) }
        var serviceTime: [RequestKind: Distribution]? = nil
        if let s = f["service_time"] {
            if case .mapping = s {
                if let k = c.fields(s, Schema.serviceTime) {
                    var table: [RequestKind: Distribution] = [:]
                    for kind in RequestKind.allCases {
                        if let d = k.value(kind.rawValue, { c.distribution($0, .duration) }) { table[kind] = d }
                    }
                    if table[.page] != nil { serviceTime = table }
                }
            } else if let d = c.distribution(s, .duration) {
                serviceTime = [.page: d]
            }
        } else {
            _ = f.value("service_time") { _ in () }
        }
        let queueLimit = f.value("queue_limit") { c.integer($0, min: 0) }
        let dropExpired = f.value("drop_expired", c.bool) ?? false
        let schedule: [Pool.CapacityStep] = f.value("capacity_schedule") { n in
            c.list(n, "capacity_schedule") { item -> Pool.CapacityStep? in
                guard let s = c.fields(item, Schema.capacityStep),
                      let at = s.value("at", { self.clockInWindow($0, window, "capacity change") }),
                      let servers = s.value("servers", { c.integer($0, min: 0) }) else { return nil }
                return Pool.CapacityStep(at: at, servers: servers)
            }
        } ?? []
        for (a, b) in zip(schedule, schedule.dropFirst()) where b.at <= a.at {
            c.error(f["capacity_schedule"]!.location, "capacity changes at \(Units.formatClock(b.at)) and \(Units.formatClock(a.at)) are out of order", expected: "increasing times")
        }
        var autoscaling: Pool.Autoscaling? = nil
        if let a = f["autoscaling"], let s = c.fields(a, Schema.autoscaling) {
            let metric = s.value("metric") { c.choice($0, ["utilisation", "queue_length"]) }.flatMap(Pool.Autoscaling.Metric.init(rawValue:))
            // A utilisation threshold is a share (`80%` or `0.8`); a queue length, a number of requests.
            let threshold = s.value("threshold") { node -> Double? in
                guard metric == .utilisation else { return c.number(node, above: 0) }
                guard let t = c.share(node) else { return nil }
                guard t > 0 else {
                    c.error(node.location, "utilisation threshold 0% would scale out at once", expected: "a share above 0%, such as 80%")
                    return nil
                }
                return t
            }
            let step = s.value("step") { c.integer($0, min: 1) }
            let delay = s.value("provisioning_delay") { c.duration($0) }
            let interval = s.value("interval", c.positiveDuration)
            let minimum = s.value("min") { c.integer($0, min: 0) } ?? servers ?? 1
            let maximum = s.value("max") { c.integer($0, min: 1) }
            if let maximum, maximum < minimum {
                c.error(s["max"]!.location, "autoscaling max \(maximum) is below min \(minimum)", expected: "max ≥ min")
            }
            if let metric, let threshold, let step, let delay, let interval, let maximum {
                autoscaling = Pool.Autoscaling(metric: metric, threshold: threshold, step: step, provisioningDelay: delay,
                                               interval: interval, min: minimum, max: maximum)
            }
        }
        if unlimited {
            // Settings about a finite number of servers mean nothing for an infinite-server pool.
            let meaningless: [(String, String)] = [
                ("workers_per_server", "every request has a worker of its own"),
                ("queue_limit", "nobody ever waits"),
                ("drop_expired", "nothing is ever queued to drop"),
                ("capacity_schedule", "its capacity cannot change"),
                ("autoscaling", "its capacity cannot change"),
            ]
            for (key, why) in meaningless {
                if let node = f[key] {
                    c.error(node.location, "`\(key)` has no meaning for a pool with `servers: unlimited`: \(why)",
                            expected: "a server count instead of `unlimited`, or no `\(key)`")
                }
            }
        }
        let serviceLevel: Pool.ServiceLevel? = f["service_level"].flatMap { node in
            guard let s = c.fields(node, Schema.serviceLevel) else { return nil }
            let wait = s.value("wait") { c.duration($0) }
            let response = s.value("response", c.positiveDuration)
            if node.entries?.isEmpty ?? false {  // a misspelt key has its own error
                c.error(node.location, "`service_level` sets no threshold", expected: "`wait`, `response` or both")
            }
            return Pool.ServiceLevel(wait: wait, response: response)
        }
        // Every worker count the pool can reach, where it is written.
        let perServer = workers ?? 1
        var counts: [(ConfigNode?, Int?)] = [(unlimited ? nil : f["servers"], servers)]
        if let items = f["capacity_schedule"]?.items, items.count == schedule.count {
            counts += zip(items, schedule).map { ($0["servers"], $1.servers) }
        }
        counts.append((f["autoscaling"]?["max"], autoscaling?.max))
        for case let (node?, count?) in counts {
            let (total, overflow) = count.multipliedReportingOverflow(by: perServer)
            if overflow || total > RunBounds.maxWorkers {
                c.error(node.location, "\(node.scalarText ?? "") servers × \(perServer) workers per server is above the \(RunBounds.maxWorkers) workers a pool can have",
                        expected: "at most \(RunBounds.maxWorkers / perServer) servers")
            }
        }
        guard let servers, let workers, let serviceTime else { return nil }
        return Pool(id: id, label: f["label"].flatMap { c.text($0) }, servers: servers, workersPerServer: workers, serviceTime: serviceTime, queueLimit: queueLimit,
                    dropExpired: dropExpired, capacitySchedule: schedule, autoscaling: autoscaling,
                    unlimited: unlimited, serviceLevel: serviceLevel)
    }

    mutating func service(_ node: ConfigNode) -> SharedService? {
        let c = context
        guard let f = c.fields(node, Schema.service) else { return nil }
        guard let id = f.value("id", c.identifier) else { return nil }
        c.define("service", id, at: f["id"]!.location)
        let kind = f.value("kind") { c.choice($0, ["sso"]) }.flatMap(SharedService.Kind.init(rawValue:))
        let pool = f.value("pool", c.identifier)
        refer("pool", f["pool"], pool, usedBy: "service `\(id)`")
        guard let kind, let pool else { return nil }
        return SharedService(id: id, label: f["label"].flatMap { c.text($0) }, kind: kind, pool: pool)
    }

    // MARK: Expectations

    mutating func expectation(_ node: ConfigNode, window: ClosedRange<Double>) -> Expectation? {
        let c = context
        guard let f = c.fields(node, Schema.expect) else { return nil }
        let metric = f.value("metric") { n -> String? in
            guard let s = c.scalar(n, "a metric name such as `utilization`") else { return nil }
            if Schema.isMetric(s.text) { return s.text }
            return c.choice(n, Schema.metrics.map(\.name))
        }
        let entity = f.value("entity", c.identifier)
        refer("entity", f["entity"], entity, usedBy: "expectation")
        let policy = f.value("policy", c.text)
        refer("policy", f["policy"], policy, usedBy: "expectation")
        let (at, from, to) = instantOrWindow(f, window, "expectation")
        let value = f.value("value", c.measure)
        let minimum = f.value("min", c.measure)
        let maximum = f.value("max", c.measure)
        if value == nil && minimum == nil && maximum == nil && !f.has("value") && !f.has("min") && !f.has("max") {
            c.error(node.location, "expectation has no `value`, `min` or `max`", expected: "`value: 0.9` or bounds")
        }
        if let minimum, let maximum, maximum < minimum {
            c.error(f["max"]!.location, "expected max is below min", expected: "max ≥ min")
        }
        let tolerance = f.value("tolerance") { n -> Expectation.Tolerance? in
            guard let s = c.scalar(n, "an absolute amount, a relative `5%` or `ci95`") else { return nil }
            if s.text == "ci95" { return .ci95 }
            if s.text.hasSuffix("%") {
                guard let share = c.share(n) else { return nil }
                return .relative(share)
            }
            guard let amount = c.measure(n) else { return nil }
            guard amount >= 0 else { c.error(s.location, "tolerance is negative", expected: "an amount ≥ 0"); return nil }
            return .absolute(amount)
        }
        let decidableWithin = f.value("decidable_within") { n -> Expectation.Tolerance? in
            guard let s = c.scalar(n, "an absolute amount or a relative `10%`") else { return nil }
            guard f.has("value") else {
                c.error(s.location, "`decidable_within` bounds the allowed distance from `value`, and this expectation has none", expected: "a `value`, or no `decidable_within`")
                return nil
            }
            if s.text.hasSuffix("%") {
                guard let share = c.share(n) else { return nil }
                guard share > 0 else { c.error(s.location, "`decidable_within` is 0: no check could ever decide", expected: "a share > 0"); return nil }
                return .relative(share)
            }
            guard let amount = c.measure(n) else { return nil }
            guard amount > 0 else { c.error(s.location, "`decidable_within` is not positive", expected: "an amount > 0"); return nil }
            return .absolute(amount)
        }
        guard let metric, let tolerance else { return nil }
        return Expectation(metric: metric, entity: entity, policy: policy, at: at, from: from, to: to,
                           value: value, min: minimum, max: maximum, tolerance: tolerance, decidableWithin: decidableWithin,
                           line: node.location.line, location: node.location)
    }
}
