import Stochastics

extension ScenarioDecoder {
    static let gateKinds = ["none", "session_cap", "session_time_limit", "idle_timeout", "waiting_room",
                            "token_bucket", "time_windows", "priority"]

    mutating func gate(_ node: ConfigNode, window: ClosedRange<Double>) -> Gate? {
        let c = context
        guard let f = c.fields(node, Schema.gate) else { return nil }
        guard let id = f.value("id", c.identifier) else { return nil }
        c.define("gate", id, at: f["id"]!.location)
        let pool = f.value("pool", c.identifier)
        refer("pool", f["pool"], pool, usedBy: "gate `\(id)`")
        let written = (node.entries ?? []).filter { Self.gateKinds.contains($0.key) }
        guard written.count == 1, let entry = written.first else {
            if written.count > 1 {
                c.error(written[1].keyLocation, "gate `\(id)` has several kinds (`\(written.map(\.key).joined(separator: "`, `"))`)",
                        expected: "one kind per gate; list several gates in the platform's `gate:` to compose them")
            } else {
                c.error(node.location, "gate `\(id)` has no kind", expected: "one of \(Self.gateKinds.joined(separator: ", "))")
            }
            return nil
        }
        let v = entry.value
        let kind: Gate.Kind?
        switch entry.key {
        case "none":
            kind = .noControl
        case "session_cap":
            guard let g = c.fields(v, Schema.sessionCap) else { return nil }
            let max = g.value("max_sessions") { c.integer($0, min: 1) }
            let refusal = g.value("refusal") { c.choice($0, ["edge", "after_login"]) }.flatMap(Gate.Refusal.init(rawValue:))
            let activation = g.value("activation", c.share)
            let from = g.value("active_from") { self.clockInWindow($0, window, "cap start") }
            let until = g.value("active_until") { self.clockInWindow($0, window, "cap end") }
            if let from, let until, until <= from { c.error(g["active_until"]!.location, "cap ends before it starts", expected: "`active_until` after `active_from`") }
            guard let max, let refusal else { return nil }
            kind = .sessionCap(.init(maxSessions: max, refusal: refusal, activation: activation, activeFrom: from, activeUntil: until))
        case "session_time_limit":
            guard let g = c.fields(v, Schema.sessionTimeLimit) else { return nil }
            guard let limit = g.value("limit", c.positiveDuration) else { return nil }
            kind = .sessionTimeLimit(limit: limit, jitter: g.value("jitter") { c.distribution($0, .duration) })
        case "idle_timeout":
            guard let g = c.fields(v, Schema.idleTimeout), let limit = g.value("limit", c.positiveDuration) else { return nil }
            kind = .idleTimeout(limit: limit)
        case "waiting_room":
            guard let g = c.fields(v, Schema.waitingRoom) else { return nil }
            let order = g.value("order") { c.choice($0, ["fifo", "random"]) }.flatMap(Gate.WaitingRoom.Order.init(rawValue:))
            let outflow = g.value("outflow") { c.choice($0, ["slot_freed", "rate"]) }.flatMap(Gate.WaitingRoom.Outflow.init(rawValue:))
            let rate = g.value("rate", c.rate)
            let capacity = g.value("capacity") { c.integer($0, min: 1) }
            if outflow == .rate, !g.has("rate") { c.error(v.location, "waiting room `\(id)` lets users out at a rate but has no `rate`", expected: "`rate: 12k/min`") }
            if outflow == .slotFreed, !g.has("capacity") { c.error(v.location, "waiting room `\(id)` admits when a slot frees but has no `capacity`", expected: "`capacity: 150k`") }
            let opens = g.value("pre_queue_opens") { self.clockInWindow($0, window, "pre-queue opening") }
            let starts = g.value("starts_at") { self.clockInWindow($0, window, "waiting room start") }
            if let opens, let starts, opens > starts { c.error(g["pre_queue_opens"]!.location, "pre-queue opens after admissions start", expected: "`pre_queue_opens` before `starts_at`") }
            if opens != nil, starts == nil { c.error(g["pre_queue_opens"]!.location, "a pre-queue needs `starts_at`", expected: "`starts_at: 08:00`") }
            let shows = g.value("shows_wait", c.bool)
            let balk = g.value("balk_over", c.positiveDuration)
            guard let order, let outflow, let shows else { return nil }
            kind = .waitingRoom(.init(order: order, outflow: outflow, rate: rate, capacity: capacity, preQueueOpens: opens,
                                      startsAt: starts, showsWait: shows, balkOver: balk))
        case "token_bucket":
            guard let g = c.fields(v, Schema.tokenBucket) else { return nil }
            let rate = g.value("new_users", c.rate)
            let burst = g.value("burst") { c.number($0, above: 0) }
            let maxActive = g.value("max_active") { c.integer($0, min: 1) }
            let duration = g.value("session_duration", c.positiveDuration)
            let renewing = g.value("renewing", c.bool)
            guard let rate, let renewing else { return nil }
            kind = .tokenBucket(.init(newUsersRate: rate, burst: burst, maxActive: maxActive, sessionDuration: duration, renewing: renewing))
        case "time_windows":
            guard c.requireItems(v, "time-window gate `\(id)` lists no window",
                                 expected: "at least one window, e.g. `[{segments: [hdf-parents], from: 07:30, to: 17:30, action: deny}]`") else { return nil }
            guard let windows = c.list(v, "time_windows", { item -> Gate.TimeWindow? in
                guard let w = c.fields(item, Schema.timeWindow) else { return nil }
                let segments = w.value("segments", c.identifiers) ?? []
                if let s = w["segments"], c.requireItems(s, "a time window of gate `\(id)` applies to no segment", expected: "at least one segment id") { for (i, n) in (s.items ?? [s]).enumerated() where i < segments.count { self.refer("segment", n, segments[i], usedBy: "gate `\(id)`") } }
                let action = w.value("action") { c.choice($0, ["deny", "allow"]) }.flatMap(Gate.TimeWindow.Action.init(rawValue:))
                guard let (from, to) = self.interval(w, window, "time window"), let action else { return nil }
                return Gate.TimeWindow(segments: segments, from: from, to: to, action: action)
            }) else { return nil }
            kind = .timeWindows(windows)
        default: // priority
            guard c.requireItems(v, "priority gate `\(id)` reserves nothing",
                                 expected: "at least one reservation, e.g. `[{segments: [idf-teachers], share: 10%}]`") else { return nil }
            var total = 0.0
            guard let reservations = c.list(v, "priority", { item -> Gate.Reservation? in
                guard let r = c.fields(item, Schema.reservation) else { return nil }
                let segments = r.value("segments", c.identifiers) ?? []
                if let s = r["segments"], c.requireItems(s, "a reservation of gate `\(id)` is for no segment", expected: "at least one segment id") { for (i, n) in (s.items ?? [s]).enumerated() where i < segments.count { self.refer("segment", n, segments[i], usedBy: "gate `\(id)`") } }
                guard let share = r.value("share", c.share) else { return nil }
                total += share
                if total > 1 + 1e-9 { c.error(r["share"]!.location, "reserved shares of gate `\(id)` add up to over 100%", expected: "reserved shares totalling at most 100%") }
                return Gate.Reservation(segments: segments, share: share)
            }) else { return nil }
            kind = .priority(reservations)
        }
        guard let kind else { return nil }
        return Gate(id: id, label: f["label"].flatMap { c.text($0) }, pool: pool, kind: kind)
    }
}
