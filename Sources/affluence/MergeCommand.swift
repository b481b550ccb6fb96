import ArgumentParser
import Experiments
import Foundation
import Output

/// `affluence merge DIR... --out DIR`: combine the shard folders of one sharded command
/// into exactly the files the unsharded command writes.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine the shard folders of `run`, `compare` or `sweep` with --shard i/N into the unsharded output.",
        discussion: """
            Checks that the folders are the N parts of one command (same command, model hash, \
            overrides, seed, replications, settings — a sweep's plan — and N; every index 0..N-1 \
            exactly once), then writes the files the command writes without --shard, byte for \
            byte. The manifest's command_line is the command that writes the same folder on one \
            machine: the shards' command line without --shard, with --out DIR.
            """)

    @Argument(help: "Shard folders (any order).") var shards: [String] = []
    @Option(help: "Output folder for the merged files.") var out: String
    @Flag(help: "Print nothing but errors.") var quiet = false

    func validate() throws {
        if shards.isEmpty { throw ValidationError("give the shard folders to merge: affluence merge DIR... --out DIR") }
        try OutputOptions.checkFolder(out)
        let target = URL(fileURLWithPath: out).standardizedFileURL.path
        for s in shards where URL(fileURLWithPath: s).standardizedFileURL.path == target {
            throw ValidationError("--out \(out) is one of the shard folders (expected a folder of its own)")
        }
    }

    func run() throws {
        let merged: MergedShards
        do {
            merged = try MergedShards.gather(shards.map { URL(fileURLWithPath: $0) })
        } catch {
            throw CommandFailure(error.description)
        }
        let shard = merged.manifest
        let folder = URL(fileURLWithPath: out)
        let commandLine = shard.unshardedCommandLine(out: out)
        let written: [String]
        // The merged manifest names the model file and its hash as the shards ran it; a run
        // also reloads it for the analytic twin's rows. Either way a model file that changed
        // since the shards ran would make the folder claim what it is not: refuse it.
        let hash = (try? SHA256.hex(ofFileAt: URL(fileURLWithPath: shard.scenarioPath))) ?? ""
        guard hash == shard.scenarioSHA256 else {
            throw CommandFailure("\(shard.scenarioPath): the model file changed since the shards ran (SHA-256 \(hash.isEmpty ? "unreadable" : String(hash.prefix(12))) ≠ \(shard.scenarioSHA256.prefix(12))); rerun the shards")
        }
        // The merged files are the unsharded command's, so they keep the dialect the shards ran with.
        guard let dialect = CSVDialect(name: shard.csvDialect) else {
            throw CommandFailure("\(shards[0]): unknown csv_dialect \(shard.csvDialect) (expected standard or excel-fr)")
        }
        let overrides = try shard.overrides.map(OptionValue.override)
        switch shard.command {
        case .run:
            let scenario = try loadScenario(shard.scenarioPath, overrides: overrides,
                                            policy: shard.policies.first.flatMap { $0 == "base" ? nil : $0 })
            let output = RunOutput(manifest: RunOutput.manifest(merging: shard, commandLine: commandLine),
                                   startClock: shard.startClock, records: merged.replications, scenario: scenario)
            written = try output.write(to: folder, dialect: dialect)
        case .compare:
            let metrics = (shard.metrics ?? []).compactMap(CompareMetric.init)
            guard let baseline = shard.baseline, metrics.count == shard.metrics?.count else {
                throw CommandFailure("\(shards[0])/\(ShardFolder.manifestFile): a compare shard needs baseline and metrics (metric@entity)")
            }
            var result = Experiments.Compare.compare(items: merged.compareItems, replications: shard.replications,
                                                     policies: shard.policies, baseline: baseline, metrics: metrics,
                                                     daySeries: shard.daySeries ?? [])
            // Descriptions and entity kinds come from the scenario, as in `compare` (the same bytes either way).
            result.describe(from: try loadScenario(shard.scenarioPath, overrides: overrides, policy: nil))
            let output = CompareOutput(manifest: CompareOutput.manifest(merging: shard, dialect: dialect, commandLine: commandLine),
                                       startClock: shard.startClock, result: result)
            written = try output.write(to: folder)
            if !quiet { print(CompareTable(result: result).text) }
        case .sweep:
            guard let plan = shard.plan else {
                throw CommandFailure("\(shards[0])/\(ShardFolder.manifestFile): a sweep shard needs its plan")
            }
            let result: Sweep.Result
            do { result = try Sweep.aggregate(plan, items: merged.sweepItems) } catch { throw CommandFailure(error.description) }
            written = try SweepOutput.write(result, origin: SweepOutput.Origin(merging: shard, dialect: dialect), to: folder, commandLine: commandLine)
            if !quiet { print(SweepTableText(result: result).text) }
        }
        if quiet { return }
        print("merged \(shard.shardCount) shard(s) of `\(shard.command.rawValue) \(shard.scenarioPath)`; wrote \(written.joined(separator: ", ")) in \(folder.path)")
    }
}
