import Foundation
import Scenario
import World

/// What-if sweeps: every point of a ``SweepPlan`` replicated on common random numbers
/// (DESIGN.md "Experiments").
public enum Sweep {
    /// One metric value of one work item (a point's replication), kept exactly so shards merge losslessly.
    public struct Value: Sendable, Hashable, Codable {
        public let kind: String
        public let entity: String
        public let metric: String
        public let value: Double
    }

    /// Everything a sweep keeps of one run.
    public struct ItemResult: Sendable, Hashable, Codable {
        public let item: Int
        public let point: Int
        public let replication: Int
        public let values: [Value]
    }

    /// One metric of one entity at one point, over the replications.
    public struct Cell: Sendable {
        public let point: Int
        public let kind: EntityKind
        public let entity: String
        public let metric: String
        public let estimate: Estimate
    }

    public struct Result: Sendable {
        public let plan: SweepPlan
        /// Point-major, then metric (plan order), then entity (summary order).
        public let cells: [Cell]
    }

    /// The scenario of each point: `load` applies the point's overrides to the model file
    /// (the CLI passes ScenarioLoader with `--set` and `--policy`), then `demand_scale`, if
    /// varied, multiplies the demand. Every point is built before anything runs, so a bad
    /// value fails at once, naming the point.
    public static func scenarios(_ plan: SweepPlan, load: ([Override]) throws -> Scenario) throws -> [Scenario] {
        // Every work item's figures are held until they are aggregated, at least one per
        // metric: refuse a plan beyond the held-values bound before any list of items is made.
        let held = Double(plan.points.count) * Double(plan.replications) * Double(max(1, plan.metrics.count))
        guard held <= Double(RunBounds.maxHeldValues) else {
            throw SweepError.invalid("\(plan.points.count) points × \(plan.replications) replications × \(max(1, plan.metrics.count)) metrics "
                + "= \(String(format: "%.3g", held)) figures held in memory, above the limit of \(RunBounds.maxHeldValues); "
                + "use fewer replications or points")
        }
        return try plan.points.enumerated().map { index, values in
            var overrides: [Override] = []
            var scale: Double?
            for (path, value) in zip(plan.paths, values) {
                if path == SweepParameter.demandScalePath {
                    guard let x = Double(value) else {
                        throw SweepError.invalid("point \(index + 1): demand_scale=\(value) is not a number")
                    }
                    scale = x
                } else {
                    overrides.append(Override(path: path, value: value))
                }
            }
            do {
                var scenario = try load(overrides)
                if let scale { scenario = try DemandScale("demand").apply(scale, to: scenario) }
                return scenario
            } catch {
                let assignments = zip(plan.paths, values).map { "\($0)=\($1)" }.joined(separator: ", ")
                throw SweepError.invalid("point \(index + 1) (\(assignments)): \(error)")
            }
        }
    }

    /// Runs this shard's work items (all of them for ``Shard/whole``), in parallel on up
    /// to `jobs` threads; results are stored by item, so they do not depend on `jobs`.
    public static func runItems(_ plan: SweepPlan, scenarios: [Scenario], shard: Shard = .whole, seed: UInt64?,
                                jobs: Int, progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) throws(WorldBuildError) -> [ItemResult] {
        for scenario in scenarios { _ = try World(scenario: scenario, replication: 0, seed: seed) }
        let items = shard.items(outOf: plan.itemCount)
        let done = Counter()
        return try ParallelRuns.map(count: items.count, jobs: jobs) { k throws(WorldBuildError) in
            try World(scenario: scenarios[plan.item(items[k]).point], replication: plan.item(items[k]).replication, seed: seed)
        } finish: { k, world in
            let (point, replication) = plan.item(items[k])
            let run = world.run()
            let values = plan.metrics.flatMap { selector in
                selector.values(in: run).map { Value(kind: $0.kind.rawValue, entity: $0.entity, metric: selector.metric, value: $0.value) }
            }
            progress?((done.take(below: Int.max) ?? 0) + 1, items.count)
            return ItemResult(item: items[k], point: point, replication: replication, values: values)
        }
    }

    /// Mean and 95% interval per point, metric and entity, from every item of the plan.
    public static func aggregate(_ plan: SweepPlan, items: [ItemResult]) throws(SweepError) -> Result {
        var byItem = [ItemResult?](repeating: nil, count: plan.itemCount)
        for r in items {
            guard r.item >= 0, r.item < plan.itemCount else {
                throw .invalid("work item \(r.item) is outside the plan (0..<\(plan.itemCount))")
            }
            guard byItem[r.item] == nil else { throw .invalid("work item \(r.item) appears twice") }
            byItem[r.item] = r
        }
        if let gap = byItem.firstIndex(where: { $0 == nil }) {
            let (p, r) = plan.item(gap)
            throw .invalid("work item \(gap) (point \(p + 1), replication \(r + 1)) is missing: \(byItem.filter { $0 == nil }.count) of \(plan.itemCount) items have no result")
        }
        var cells: [Cell] = []
        for point in plan.points.indices {
            let runs = (0..<plan.replications).map { byItem[point * plan.replications + $0]! }
            struct Key: Hashable { let kind, entity, metric: String }
            var order: [Key] = []
            var values: [Key: [Double]] = [:]
            for (r, run) in runs.enumerated() {
                for v in run.values {
                    let key = Key(kind: v.kind, entity: v.entity, metric: v.metric)
                    if values[key] == nil {
                        order.append(key)
                        values[key] = Array(repeating: .nan, count: plan.replications)
                    }
                    values[key]![r] = v.value
                }
            }
            for metric in plan.metrics.map(\.metric) {
                for key in order where key.metric == metric {
                    cells.append(Cell(point: point, kind: EntityKind(rawValue: key.kind) ?? .run, entity: key.entity,
                                      metric: key.metric, estimate: Estimate(values[key]!)))
                }
            }
        }
        return Result(plan: plan, cells: cells)
    }
}
