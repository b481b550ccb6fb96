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

    @Argument(help: "The scenario file (YAML).") var model: String
    @Option(help: "Output folder (default: runs/<model name>).") var out: String?
    @Option(parsing: .unconditional, help: SeedArgument.help, transform: SeedArgument.parse) var seed: UInt64?
    @Option(help: "Number of replications (default: the scenario's).") var replications: Int?
    @Option(name: .customLong("set"), help: "Override a scenario value: path=value (repeatable, applied in order).")
    var overrides: [String] = []
    @Option(help: "Apply one of the scenario's named policies.") var policy: String?
    @Option(help: "Replications run in parallel (default: all cores).") var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    @Flag(help: "Show progress on stderr even when it is not a terminal.") var progress = false
    @Flag(help: "Print nothing but errors.") var quiet = false
    @Flag(help: "Print a machine-readable summary (JSON) on stdout instead of the text one.") var json = false
    @Option(help: "CSV dialect: standard (comma, decimal point) or excel-fr (semicolon, decimal comma, BOM).")
    var csvDialect: String = "standard"
    @Option(help: "Run only part i of N (0-based: replications i, i+N, …) into a shard folder for `affluence merge`, e.g. 0/4.")
    var shard: String?

    func validate() throws {
        if let replications, replications < 1 { throw ValidationError("--replications must be at least 1 (got \(replications))") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1 (got \(jobs))") }
        if CSVDialect(name: csvDialect) == nil {
            throw ValidationError("--csv-dialect \(csvDialect): expected standard or excel-fr")
        }
        if let shard { _ = try parseShard(shard) }
        _ = try parseOverrides(overrides)
        try checkOutputFolder(out)
    }

    func run() throws {
        let scenario = try loadScenario(model, overrides: overrides, policy: policy)
        let count = replications ?? scenario.replications
        let part = try shard.map(parseShard)
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
            let reporter = ProgressReporter(enabled: !quiet && (progress || ProgressReporter.stderrIsTerminal),
                                            start: scenario.start, end: scenario.end, replications: indices.count)
            runs = try Replications.run(scenario, indices: indices, seed: seed, jobs: jobs,
                                        progress: reporter.enabled ? reporter.report : nil)
            reporter.finish()
        } catch {
            throw CommandFailure("\(model): \(error)")
        }
        let elapsed = clock.now - started
        let records = zip(indices, runs).map { ReplicationRecord($1, replication: $0) }
        let dialect = CSVDialect(name: csvDialect) ?? .standard
        let manifest = RunOutput.manifest(scenario: scenario, scenarioPath: model, seed: seed ?? scenario.seed,
                                          replications: count, dialect: dialect, commandLine: CommandLine.arguments)
        let folder = URL(fileURLWithPath: out ?? defaultOutputFolder(model: model, policy: policy, shard: part))
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let events = runs.reduce(UInt64(0)) { $0 + $1.events }
        if let part {
            let written = try ShardFolder.write(RunOutput.shardManifest(manifest, shard: part, startClock: scenario.start),
                                                ShardResults(replications: records), to: folder)
            if !quiet && !json { print("shard \(part) ran replication(s) \(indices.map { String($0 + 1) }.joined(separator: ", ")) of \(count); wrote \(written.joined(separator: ", ")) in \(folder.path) (combine the shards with `affluence merge`)") }
        } else {
            let output = RunOutput(manifest: manifest, startClock: scenario.start, records: records, scenario: scenario)
            let written = try output.write(to: folder, dialect: dialect, jobs: jobs)
            if json {
                let facts = SummaryJSON.RunFacts(
                    outputFolder: folder.path, files: written, startSecondsOfDay: scenario.start,
                    endSecondsOfDay: scenario.end, events: events, wallTimeSeconds: seconds)
                print(SummaryJSON.run(manifest: manifest, summary: output.summaryRows(), facts: facts).rendered())
                return
            }
            if !quiet {
                print(HumanSummary(scenario: scenario, runs: runs, aggregated: output.aggregated).text)
                print("wrote \(written.joined(separator: ", ")) in \(folder.path)")
            }
        }
        if quiet || json { return }
        if !quiet {
            FileHandle.standardError.write(Data(String(format: "ran %d replication(s), %llu events in %.2f s (%.0f events/s)\n",
                                                       runs.count, events, seconds, Double(events) / seconds).utf8))
        }
    }
}

/// Loads a scenario, turning located diagnostics into a failure that prints them.
func loadScenario(_ path: String, overrides: [String], policy: String?) throws -> Scenario {
    guard FileManager.default.fileExists(atPath: path) else {
        throw ValidationError("\(path): no such file")
    }
    let parsed = try parseOverrides(overrides)
    do {
        return try ScenarioLoader.load(path: path, overrides: parsed, policy: policy)
    } catch {
        throw CommandFailure(error.description)
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

/// `--shard i/N`, or a usage error saying what was expected.
func parseShard(_ text: String) throws -> Shard {
    do {
        return try Shard(parsing: text)
    } catch {
        throw ValidationError(error.description)
    }
}
