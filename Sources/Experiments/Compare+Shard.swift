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
    }

    /// Runs the work items of a fixed-size compare that `shard` owns.
    ///
    /// Items are numbered in the order the unsharded compare runs them: item k is policy
    /// k / `replications`, replication k % `replications`. Each keeps its replication's
    /// substreams, so the policies stay on common random numbers across shards.
    public static func runShard(_ scenarios: [(String, Scenario)], replications: Int, metrics: [CompareMetric], shard: Shard,
                                seed: UInt64? = nil, jobs: Int = 1,
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
                              values: metrics.map { $0.value(in: run) }, events: run.events)
        }
    }

    /// The comparison from every item of a compare, in item order (as merged from shards).
    public static func compare(items: [ItemRecord], replications: Int, policies: [String], baseline: String,
                               metrics: [CompareMetric]) -> Result {
        var values: [String: [[Double]]] = [:]
        for p in policies { values[p] = Array(repeating: [], count: metrics.count) }
        for record in items {
            for m in metrics.indices { values[record.policy]?[m].append(record.values[m]) }
        }
        return compare(values: values, replications: replications, policies: policies, baseline: baseline, metrics: metrics)
    }
}
