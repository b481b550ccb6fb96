import Output
import Scenario
import World

/// The analytic twin's figures as extra rows of timeseries.csv (long format), next to the
/// simulation's: per pool `twin_offered_load`, `twin_psa_offered_load`, `twin_utilization`,
/// `twin_wait_s`, `twin_servers_needed`; per platform `twin_sessions`; and, where the
/// simulated busy workers leave the twin's band, `twin_disagrees_<reason>` whose value is
/// (simulated − twin) / twin (``TwinComparison`` states the band and the reasons).
///
/// The twin is not a replication: its rows carry replication 0.
enum TwinTimeseries {
    static func rows(scenario: Scenario, records: [ReplicationRecord], policy: String) -> [TimeseriesRow] {
        // The loader has resolved every reference the twin follows, so it cannot fail here.
        guard let twin = try? AnalyticTwin(scenario) else { return [] }
        var rows: [TimeseriesRow] = []
        func add(_ kind: Output.EntityKind, _ entity: String, _ interval: Int, _ metric: String, _ value: Double) {
            rows.append(TimeseriesRow(scenario: scenario.name, policy: policy, replication: 0,
                                      intervalStart: Double(interval) * twin.interval, entityKind: kind, entityID: entity,
                                      metric: metric, value: value.isFinite ? value : nil))
        }
        for p in twin.pools {
            add(.pool, p.pool, p.interval, "twin_offered_load", p.offeredLoad)
            add(.pool, p.pool, p.interval, "twin_psa_offered_load", p.psaOfferedLoad)
            add(.pool, p.pool, p.interval, "twin_utilization", p.workers > 0 && p.workers < .max ? p.offeredLoad / Double(p.workers) : .nan)
            add(.pool, p.pool, p.interval, "twin_wait_s", p.wait)
            add(.pool, p.pool, p.interval, "twin_servers_needed", Double(p.serversNeeded))
        }
        for p in twin.platforms {
            add(.platform, p.platform, p.interval, "twin_sessions", p.sessions)
        }
        let series = records.map { record in
            { (metric: String, entity: String) in record.series.first { $0.metric == metric && $0.entity == entity }?.values }
        }
        for f in TwinComparison.flags(twin: twin, series: series, platformsOfPool: TwinComparison.platformsOfPool(scenario)) {
            add(.pool, f.pool, f.interval, "twin_disagrees_" + f.reason, f.relativeDifference)
        }
        return rows
    }
}
