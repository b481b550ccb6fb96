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
    @Option(help: "Master seed (default: the scenario's).") var seed: UInt64?
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

    func validate() throws {
        if let replications, replications < 1 { throw ValidationError("--replications must be at least 1 (got \(replications))") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1 (got \(jobs))") }
        if CSVDialect(name: csvDialect) == nil {
            throw ValidationError("--csv-dialect \(csvDialect): expected standard or excel-fr")
        }
        for o in overrides where Override(argument: o) == nil {
            throw ValidationError("--set \(o): expected path=value, e.g. --set pools.ode_idf.servers=40")
        }
    }

    func run() throws {
        let scenario = try loadScenario(model, overrides: overrides, policy: policy)
        let count = replications ?? scenario.replications
        let clock = ContinuousClock()
        let started = clock.now
        let runs: [RunResult]
        do {
            let reporter = ProgressReporter(enabled: !quiet && (progress || ProgressReporter.stderrIsTerminal),
                                            start: scenario.start, end: scenario.end, replications: count)
            runs = try Replications.run(scenario, indices: Array(0..<count), seed: seed, jobs: jobs,
                                        progress: reporter.enabled ? reporter.report : nil)
            reporter.finish()
        } catch {
            throw CommandFailure("\(model): \(error)")
        }
        let elapsed = clock.now - started
        let aggregated = Aggregation.summarize(runs)
        let folder = URL(fileURLWithPath: out ?? defaultOutputFolder(model: model, policy: policy))
        let output = RunOutput(scenario: scenario, scenarioPath: model, runs: runs, aggregated: aggregated,
                               seed: seed ?? scenario.seed)
        let written = try output.write(to: folder, dialect: CSVDialect(name: csvDialect) ?? .standard,
                                       commandLine: CommandLine.arguments)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let events = runs.reduce(UInt64(0)) { $0 + $1.events }
        if json {
            let dialect = CSVDialect(name: csvDialect) ?? .standard
            let facts = SummaryJSON.RunFacts(
                outputFolder: folder.path, files: written, startSecondsOfDay: scenario.start,
                endSecondsOfDay: scenario.end, events: events, wallTimeSeconds: seconds)
            print(SummaryJSON.run(manifest: output.manifest(dialect: dialect, commandLine: CommandLine.arguments),
                                  summary: output.summaryRows(), facts: facts).rendered())
            return
        }
        if quiet { return }
        print(HumanSummary(scenario: scenario, runs: runs, aggregated: aggregated).text)
        print("wrote \(written.joined(separator: ", ")) in \(folder.path)")
        if !quiet {
            FileHandle.standardError.write(Data(String(format: "ran %d replication(s), %llu events in %.2f s (%.0f events/s)\n",
                                                       count, events, seconds, Double(events) / seconds).utf8))
        }
    }
}

/// Loads a scenario, turning located diagnostics into a failure that prints them.
func loadScenario(_ path: String, overrides: [String], policy: String?) throws -> Scenario {
    guard FileManager.default.fileExists(atPath: path) else {
        throw ValidationError("\(path): no such file")
    }
    do {
        return try ScenarioLoader.load(path: path, overrides: overrides.compactMap(Override.init(argument:)), policy: policy)
    } catch {
        throw CommandFailure(error.description)
    }
}

/// A failure whose message is already phrased for the user; exits with status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// runs/<model file name>[-<policy>]
func defaultOutputFolder(model: String, policy: String?) -> String {
    let name = URL(fileURLWithPath: model).deletingPathExtension().lastPathComponent
    return "runs/" + name + (policy.map { "-" + $0 } ?? "")
}
