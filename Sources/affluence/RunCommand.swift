import ArgumentParser
import Experiments
import Foundation
import Output
import Scenario
import World

/// `affluence run MODEL`: simulate a scenario and report when and where it saturates.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate a scenario file and write its time series, summary and manifest.")

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var policyOption: PolicyOption
    @OptionGroup var replication: ReplicationOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var sharding: ShardOption
    @OptionGroup var ensemble: EnsembleOptions

    var model: String { scenario.model }
    var policy: String? { policyOption.policy }

    func validate() throws {
        if ensemble.ensemble != nil, sharding.shard != nil { throw ValidationError("--ensemble runs the whole plausible set: give it without --shard") }
    }

    func run() throws {
        let scenario = try self.scenario.load(policy: policy)
        if let set = try ensemble.load(for: scenario, model: model, seed: replication.seed ?? scenario.seed) {
            return try runEnsemble(set, base: scenario)
        }
        let count = replication.replications ?? scenario.replications
        let part = sharding.shard
        do {
            // Before the list of replications is made: `--replications 1000000000` is an error, not 8 GB.
            try Replications.checkHeld(scenario, runs: (part ?? .whole).itemCount(outOf: count))
        } catch {
            throw CommandFailure("\(model): \(error)")
        }
        let indices = part?.items(outOf: count) ?? Array(0..<count)
        let clock = ContinuousClock()
        let started = clock.now
        let runs: [RunResult]
        do {
            let reporter = ProgressReporter(enabled: output.showsProgress,
                                            start: scenario.start, end: scenario.end, replications: indices.count)
            runs = try Replications.run(scenario, indices: indices, seed: replication.seed, jobs: replication.jobs,
                                        progress: reporter.enabled ? reporter.report : nil)
            reporter.finish()
        } catch {
            throw CommandFailure("\(model): \(error)")
        }
        let elapsed = clock.now - started
        let records = zip(indices, runs).map { ReplicationRecord($1, replication: $0) }
        let dialect = output.csvDialect
        let manifest = RunOutput.manifest(scenario: scenario, scenarioPath: model, seed: replication.seed ?? scenario.seed,
                                          replications: count, dialect: dialect, commandLine: CommandLine.arguments)
        let folder = output.folder(default: defaultOutputFolder(model: model, policy: policy, shard: part))
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let events = runs.reduce(UInt64(0)) { $0 + $1.events }
        if let part {
            let written = try ShardFolder.write(RunOutput.shardManifest(manifest, shard: part, startClock: scenario.start),
                                                ShardResults(replications: records), to: folder)
            if output.printsText { print("shard \(part) ran replication(s) \(indices.map { String($0 + 1) }.joined(separator: ", ")) of \(count); wrote \(written.joined(separator: ", ")) in \(folder.path) (combine the shards with `affluence merge`)") }
        } else {
            let files = RunOutput(manifest: manifest, startClock: scenario.start, records: records, scenario: scenario)
            let written = try files.write(to: folder, dialect: dialect, jobs: replication.jobs, language: output.lang)
            if output.json {
                let facts = SummaryJSON.RunFacts(
                    outputFolder: folder.path, files: written, startSecondsOfDay: scenario.start,
                    endSecondsOfDay: scenario.end, events: events, wallTimeSeconds: seconds)
                print(SummaryJSON.run(manifest: manifest, summary: files.summaryRows(), facts: facts).rendered())
                return
            }
            if output.printsText {
                print(HumanSummary(scenario: scenario, runs: runs, aggregated: files.aggregated, language: output.lang).text)
                print("wrote \(written.joined(separator: ", ")) in \(folder.path)")
            }
        }
        if !output.printsText { return }
        FileHandle.standardError.write(Data(String(format: "ran %d replication(s), %llu events in %.2f s (%.0f events/s)\n",
                                                   runs.count, events, seconds, Double(events) / seconds).utf8))
    }
}

/// A failure whose message is already phrased for the user; exits with status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// runs/<model file name>[-<policy>][-shard-<i>-of-<N>]
func defaultOutputFolder(model: String, policy: String?, shard: Shard? = nil) -> String {
    let name = URL(fileURLWithPath: model).deletingPathExtension().lastPathComponent
    return "runs/" + name + (policy.map { "-" + $0 } ?? "") + (shard.map { "-shard-\($0.index)-of-\($0.count)" } ?? "")
}
