import Foundation

/// Shard folders checked to be the N parts of one command, with their results in the
/// order the unsharded command would have produced them.
///
/// `affluence merge` dispatches on `manifest.command` and writes, from these, the very
/// files the unsharded command writes. A new kind of sharded command adds a case to
/// `ShardManifest.Command`, a list to `ShardResults`, and a branch where both switch.
public struct MergedShards: Sendable {
    /// The manifest of shard 0 (every shard agrees on all but index and command line).
    public let manifest: ShardManifest
    /// `run`: every replication, in replication order.
    public let replications: [ReplicationRecord]
    /// `compare`: every (policy, replication) item, in item order.
    public let compareItems: [Compare.ItemRecord]
    /// `sweep`: every (point, replication) item, in item order.
    public let sweepItems: [Sweep.ItemResult]

    /// Reads and checks shard folders: the same command, model (hash), overrides, seed,
    /// replications, settings and shard count; every index 0..<N exactly once; each holding
    /// exactly the items its index owns. The folders may be given in any order.
    public static func gather(_ folders: [URL]) throws(MergeError) -> MergedShards {
        guard !folders.isEmpty else { throw MergeError("no shard folder given (expected DIR... written with --shard i/N)") }
        var manifests: [(URL, ShardManifest)] = []
        for folder in folders { manifests.append((folder, try ShardFolder.readManifest(folder))) }

        let (firstFolder, reference) = manifests[0]
        for (folder, m) in manifests.dropFirst() {
            for ((name, expected), (_, found)) in zip(reference.identity, m.identity) where expected != found {
                let difference = name == "plan" ? planDifference(m.plan, reference.plan) : "\(name) is \(found), there \(expected)"
                throw MergeError("\(folder.path): not a shard of the same \(reference.command.rawValue) as \(firstFolder.path): \(difference)")
            }
        }
        let count = reference.shardCount
        var byIndex: [Int: (folder: URL, manifest: ShardManifest)] = [:]
        for (folder, m) in manifests {
            guard (0..<count).contains(m.shardIndex) else {
                throw MergeError("\(folder.path): shard index \(m.shardIndex) out of 0..<\(count)")
            }
            if let other = byIndex[m.shardIndex] {
                throw MergeError("shard \(m.shardIndex)/\(count) given twice: \(other.folder.path) and \(folder.path)")
            }
            byIndex[m.shardIndex] = (folder, m)
        }
        let missing = (0..<count).filter { byIndex[$0] == nil }
        guard missing.isEmpty else {
            throw MergeError("missing shard(s) \(missing.map { "\($0)/\(count)" }.joined(separator: ", ")) of \(reference.command.rawValue) \(reference.scenarioPath) (every index 0..\(count - 1) must be given once)")
        }

        var replications: [ReplicationRecord] = []
        var compareItems: [Compare.ItemRecord] = []
        var sweepItems: [Sweep.ItemResult] = []
        for index in 0..<count {
            let (folder, m) = byIndex[index]!
            let results = try ShardFolder.readResults(folder, manifest: m)
            let expected = (try? Shard(index: index, count: count))?.items(outOf: m.items) ?? []
            let resultsPath = folder.appendingPathComponent(ShardFolder.resultsFile).path
            guard results.itemNumbers == expected else {
                throw MergeError("\(resultsPath): holds items \(results.itemNumbers) but shard \(index)/\(count) of \(m.items) owns \(expected)")
            }
            switch m.command {
            case .run:
                guard results.compareItems.isEmpty, results.sweepItems.isEmpty else {
                    throw MergeError("\(resultsPath): a run shard with compare or sweep items")
                }
                replications += results.replications
            case .compare:
                let width = m.metrics?.count ?? 0
                for record in results.compareItems where record.values.count != width
                    || record.policy != m.policies[safe: record.item / max(1, m.replications)] {
                    throw MergeError("\(resultsPath): item \(record.item) has \(record.values.count) values for policy \(record.policy) (expected \(width) metrics for the item's policy)")
                }
                let series = m.daySeries?.count ?? 0
                for record in results.compareItems where record.day.values.count != series {
                    throw MergeError("\(resultsPath): item \(record.item) has \(record.day.values.count) day series (expected \(series), the shard's day_series)")
                }
                compareItems += results.compareItems
            case .sweep:
                guard let plan = m.plan else {
                    throw MergeError("\(folder.appendingPathComponent(ShardFolder.manifestFile).path): a sweep shard without its plan")
                }
                guard plan.itemCount == m.items, plan.replications == m.replications else {
                    throw MergeError("\(folder.appendingPathComponent(ShardFolder.manifestFile).path): the plan has \(plan.itemCount) items of \(plan.replications) replications, the manifest says \(m.items) of \(m.replications)")
                }
                let metrics = Set(plan.metrics.map(\.metric))
                for record in results.sweepItems {
                    let (point, replication) = plan.item(record.item)
                    guard record.point == point, record.replication == replication else {
                        throw MergeError("\(resultsPath): item \(record.item) says point \(record.point + 1), replication \(record.replication + 1) (expected point \(point + 1), replication \(replication + 1) of the plan)")
                    }
                    if let stray = record.values.first(where: { !metrics.contains($0.metric) }) {
                        throw MergeError("\(resultsPath): item \(record.item) has metric \(stray.metric), which the sweep does not report (expected one of \(plan.metrics.map(\.metric)))")
                    }
                }
                guard results.replications.isEmpty, results.compareItems.isEmpty else {
                    throw MergeError("\(resultsPath): a sweep shard with run or compare records")
                }
                sweepItems += results.sweepItems
            }
        }
        // Shard i owns items i, i+N, …: item order interleaves the shards.
        replications.sort { $0.replication < $1.replication }
        compareItems.sort { $0.item < $1.item }
        sweepItems.sort { $0.item < $1.item }
        return MergedShards(manifest: byIndex[0]!.manifest, replications: replications, compareItems: compareItems,
                            sweepItems: sweepItems)
    }

    /// The first way two sweep plans differ, as a reader would say it (a plan can hold
    /// thousands of points, too many to print whole).
    static func planDifference(_ found: SweepPlan?, _ expected: SweepPlan?) -> String {
        guard let found, let expected else { return "plan is \(found == nil ? "absent" : "present"), there \(expected == nil ? "absent" : "present")" }
        if found.paths != expected.paths { return "the varied paths are \(found.paths), there \(expected.paths)" }
        if found.points.count != expected.points.count { return "the plan has \(found.points.count) points, there \(expected.points.count)" }
        if let k = found.points.indices.first(where: { found.points[$0] != expected.points[$0] }) {
            return "point \(k + 1) is \(found.points[k]), there \(expected.points[k])"
        }
        if found.replications != expected.replications { return "replications per point are \(found.replications), there \(expected.replications)" }
        return "the metrics are \(found.metrics.map(\.description)), there \(expected.metrics.map(\.description))"
    }
}

fileprivate extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
