import Foundation
import Output

/// What a shard folder holds (`shard.json`): which part of which command it is, and every
/// fact the unsharded command would write into its manifest, so that `affluence merge` can
/// check the shards belong together and write the unsharded folder without the model file.
public struct ShardManifest: Codable, Sendable, Equatable {
    /// The command that was sharded; `affluence merge` dispatches on it.
    public enum Command: String, Codable, Sendable {
        case run, compare, sweep
    }

    /// Version of this layout; a merge refuses shards of another. Format 2 added `results`;
    /// format 3 the compare items' day series (`day_series`, each item's `day`).
    public static let currentFormat = 3

    public var formatVersion = ShardManifest.currentFormat
    public var command: Command
    /// This shard's index (0-based) and the number of shards.
    public var shardIndex: Int
    public var shardCount: Int
    /// Work items of the whole unsharded command (see `Shard`).
    public var items: Int
    public var affluenceVersion: String
    /// This shard's command line as typed, one argument per element.
    public var commandLine: [String]
    public var scenarioPath: String
    public var scenarioSHA256: String
    public var scenarioName: String
    public var overrides: [String]
    /// The policy run, or the policies compared (baseline first).
    public var policies: [String]
    public var seed: UInt64
    /// Replications of the unsharded command (per policy for a compare).
    public var replications: Int
    public var csvDialect: String
    /// The scenario's start (seconds from midnight): the clock origin of time-series files.
    public var startClock: Double
    /// Compare only: the baseline and the compared metrics (`metric@entity`).
    public var baseline: String?
    public var metrics: [String]?
    /// Compare only: the series behind the compared figures that each item keeps
    /// (``DaySeries``), in the order its `day` values come.
    public var daySeries: [DaySeries]?
    /// Sweep only: the points, replications and metrics of the whole sweep. Stored rather
    /// than recomputed at merge time, so a Latin hypercube's points need neither the model
    /// nor the sampling code to agree later.
    public var plan: SweepPlan?
    /// The size and SHA-256 of this shard's results.json, set by `ShardFolder.write`; a
    /// merge reads no results that do not match it.
    public var results: FileDigest?

    public init(command: Command, shard: Shard, items: Int, affluenceVersion: String, commandLine: [String],
                scenarioPath: String, scenarioSHA256: String, scenarioName: String, overrides: [String],
                policies: [String], seed: UInt64, replications: Int, csvDialect: String, startClock: Double,
                baseline: String? = nil, metrics: [String]? = nil, daySeries: [DaySeries]? = nil, plan: SweepPlan? = nil) {
        self.command = command
        shardIndex = shard.index
        shardCount = shard.count
        self.items = items
        self.affluenceVersion = affluenceVersion
        self.commandLine = commandLine
        self.scenarioPath = scenarioPath
        self.scenarioSHA256 = scenarioSHA256
        self.scenarioName = scenarioName
        self.overrides = overrides
        self.policies = policies
        self.seed = seed
        self.replications = replications
        self.csvDialect = csvDialect
        self.startClock = startClock
        self.baseline = baseline
        self.metrics = metrics
        self.daySeries = daySeries
        self.plan = plan
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case command
        case shardIndex = "shard_index"
        case shardCount = "shard_count"
        case items
        case affluenceVersion = "affluence_version"
        case commandLine = "command_line"
        case scenarioPath = "scenario_path"
        case scenarioSHA256 = "scenario_sha256"
        case scenarioName = "scenario_name"
        case overrides, policies, seed, replications
        case csvDialect = "csv_dialect"
        case startClock = "start_clock_s"
        case baseline, metrics, plan
        case daySeries = "day_series"
        case results = "results_file"
    }

    /// The facts every shard of one command must share, named as in `shard.json`, with
    /// their values as text: a merge compares these and names the first that differs.
    var identity: [(String, String)] {
        [("command", command.rawValue), ("affluence_version", affluenceVersion), ("format_version", String(formatVersion)),
         ("scenario_sha256", scenarioSHA256), ("scenario_name", scenarioName),
         ("overrides", overrides.description), ("policies", policies.description), ("seed", String(seed)),
         ("replications", String(replications)), ("csv_dialect", csvDialect), ("start_clock_s", String(startClock)),
         ("baseline", baseline ?? "-"), ("metrics", metrics?.description ?? "-"),
         ("day_series", daySeries?.map(\.description).description ?? "-"), ("plan", plan.map(Self.text) ?? "-"),
         ("shard_count", String(shardCount)), ("items", String(items))]
    }

    /// A sweep plan as one line of JSON (keys sorted), for comparing and naming it.
    static func text(_ plan: SweepPlan) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(plan)).map { String(decoding: $0, as: UTF8.self) } ?? "\(plan)"
    }

    /// The command line that writes the same folder on one machine: this shard's, without
    /// `--shard`, writing to `out`.
    ///
    /// A merged folder's manifest records this line rather than `affluence merge …`, because
    /// it is the one that reproduces the folder (and the unsharded run's manifest says the
    /// same, but for its own `--out`).
    public func unshardedCommandLine(out: String) -> [String] {
        var result: [String] = []
        var k = 0
        var wroteOut = false
        while k < commandLine.count {
            let argument = commandLine[k]
            if argument == "--shard" { k += 2; continue }
            if argument.hasPrefix("--shard=") { k += 1; continue }
            if argument == "--out" { result += ["--out", out]; wroteOut = true; k += 2; continue }
            if argument.hasPrefix("--out=") { result.append("--out=" + out); wroteOut = true; k += 1; continue }
            result.append(argument)
            k += 1
        }
        if !wroteOut { result += ["--out", out] }
        return result
    }
}

/// The saved results of one shard (`results.json`): one list per sharded command, the
/// others empty. Records are in increasing item order.
public struct ShardResults: Codable, Sendable {
    /// `run`: one record per replication the shard ran.
    public var replications: [ReplicationRecord]
    /// `compare`: one record per (policy, replication) item the shard ran.
    public var compareItems: [Compare.ItemRecord]
    /// `sweep`: every metric value of each (point, replication) item the shard ran.
    public var sweepItems: [Sweep.ItemResult]

    public init(replications: [ReplicationRecord] = [], compareItems: [Compare.ItemRecord] = [],
                sweepItems: [Sweep.ItemResult] = []) {
        self.replications = replications
        self.compareItems = compareItems
        self.sweepItems = sweepItems
    }

    enum CodingKeys: String, CodingKey {
        case replications
        case compareItems = "compare_items"
        case sweepItems = "sweep_items"
    }

    /// Lists a shard did not write read as empty: run and compare shards written before
    /// sweeps were sharded this way have no `sweep_items`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        replications = try c.decodeIfPresent([ReplicationRecord].self, forKey: .replications) ?? []
        compareItems = try c.decodeIfPresent([Compare.ItemRecord].self, forKey: .compareItems) ?? []
        sweepItems = try c.decodeIfPresent([Sweep.ItemResult].self, forKey: .sweepItems) ?? []
    }

    /// Item numbers, in the order saved.
    var itemNumbers: [Int] { replications.map(\.replication) + compareItems.map(\.item) + sweepItems.map(\.item) }
}
