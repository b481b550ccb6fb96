import Foundation

/// Shard folders checked to be the N parts of one command, with their results in the
/// order the unsharded command would have produced them.
///
/// `affluence merge` dispatches on `manifest.command` and writes, from these, the very
/// files the unsharded command writes. A new kind of sharded command (a sweep) adds a case
/// to `ShardManifest.Command`, a list to `ShardResults`, and a branch where both switch.
public struct MergedShards: Sendable {
    /// The manifest of shard 0 (every shard agrees on all but index and command line).
    public let manifest: ShardManifest
    /// `run`: every replication, in replication order.
    public let replications: [ReplicationRecord]
    /// `compare`: every (policy, replication) item, in item order.
    public let compareItems: [Compare.ItemRecord]

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
                throw MergeError("\(folder.path): not a shard of the same \(reference.command.rawValue) as \(firstFolder.path): \(name) is \(found), there \(expected)")
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
        for index in 0..<count {
            let (folder, m) = byIndex[index]!
            let results = try ShardFolder.readResults(folder)
            let expected = (try? Shard(index: index, count: count))?.items(outOf: m.items) ?? []
            guard results.itemNumbers == expected else {
                throw MergeError("\(folder.appendingPathComponent(ShardFolder.resultsFile).path): holds items \(results.itemNumbers) but shard \(index)/\(count) of \(m.items) owns \(expected)")
            }
            switch m.command {
            case .run:
                guard results.compareItems.isEmpty else { throw MergeError("\(folder.path): a run shard with compare items") }
                replications += results.replications
            case .compare:
                let width = m.metrics?.count ?? 0
                for record in results.compareItems where record.values.count != width
                    || record.policy != m.policies[safe: record.item / max(1, m.replications)] {
                    throw MergeError("\(folder.appendingPathComponent(ShardFolder.resultsFile).path): item \(record.item) has \(record.values.count) values for policy \(record.policy) (expected \(width) metrics for the item's policy)")
                }
                compareItems += results.compareItems
            }
        }
        // Shard i owns items i, i+N, …: item order interleaves the shards.
        replications.sort { $0.replication < $1.replication }
        compareItems.sort { $0.item < $1.item }
        return MergedShards(manifest: byIndex[0]!.manifest, replications: replications, compareItems: compareItems)
    }
}

fileprivate extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
