import Stochastics

extension ScenarioDecoder {
    mutating func attack(_ node: ConfigNode, window: ClosedRange<Double>) -> Attack? {
        let c = context
        guard let f = c.fields(node, Schema.attack) else { return nil }
        guard let id = f.value("id", c.identifier) else { return nil }
        c.define("attack", id, at: f["id"]!.location)
        let target = f.value("target", c.identifier)
        refer("attack target", f["target"], target, usedBy: "attack `\(id)`")
        var rate: Double? = nil
        var bots: Double? = nil
        switch (f["rate"], f["botnet"]) {
        case (let r?, nil): rate = c.rate(r)
        case (nil, let b?):
            if let g = c.fields(b, Schema.botnet), let n = g.value("bots", c.count), let perBot = g.value("rate_per_bot", c.rate) {
                if n <= 0 { c.error(g["bots"]!.location, "a botnet of zero bots", expected: "a positive count") }
                bots = n
                rate = n * perBot
            }
        case (_?, let b?): c.error(b.location, "give `rate` or `botnet`, not both", expected: "one of them")
        case (nil, nil): c.error(node.location, "attack `\(id)` has no `rate` or `botnet`", expected: "`rate: 500k/s` or `botnet: {bots: 10k, rate_per_bot: 50/s}`")
        }
        let bursts: [Attack.BurstCampaign] = f.value("bursts") { n in
            c.list(n, "bursts") { item -> Attack.BurstCampaign? in
                guard let b = c.fields(item, Schema.burst) else { return nil }
                let count = b.value("count") { c.integer($0, min: 1) }
                let span = self.interval(b, window, "burst campaign")
                let duration = b.value("duration") { c.distribution($0, .duration) }
                let gap = b.value("gap") { c.distribution($0, .duration) }
                let intensity = b.value("intensity") { c.number($0, min: 0) }
                guard let count, let (from, to) = span, let duration, let gap, let intensity else { return nil }
                return Attack.BurstCampaign(count: count, from: from, to: to, duration: duration, gap: gap, intensity: intensity)
            }
        } ?? []
        let windows: [Attack.Window] = f.value("windows") { n in
            c.list(n, "windows") { item -> Attack.Window? in
                guard let w = c.fields(item, Schema.attackWindow) else { return nil }
                let span = self.interval(w, window, "attack window")
                let intensity = w.value("intensity") { c.number($0, min: 0) }
                guard let (from, to) = span, let intensity else { return nil }
                return Attack.Window(from: from, to: to, intensity: intensity)
            }
        } ?? []
        let ramps: [Attack.Ramp] = f.value("ramps") { n in
            c.list(n, "ramps") { item -> Attack.Ramp? in
                guard let r = c.fields(item, Schema.ramp) else { return nil }
                let span = self.interval(r, window, "attack ramp")
                let a = r.value("start_intensity") { c.number($0, min: 0) }
                let b = r.value("end_intensity") { c.number($0, min: 0) }
                guard let (from, to) = span, let a, let b else { return nil }
                return Attack.Ramp(from: from, to: to, startIntensity: a, endIntensity: b)
            }
        } ?? []
        if !f.has("bursts") && !f.has("windows") && !f.has("ramps") {
            c.error(node.location, "attack `\(id)` never happens", expected: "`bursts:`, `windows:` or `ramps:`")
        }
        let cost = f.value("request_cost") { c.distribution($0, .duration) }
        let mode = f.value("mode") { c.choice($0, ["discrete", "fluid", "auto"]) }.flatMap(Attack.Mode.init(rawValue:))
        let threshold = f.value("auto_threshold", c.rate)
        var mitigation: Attack.Mitigation? = nil
        if let m = f["mitigation"], let g = c.fields(m, Schema.mitigation) {
            let start = g.value("start") { self.clockInWindow($0, window, "mitigation start") }
            let rampUp = g.value("ramp_up") { c.duration($0) }
            let pass = g.value("pass_through", c.share)
            let fp = g.value("false_positive", c.share)
            let capacity = g.value("filter_capacity", c.rate)
            let over = g.value("over_capacity") { c.choice($0, ["pass", "drop"]) }.flatMap(Attack.Mitigation.OverCapacity.init(rawValue:))
            let perSource = g.value("per_source_rate_limit", c.rate)
            let geo = g.value("geo_block_share", c.share)
            if let limit = g["per_source_rate_limit"], bots == nil {
                c.error(limit.location, "a per-source rate limit needs the number of sources", expected: "`botnet: {bots: …, rate_per_bot: …}` instead of `rate`")
            }
            if let start, let rampUp, let pass, let fp, let over, let geo {
                mitigation = Attack.Mitigation(start: start, rampUp: rampUp, passThrough: pass, falsePositive: fp, filterCapacity: capacity,
                                               overCapacity: over, perSourceRateLimit: perSource, geoBlockShare: geo)
            }
        }
        // The peak rate, not only the nominal one, must keep its count exact (a botnet's
        // product of two legal figures may not). Overlapping windows, ramps and bursts add
        // up at run time, so the sum of their intensities bounds the peak.
        let intensities = bursts.map(\.intensity) + windows.map(\.intensity) + ramps.map { max($0.startIntensity, $0.endIntensity) }
        let peak = (rate ?? 0) * max(1, intensities.reduce(0, +))
        if rate != nil, !c.exactCount(peak, over: f["rate"] ?? f["botnet"] ?? node, what: "the attack's peak rate") { return nil }
        guard let target, let rate, let mode, let threshold else { return nil }
        // The target's kind is settled by ReferenceCheck; a pool until then.
        return Attack(id: id, label: f["label"].flatMap { c.text($0) }, target: .pool(target), rate: rate, bots: bots, bursts: bursts, windows: windows, ramps: ramps,
                      requestCost: cost, mode: mode, autoThreshold: threshold, mitigation: mitigation)
    }
}
