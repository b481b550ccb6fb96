import Stochastics

/// The second layer of validation: meaning rather than form. Dangling references,
/// ambiguous attack targets, platforms nobody uses correctly, and a model that would
/// generate an absurd number of events — said before running, not after an hour.
enum Validation {
    static func check(_ scenario: inout Scenario, references: [ScenarioDecoder.Reference], root: ConfigNode, context c: DecodeContext) {
        let ids: [String: Set<String>] = [
            "platform": Set(scenario.platforms.map(\.id)),
            "pool": Set(scenario.pools.map(\.id)),
            "gate": Set(scenario.gates.map(\.id)),
            "service": Set(scenario.services.map(\.id)),
            "segment": Set(scenario.segments.map(\.id)),
            "behaviour": Set(scenario.behaviours.map(\.id)),
            "source": Set(scenario.sources.map(\.id)),
            "attack": Set(scenario.attacks.map(\.id)),
            "policy": Set(scenario.policyNames),
        ]
        for r in references {
            let candidates: Set<String>
            switch r.kind {
            case "entity": candidates = ids.values.reduce(into: Set()) { $0.formUnion($1) }.subtracting(ids["policy"]!)
            case "attack target": candidates = ids["pool"]!.union(ids["service"]!).union(ids["gate"]!)
            default: candidates = ids[r.kind] ?? []
            }
            if !candidates.contains(r.id) {
                let noun = r.kind == "attack target" ? "pool, service or gate" : r.kind
                c.error(r.location, "\(r.usedBy) refers to undefined \(noun) `\(r.id)`\(Suggestions.didYouMean(r.id, candidates.sorted()))",
                        expected: candidates.isEmpty ? "a \(noun) defined under `\(section(r.kind))`" : "one of \(candidates.sorted().prefix(12).joined(separator: ", "))")
            }
        }
        resolveAttackTargets(&scenario, references: references, context: c)
        checkPlatforms(scenario, references: references, context: c)
        if !c.hasErrors { estimate(&scenario, root: root, context: c) }
    }

    static func section(_ kind: String) -> String {
        switch kind {
        case "behaviour": return "behaviours:"
        case "policy": return "policies:"
        case "entity": return "pools:, segments:, …"
        default: return kind + "s:"
        }
    }

    /// Attack targets name a pool, a service or a gate; the id must say which.
    static func resolveAttackTargets(_ scenario: inout Scenario, references: [ScenarioDecoder.Reference], context c: DecodeContext) {
        for i in scenario.attacks.indices {
            guard case .pool(let id) = scenario.attacks[i].target else { continue }
            var matches: [Attack.Target] = []
            if scenario.pool(id) != nil { matches.append(.pool(id)) }
            if scenario.service(id) != nil { matches.append(.service(id)) }
            if scenario.gate(id) != nil { matches.append(.gate(id)) }
            if matches.count > 1, let r = references.first(where: { $0.kind == "attack target" && $0.usedBy == "attack `\(scenario.attacks[i].id)`" }) {
                c.error(r.location, "attack target `\(id)` names more than one of a pool, a service and a gate", expected: "an id used by only one of them")
            }
            if let m = matches.first { scenario.attacks[i].target = m }
        }
    }

    static func checkPlatforms(_ scenario: Scenario, references: [ScenarioDecoder.Reference], context c: DecodeContext) {
        for platform in scenario.platforms {
            if Set(platform.gates).count != platform.gates.count,
               let r = references.first(where: { $0.kind == "gate" && $0.usedBy == "platform `\(platform.id)`" }) {
                c.error(r.location, "platform `\(platform.id)` lists a gate twice", expected: "each gate once")
            }
            checkGateCombination(platform, scenario: scenario, references: references, context: c)
        }
        for segment in scenario.segments {
            var seen = Set<String>()
            for use in segment.platforms where !seen.insert(use.platform).inserted {
                if let r = references.first(where: { $0.kind == "platform" && $0.id == use.platform && $0.usedBy == "segment `\(segment.id)`" }) {
                    c.error(r.location, "segment `\(segment.id)` lists platform `\(use.platform)` twice", expected: "each platform once")
                }
            }
        }
    }

