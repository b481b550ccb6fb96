import Scenario
import World

/// Where the simulation and its analytic twin disagree, and the likely reason.
///
/// Compared per pool and interval: the simulated busy workers (mean over replications)
/// against the twin's carried load min(a, c). The band is 15% of the twin's figure plus
/// three Poisson standard deviations (3√a) plus one worker: inside it, the two agree as well
/// as an interval's occupancy can be read. Outside it, the reason is the first that applies
/// in that interval: `retries` (retry attempts above 5% of first attempts on a platform using
/// the pool), `caps` (refusals, a full session cap or users in a waiting room), `drops`
/// (timeouts or rejections above 1% of arrivals), `backlog` (the twin at or over 95%
/// utilisation, or a simulated queue longer than the pool's workers: a queue carries work
/// over from earlier intervals, which steady-state Erlang C does not), else `unexplained`.
public enum TwinComparison {
    public struct Flag: Sendable {
        public let pool: String
        public let interval: Int
        public let simulated: Double
        public let twin: Double
        /// (simulated − twin) / max(twin, 1).
        public let relativeDifference: Double
        public let reason: String
    }

    /// The platforms whose users reach each pool (its pages, or its sign-on service).
    public static func platformsOfPool(_ scenario: Scenario) -> [String: [String]] {
        var map: [String: [String]] = [:]
        for platform in scenario.platforms {
            let sso = platform.sso.flatMap { scenario.service($0)?.pool }
            for pool in platform.pools + (sso.map { [$0] } ?? []) where !(map[pool] ?? []).contains(platform.id) {
                map[pool, default: []].append(platform.id)
            }
        }
        return map
    }

    public static let reasons = ["retries", "caps", "drops", "backlog", "unexplained"]

    public static func flags(twin: AnalyticTwin, runs: [RunResult],
                             platformsOfPool: [String: [String]]) -> [Flag] {
        flags(twin: twin, series: runs.map { run in { run.series($0, $1) } }, platformsOfPool: platformsOfPool)
    }

    /// The same from each replication's series lookup (metric, entity) → values, so that
    /// replications read back from shard folders give the same flags as runs just made.
    public static func flags(twin: AnalyticTwin, series runs: [(_ metric: String, _ entity: String) -> [Double]?],
                             platformsOfPool: [String: [String]]) -> [Flag] {
        guard !runs.isEmpty else { return [] }
        // Per (metric, entity): the mean over replications in each interval, computed once.
        var means: [String: [Double]] = [:]
        func mean(_ metric: String, _ entity: String, _ i: Int) -> Double {
            let key = metric + "\u{0}" + entity
            if means[key] == nil {
                let all = runs.compactMap { $0(metric, entity) }
                let count = all.map(\.count).max() ?? 0
                means[key] = (0..<count).map { k in
                    let values = all.compactMap { k < $0.count && $0[k].isFinite ? $0[k] : nil }
                    return values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
                }
            }
            let m = means[key]!
            return i < m.count ? m[i] : .nan
        }
        var flags: [Flag] = []
        for p in twin.pools {
            let i = p.interval
            let simulated = mean("busy_workers", p.pool, i)
            guard simulated.isFinite else { continue }
            let carried = min(p.offeredLoad, Double(p.workers))
            let band = 0.15 * carried + 3 * carried.squareRoot() + 1
            guard abs(simulated - carried) > band else { continue }
            let platforms = platformsOfPool[p.pool] ?? []
            let reason: String
            if platforms.contains(where: { mean("attempts_retry", $0, i) > 0.05 * max(1, mean("attempts_first", $0, i)) }) {
                reason = "retries"
            } else if platforms.contains(where: { pl in
                mean("refused", pl, i) > 0 || mean("waiting_room_users", pl, i) > 0
                    || (mean("session_cap", pl, i).isFinite && mean("active_sessions", pl, i) >= 0.9 * mean("session_cap", pl, i))
            }) {
                reason = "caps"
            } else if mean("timed_out", p.pool, i) + mean("rejected", p.pool, i) > 0.01 * max(1, mean("arrived", p.pool, i)) {
                reason = "drops"
            } else if p.offeredLoad >= 0.95 * Double(p.workers) || mean("mean_queue", p.pool, i) > Double(p.workers) {
                reason = "backlog"
            } else {
                reason = "unexplained"
            }
            flags.append(Flag(pool: p.pool, interval: i, simulated: simulated, twin: carried,
                              relativeDifference: (simulated - carried) / max(carried, 1), reason: reason))
        }
        return flags
    }
}
