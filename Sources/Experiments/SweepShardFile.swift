import Foundation

/// The lossless record of one sweep shard (`sweep-shard.json` in the shard's folder): the
/// plan, which shard this is, and every metric value of every work item it ran.
///
/// Doubles are written in Swift's shortest round-trip form (NaN and infinities as
/// strings), so decoding gives back the very bits; ``merge(_:)`` checks that the shards
/// share one plan and together hold each item exactly once, then aggregates exactly as
/// the unsharded sweep does — which is why the merged sweep.csv equals the unsharded one
/// byte for byte.
public struct SweepShardFile: Sendable, Hashable, Codable {
    public static let fileName = "sweep-shard.json"
    public static let formatVersion = 1

    public var format = SweepShardFile.formatVersion
    /// What was swept: the model path and its title, for the merged outputs.
    public let model: String
    public let scenarioName: String
    /// Clock time (seconds from midnight) the scenario starts at.
    public let startClock: Double
    public let seed: UInt64
    /// Overrides and policy common to every point (`--set`, `--policy`).
    public let overrides: [String]
    public let policy: String?
    public let plan: SweepPlan
    public let shardIndex: Int
    public let shardCount: Int
    public let items: [Sweep.ItemResult]

    public init(model: String, scenarioName: String, startClock: Double, seed: UInt64, overrides: [String],
                policy: String?, plan: SweepPlan, shard: Shard, items: [Sweep.ItemResult]) {
        self.model = model
        self.scenarioName = scenarioName
        self.startClock = startClock
        self.seed = seed
        self.overrides = overrides
        self.policy = policy
        self.plan = plan
        self.shardIndex = shard.index
        self.shardCount = shard.count
        self.items = items
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }

    public static func decode(_ data: Data, path: String) throws(SweepError) -> SweepShardFile {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let file: SweepShardFile
        do {
            file = try decoder.decode(SweepShardFile.self, from: data)
        } catch {
            throw .invalid("\(path): not a sweep shard file (\(error))")
        }
        guard file.format == formatVersion else {
            throw .invalid("\(path): sweep shard format \(file.format) (expected \(formatVersion))")
        }
        return file
    }

    /// Reads `sweep-shard.json` from each shard folder.
    public static func read(folders: [URL]) throws -> [SweepShardFile] {
        try folders.map { folder in
            let url = folder.appendingPathComponent(fileName)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw SweepError.invalid("\(url.path): no such file (expected a folder written by `affluence sweep --shard i/N`)")
            }
            return try decode(data, path: url.path)
        }
    }

    /// The shards' items as one sweep result: same plan and seed everywhere, shard counts
    /// agreeing, no shard twice, no item missing or duplicated.
    public static func merge(_ shards: [SweepShardFile]) throws(SweepError) -> (header: SweepShardFile, result: Sweep.Result) {
        guard let first = shards.first else { throw .invalid("no sweep shards to merge") }
        for s in shards.dropFirst() {
            guard s.plan == first.plan, s.seed == first.seed, s.model == first.model, s.overrides == first.overrides,
                  s.policy == first.policy else {
                throw .invalid("shard \(s.shardIndex)/\(s.shardCount) is from a different sweep than shard \(first.shardIndex)/\(first.shardCount) (model, plan, seed, --set or --policy differ)")
            }
            guard s.shardCount == first.shardCount else {
                throw .invalid("shard \(s.shardIndex)/\(s.shardCount) and shard \(first.shardIndex)/\(first.shardCount) split the sweep differently")
            }
        }
        let indices = shards.map(\.shardIndex)
        if let twice = indices.first(where: { i in indices.filter { $0 == i }.count > 1 }) {
            throw .invalid("shard \(twice)/\(first.shardCount) is given twice")
        }
        let absent = (0..<first.shardCount).filter { !indices.contains($0) }
        if !absent.isEmpty {
            throw .invalid("missing shard(s) \(absent.map { "\($0)/\(first.shardCount)" }.joined(separator: ", ")) (every shard of the split is needed)")
        }
        let result = try Sweep.aggregate(first.plan, items: shards.flatMap(\.items))
        return (first, result)
    }
}