    /// Gates compose in the order listed (docs/scenario-format.md, "Gates: a pipeline in the
    /// order written"); only a combination without meaning is refused, naming both gates.
    static func checkGateCombination(_ platform: Platform, scenario: Scenario, references: [ScenarioDecoder.Reference], context c: DecodeContext) {
        let listed = references.filter { $0.kind == "gate" && $0.usedBy == "platform `\(platform.id)`" }
        let gates = listed.compactMap { r in scenario.gate(r.id).map { (gate: $0, location: r.location) } }
        func first(_ kind: (Gate.Kind) -> Bool) -> (gate: Gate, location: Location)? { gates.first { kind($0.gate.kind) } }
        func all(_ kind: (Gate.Kind) -> Bool) -> [(gate: Gate, location: Location)] { gates.filter { kind($0.gate.kind) } }

        if let none = first({ if case .noControl = $0 { true } else { false } }), let other = gates.first(where: { $0.gate.id != none.gate.id }) {
            c.error(none.location, "platform `\(platform.id)` lists gate `\(none.gate.id)` (`none`: no admission control) together with gate `\(other.gate.id)`",
                    expected: "`none` alone, or only the other gates")
        }
        let limits = all { if case .sessionTimeLimit = $0 { true } else { false } }
        if limits.count > 1 {
            c.error(limits[1].location, "platform `\(platform.id)` has two session time limits, gates `\(limits[0].gate.id)` and `\(limits[1].gate.id)`",
                    expected: "one `session_time_limit` gate per platform")
        }
        let idle = all { if case .idleTimeout = $0 { true } else { false } }
        if idle.count > 1 {
            c.error(idle[1].location, "platform `\(platform.id)` has two idle timeouts, gates `\(idle[0].gate.id)` and `\(idle[1].gate.id)`",
                    expected: "one `idle_timeout` gate per platform")
        }
        let priorities = all { if case .priority = $0 { true } else { false } }
        var reserved = 0.0
        for (k, p) in priorities.enumerated() {
            guard case .priority(let reservations) = p.gate.kind else { continue }
            reserved += reservations.reduce(0) { $0 + $1.share }
            if reserved > 1 + 1e-9, k > 0 {
                c.error(p.location, "platform `\(platform.id)` reserves over 100% of its capacity with gates `\(priorities[k - 1].gate.id)` and `\(p.gate.id)`",
                        expected: "reserved shares totalling at most 100% over the platform's priority gates")
                break
            }
        }
        let limited = gates.contains { g in
            switch g.gate.kind {
            case .sessionCap: true
            case .waitingRoom(let room): room.outflow == .slotFreed
            case .tokenBucket(let bucket): bucket.maxActive != nil
            default: false
            }
        }
        if let p = priorities.first, !limited {
            c.error(p.location, "priority gate `\(p.gate.id)` reserves a share of platform `\(platform.id)`'s capacity, but no gate of the platform limits it",
                    expected: "a `session_cap`, a `waiting_room` with `outflow: slot_freed` or a `token_bucket` with `max_active` on the same platform")
        }
    }

    /// Sets ``Scenario/estimatedEvents`` and refuses the model when it is above the limit.
    static func estimate(_ scenario: inout Scenario, root: ConfigNode, context c: DecodeContext) {
        let estimate = EventEstimate(scenario)
        scenario.estimatedEvents = estimate.total
        if estimate.total > scenario.eventLimit {
            let largest = estimate.parts.max { $0.1 < $1.1 }
            let location = root["event_limit"]?.location ?? root.location
            c.error(location, "the model would generate about \(format(estimate.total)) events per replication, above `event_limit` \(format(scenario.eventLimit)); the largest part is \(largest?.0 ?? "?") with \(format(largest?.1 ?? 0))",
                    expected: "a smaller model, a `fluid` attack, or a higher `event_limit` if this is intended")
        }
    }

    static func format(_ x: Double) -> String {
        if !x.isFinite { return "infinitely many" }  // a heavy tail's infinite mean
        if x >= 1e9 { return "\(Units.formatNumber((x / 1e8).rounded() / 10))G" }
        if x >= 1e6 { return "\(Units.formatNumber((x / 1e5).rounded() / 10))M" }
        if x >= 1e3 { return "\(Units.formatNumber((x / 1e2).rounded() / 10))k" }
        return Units.formatNumber(x.rounded())
    }
}

/// A first-order count of the events one replication processes, from expected values
/// only (no retries, no queueing): a floor that catches models off by orders of magnitude.
///
/// Per visit: an arrival and a departure, a login job (arrival and completion), then per
/// page a think time and a page job (its requests served as one job: arrival and
/// completion). A source request is an arrival and a completion (plus an abandonment
/// timer with patience). A discrete attack request is two events; a fluid attack is a
/// handful per change of rate. Retries come on top, so this is a floor.
public struct EventEstimate: Sendable {
    public let parts: [(String, Double)]
    public var total: Double { parts.reduce(0) { $0 + $1.1 } }

    public init(_ scenario: Scenario) {
        var parts: [(String, Double)] = []
        for segment in scenario.segments {
            let b = scenario.behaviour(segment.behaviour) ?? scenario.behaviours[0]
            let repeats = segment.intent.repeats.reduce(0.0) { $0 + $1.probability * Double($1.at.count) }
            let visits = segment.activeMembers * (1 + repeats) * segment.platforms.reduce(0) { $0 + $1.share }
            let perVisit = 4 + 3 * max(1, b.pagesPerSession.mean.rounded(.up))
            parts.append(("segment `\(segment.id)`", visits * perVisit * scenario.sample))
        }
        for source in scenario.sources {
            let arrivals: Double
            if let rate = source.rate {
                arrivals = rate * scenario.duration
            } else if let curve = source.rateCurve, let r = try? curve.rateCurve(start: scenario.start) {
                arrivals = r.expectedCount(from: 0, to: scenario.duration)
            } else {
                arrivals = 0
            }
            parts.append(("source `\(source.id)`", arrivals * (source.patience == nil ? 2 : 3) * scenario.sample))
        }
        for attack in scenario.attacks {
            // Fluid: a step per burst edge and window edge, one per minute of ramp, and a
            // dithering event every 10 s while the attack holds a fractional number of workers.
            let active = attack.bursts.reduce(0) { $0 + Double($1.count) * $1.duration.mean } + attack.windows.reduce(0) { $0 + $1.to - $1.from }
                + attack.ramps.reduce(0) { $0 + $1.to - $1.from }
            let events = !attack.runsFluid ? attack.expectedRequests * 2
                : Double(attack.bursts.reduce(0) { $0 + $1.count } * 2 + attack.windows.count * 2) + attack.ramps.reduce(0) { $0 + ($1.to - $1.from) / 60 } + active / 10
            parts.append(("attack `\(attack.id)`", events))
        }
        self.parts = parts
    }
}
