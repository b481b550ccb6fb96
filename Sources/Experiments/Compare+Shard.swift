import Scenario
import World

extension Compare {
    /// One (policy, replication) run of a compare, reduced to the figures it is compared
    /// on: what a compare shard saves and `affluence merge` reads back.
    public struct ItemRecord: Codable, Sendable {
        /// The work item's number: policy index × replications + replication.
        public let item: Int
        public let policy: String
        public let replication: Int
        /// One value per compared metric, in the metrics' order (NaN when it has none).
        public let values: [Double]
        public let events: UInt64
        /// The run's series behind the compared figures (the shard manifest's `day_series`),
        /// at the report interval: what series-policies.csv and the report's lines need.
        public let day: DayRun

        public init(item: Int, policy: String, replication: Int, values: [Double], events: UInt64,
                    day: DayRun = DayRun(interval: 0, values: [])) {
            self.item = item
            self.policy = policy
            self.replication = replication
            self.values = values
            self.events = events
            self.day = day
        }

        enum CodingKeys: String, CodingKey {
            case item, policy, replication, values, events, day
        }

        /// An item without `day` (written before compares kept their series) reads with none.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            item = try c.decode(Int.self, forKey: .item)
            policy = try c.decode(String.self, forKey: .policy)
            replication = try c.decode(Int.self, forKey: .replication)
            values = try c.decode([Double].self, forKey: .values)
            events = try c.decode(UInt64.self, forKey: .events)
            day = try c.decodeIfPresent(DayRun.self, forKey: .day) ?? DayRun(interval: 0, values: [])
        }
    }

    /// Runs the work items of a fixed-size compare that `shard` owns.
    ///
    /// Items are numbered in the order the unsharded compare runs them: item k is policy
    /// k / `replications`, replication k % `replications`. Each keeps its replication's
    /// substreams, so the policies stay on common random numbers across shards.
    ///
    /// - Parameter daySeries: the series to keep of each run (``DaySeries/of(_:in:)``).
    public static func runShard(_ scenarios: [(String, Scenario)], replications: Int, metrics: [CompareMetric],
                                daySeries: [DaySeries] = [], shard: Shard, seed: UInt64? = nil, jobs: Int = 1,
                                progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) throws(WorldBuildError) -> [ItemRecord] {
        // Saturated: an absurd --replications is refused by the check below, not an overflow trap.
        let (product, overflow) = scenarios.count.multipliedReportingOverflow(by: replications)
        let total = overflow ? Int.max : product
        for (_, scenario) in scenarios { try Replications.checkHeld(scenario, runs: shard.itemCount(outOf: total)) }
        let items = shard.items(outOf: total)
        let tasks = items.map { ($0 / replications, $0 % replications) }
        let results = try runTasks(scenarios.map(\.1), tasks: tasks, seed: seed, jobs: jobs, progress: progress)
        return zip(items, results).map { item, run in
            let (s, r) = (item / replications, item % replications)
            return ItemRecord(item: item, policy: scenarios[s].0, replication: r,
                              values: metrics.map { $0.value(in: run) }, events: run.events,
                              day: DayRun(run, series: daySeries))
        }
    }

    /// The comparison from every item of a compare, in item order (as merged from shards),
    /// with the items' day series.
    public static func compare(items: [ItemRecord], replications: Int, policies: [String], baseline: String,
                               metrics: [CompareMetric], daySeries: [DaySeries] = []) -> Result {
        var values: [String: [[Double]]] = [:]
        var dayRuns: [String: [DayRun]] = [:]
        for p in policies { values[p] = Array(repeating: [], count: metrics.count) }
        for record in items {
            for m in metrics.indices { values[record.policy]?[m].append(record.values[m]) }
            dayRuns[record.policy, default: []].append(record.day)
        }
        var result = compare(values: values, replications: replications, policies: policies, baseline: baseline, metrics: metrics)
        result.daySeries = daySeries
        result.dayRuns = dayRuns
        return result
    }
}
