/// A mitigation filter in front of an attacked pool: what share of the attack it stops,
/// drops or lets through at a given attack rate, and what share of legitimate requests it
/// blocks by mistake.
///
/// The stages, in the order traffic meets them (each stage's blocking scales with the
/// mitigation's `effect` e ∈ [0, 1], which ramps from 0 at its start to 1 after `ramp_up`):
/// 1. geo-blocking stops a share g·e of the attack (legitimate users are in the country);
/// 2. the filter inspects at most `capacity` requests/s: the share 1 − K/R1 of the
///    remaining attack rate R1 beyond it passes uninspected, or is dropped when
///    `over_capacity: drop` — and legitimate requests meet the same fate in the same share
///    (the capacity is counted against the attack's rate only: legitimate rates are orders of
///    magnitude smaller whenever the filter's capacity matters);
/// 3. of the inspected attack, a per-source rate limit L stops the excess of each bot's
///    rate r = rate / bots (share e·(1 − L/r)), and the remaining pass-through keeps a
///    share 1 − e·(1 − pass_through);
/// 4. inspected legitimate requests are blocked with probability e·false_positive (one
///    request at a time per user stays under any per-source limit).
struct AttackFilter {
    var passThrough: Double
    var falsePositive: Double
    /// Requests/s the filter can inspect (nil: unlimited).
    var capacity: Double?
    var dropsOverCapacity: Bool
    var perSourceLimit: Double?
    var geoBlockShare: Double
    var bots: Double?

    /// What becomes of each attack request, and the chance a legitimate request is blocked.
    struct Shares: Equatable {
        var filtered = 0.0
        var dropped = 0.0
        var passed = 1.0
        var legitBlocked = 0.0
    }

    /// The shares at attack rate `rate` (requests/s offered) and mitigation effect `effect`.
    func shares(rate: Double, effect e: Double) -> Shares {
        guard e > 0 else { return Shares() }
        let geo = geoBlockShare * e
        let remaining = 1 - geo
        var inspected = 1.0
        if let capacity, rate * remaining > capacity { inspected = capacity / (rate * remaining) }
        var limited = 1.0
        if let limit = perSourceLimit, let bots, bots > 0, rate > 0 {
            limited = 1 - e * (1 - min(1, limit / (rate / bots)))
        }
        let kept = limited * (1 - e * (1 - passThrough))
        var s = Shares()
        s.passed = remaining * inspected * kept
        s.filtered = geo + remaining * inspected * (1 - kept)
        let uninspected = remaining * (1 - inspected)
        if dropsOverCapacity { s.dropped = uninspected } else { s.passed += uninspected }
        s.legitBlocked = inspected * falsePositive * e + (dropsOverCapacity ? 1 - inspected : 0)
        return s
    }
}
