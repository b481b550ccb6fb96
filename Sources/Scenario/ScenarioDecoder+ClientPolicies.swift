extension ScenarioDecoder {
    // MARK: Client policies (`behaviours[].adaptive_throttling`, `retry_budget`, `backoff`)

    /// The client policies of a behaviour profile; `nil` after an error (already reported).
    func clientPolicies(_ f: Fields) -> ClientPolicies? {
        let c = context
        var failed = false
        var policies = ClientPolicies()
        if let node = f["adaptive_throttling"] {
            if let t = c.fields(node, Schema.adaptiveThrottling),
               let k = t.value("k", { c.number($0, above: 0) }),
               let window = t.value("window", c.positiveDuration) {
                policies.throttling = AdaptiveThrottling(k: k, window: window)
            } else { failed = true }
        }
        if let node = f["retry_budget"] {
            if let b = c.fields(node, Schema.retryBudget),
               let attempts = b.value("max_attempts", { c.integer($0, min: 1) }),
               let ratio = b.value("ratio", c.share) {
                policies.retryBudget = RetryBudget(maxAttempts: attempts, ratio: ratio)
            } else { failed = true }
        }
        if let node = f["backoff"] {
            if let b = c.fields(node, Schema.backoff),
               let initial = b.value("initial", c.positiveDuration),
               let multiplier = b.value("multiplier", { c.number($0, min: 1) }),
               let most = b.value("max", c.positiveDuration),
               let jitter = b.value("jitter", jitter) {
                if most < initial {
                    c.error((b["max"] ?? node).location,
                            "backoff max \(Units.formatDuration(most)) is below its initial delay \(Units.formatDuration(initial))",
                            expected: "a max at least the initial delay")
                    failed = true
                } else {
                    policies.backoff = Backoff(initial: initial, multiplier: multiplier, max: most, jitter: jitter)
                }
            } else { failed = true }
        }
        return failed ? nil : policies
    }

    /// `20%` (the delay times a uniform factor in [0.8, 1.2]) or `full` (uniform in [0, delay]).
    func jitter(_ node: ConfigNode) -> Backoff.Jitter? {
        if node.scalarText == "full" { return .full }
        guard let share = context.share(node) else { return nil }
        return .proportional(share)
    }
}
