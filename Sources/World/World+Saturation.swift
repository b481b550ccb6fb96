import Scenario

/// Saturation as two measures (``SaturationSettings``): *overload*, the servers failing
/// their users, per pool and per platform (through its pools and its own failed logins
/// and timed-out pages); and *refusal*, the gates turning users away by policy, per
/// platform. Both are read from the interval series after the run, so they cost the
/// event loop nothing but the count of filter blocks per platform.
extension World {
    /// The three summary metrics of one measure: onset, end of the last flagged interval,
    /// share of intervals flagged.
    struct SaturationNames {
        let onset: String
        let until: String
        let share: String

        /// Either measure (a pool is only ever overloaded): the names the report, compare,
        /// sweep and the saturation search read.
        static let either = SaturationNames(onset: "saturation_onset_clock_s", until: "saturated_until_clock_s", share: "saturated_share")
        static let overload = SaturationNames(onset: "overload_onset_clock_s", until: "overloaded_until_clock_s", share: "overloaded_share")
        static let refusal = SaturationNames(onset: "refusal_onset_clock_s", until: "refusing_until_clock_s", share: "refusing_share")
    }

    /// Report intervals a measure must hold for its onset.
    var saturationSustainIntervals: Int {
        max(1, Int(saturating: (saturation.sustain / model.interval).rounded(.up)))
    }

    /// Per report interval: whether pool `p` was overloaded (utilisation at the threshold,
    /// too many arrivals timed out or rejected, or a p95 response time above the limit).
    func poolOverloaded(_ p: Int) -> [Bool] {
        let s = saturation
        let utilization = recorder.values(pool: p, "utilization")
        let arrived = recorder.values(pool: p, "arrived")
        let timedOut = recorder.values(pool: p, "timed_out")
        let rejected = recorder.values(pool: p, "rejected")
        let p95 = recorder.values(pool: p, "p95_response_s")
        return utilization.indices.map { i in
            utilization[i] >= s.utilization
                || (arrived[i] > 0 && (timedOut[i] + rejected[i]) / arrived[i] > s.failedShare)
                || (s.p95Response.map { p95[i] > $0 } ?? false)
        }
    }

    /// Per report interval: whether platform `p` was overloaded (one of the pools its
    /// pages, logins or refusal pages travel through was, or more than `failed_share` of
    /// its outcomes were failed logins or timed-out pages that no filter caused) and
    /// whether it was refusing (more than `refused_share` of its outcomes were refusals by
    /// a gate, balks or reneges from its waiting room, or requests a filter blocked).
    ///
    /// An interval's outcomes: refusals, logins (successful or failed), pages (served or
    /// timed out), balks and reneges — each counted when it ends.
    func platformSaturation(_ p: Int, poolOverloaded: [[Bool]]) -> (overloaded: [Bool], refusing: [Bool]) {
        let s = saturation
        func series(_ metric: String) -> [Double] { recorder.values(platform: p, metric).map { $0.isNaN ? 0 : $0 } }
        let refused = series("refused"), balked = series("balked"), reneged = series("reneged_room")
        let loginFailures = series("login_failures"), logins = series("successful_logins")
        let pagesOK = series("pages_ok"), pageTimeouts = series("page_timeouts")
        let platform = model.platforms[p]
        let routes = [platform.pageRoute, platform.loginRoute] + (platform.refusalRoute.map { [$0] } ?? [])
        let pools = Set(routes.flatMap { model.routes[$0].map(Int.init) }).sorted()
        var overloaded: [Bool] = []
        var refusing: [Bool] = []
        for i in refused.indices {
            let blocked = filterBlocked.isEmpty ? 0 : filterBlocked[p][i]
            let outcomes = refused[i] + loginFailures[i] + logins[i] + pagesOK[i] + pageTimeouts[i] + balked[i] + reneged[i]
            let failed = max(0, loginFailures[i] + pageTimeouts[i] - blocked)
            let turnedAway = refused[i] + balked[i] + reneged[i] + blocked
            overloaded.append(pools.contains { poolOverloaded[$0][i] } || (outcomes > 0 && failed / outcomes > s.failedShare))
            refusing.append(outcomes > 0 && turnedAway / outcomes > s.refusedShare)
        }
        return (overloaded, refusing)
    }

    /// A legitimate request of user `u` blocked by an attack filter: a refusal by policy at
    /// the user's platform, counted in the open report interval (for ``platformSaturation``).
    mutating func countFilterBlock(user u: Int32) {
        guard sourcePlatform[Int(users[u].source)] >= 0 else { return }
        if filterBlocked.isEmpty {
            filterBlocked = Array(repeating: Array(repeating: 0, count: model.intervalCount), count: model.platforms.count)
        }
        filterBlocked[platformIndex(of: u)][min(currentInterval, model.intervalCount - 1)] += 1
    }

    /// A measure's onset: the start of the first run of ``saturationSustainIntervals``
    /// flagged intervals; until: the end of the last flagged interval, unless the run ends
    /// flagged (then NaN: not recovered within the horizon) or there is no onset; share:
    /// flagged intervals over all intervals.
    func putSaturation(_ flagged: [Bool], _ names: SaturationNames, kind: EntityKind, entity: String,
                       put: (EntityKind, String, String, Double) -> Void) {
        let sustain = saturationSustainIntervals
        var onset = Double.nan
        var i = 0
        while i + sustain <= flagged.count {
            if flagged[i..<(i + sustain)].allSatisfy({ $0 }) {
                onset = model.startClock + Double(i) * model.interval
                break
            }
            i += 1
        }
        var until = Double.nan
        if onset.isFinite, let last = flagged.lastIndex(of: true), last < flagged.count - 1 {
            until = model.startClock + Double(last + 1) * model.interval
        }
        put(kind, entity, names.onset, onset)
        put(kind, entity, names.until, until)
        put(kind, entity, names.share, flagged.isEmpty ? .nan : Double(flagged.filter { $0 }.count) / Double(flagged.count))
    }
}
