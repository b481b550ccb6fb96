import ArgumentParser
import Experiments
import Foundation
import Scenario
import World

/// `affluence capacity MODEL --resource PATH --slo EXPR`: the smallest value of a resource
/// that meets a service objective, by bisection on replicated runs with common random numbers.
struct CapacityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capacity",
        abstract: "Find the smallest value of a resource (servers, a session cap, …) that meets a service objective.")

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var policyOption: PolicyOption
    @Option(help: "The integer scenario value to size, as for --set (e.g. pools.ode_hdf.servers).") var resource: String
    @Option(help: """
        The objective: terms joined by `and`, e.g. "p95(time_to_first_page) <= 2min and share_never_in <= 1%". \
        metric[entity] picks one entity; without it the term must hold for every entity that reports the metric.
        """)
    var slo: String
    @Option(help: "Search lo:hi (default: 1, 2, 4, … until a value holds, then bisection).") var range: String?
    @OptionGroup var replication: ReplicationOptions
    @OptionGroup(title: "Output (--quiet prints only the answer; capacity.csv lists every value searched)") var output: OutputOptions

    var model: String { scenario.model }
    var policy: String? { policyOption.policy }

    func validate() throws {
        _ = try objective()
        if let range, Self.integerRange(range) == nil { throw ValidationError("--range \(range): expected lo:hi with whole numbers, lo ≤ hi, e.g. 10:40") }
        try replication.require(atLeast: 2, for: "for a confidence statement")
        if PathAssignment.split(resource) != nil {
            throw ValidationError("--resource \(resource): expected a path without a value, e.g. pools.ode_hdf.servers (the search sets the value)")
        }
        try checkEachPathOnce(varied: [resource], fixed: scenario.overrides.map(\.path), option: "--resource")
    }

    func objective() throws -> SLO {
        do { return try SLOParser.parse(slo) } catch { throw ValidationError(error.description) }
    }

    static func integerRange(_ text: String) -> ClosedRange<Int>? {
        let parts = text.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2, parts[0] >= 0, parts[0] <= parts[1] else { return nil }
        return parts[0]...parts[1]
    }

    func run() throws {
        let objective = try objective()
        let base = try scenario.load(policy: policy)
        try checkObjective(objective, in: base)
        let count = replication.replications ?? max(2, base.replications)
        let clock = ContinuousClock()
        let started = clock.now
        let outcome = try CapacitySearch.search(range: range.flatMap(Self.integerRange)) { value in
            let sized = try scenario.load(policy: policy, extra: [Override(path: resource, value: String(value))])
            let runs: [RunResult]
            do {
                runs = try Replications.run(sized, count: count, seed: replication.seed, jobs: replication.jobs)
            } catch {
                throw CommandFailure("\(model) with \(resource)=\(value): \(error)")
            }
            let verdict = objective.evaluate(runs)
            if !output.quiet {
                FileHandle.standardError.write(Data("capacity: \(resource)=\(value): \(SLOText.brief(verdict)) (\(String(format: "%.1f", (clock.now - started).seconds)) s)\n".utf8))
            }
            return verdict
        }
        let seconds = (clock.now - started).seconds
        let steps = outcome.evaluations.map { (value: Double($0.value), verdict: $0.verdict) }
        let dialect = output.csvDialect
        let manifest = SearchOutput.manifest(scenario: base, path: model, policy: policy, seed: replication.seed ?? base.seed,
                                             replications: count, dialect: dialect, commandLine: CommandLine.arguments)
        let folder = output.folder(default: "runs/\(scenario.name)-capacity")
        let written = try SearchOutput(valueColumn: "value", fileName: "capacity.csv", steps: steps)
            .write(to: folder, dialect: dialect, manifest: manifest)
        if output.json {
            print(CommandJSON.search("capacity", answer: [("resource", .string(resource)), ("answer", outcome.answer.map { .integer(Int64($0)) } ?? .null),
                                                          ("confident", .bool(outcome.atAnswer?.confident ?? false))],
                                     objective: objective, steps: steps, manifest: manifest, folder: folder, written: written,
                                     wallTimeSeconds: seconds).rendered())
        }
        guard let answer = outcome.answer else {
            var message = "no value of \(resource) in \(outcome.range.lowerBound)…\(outcome.range.upperBound) meets \(objective) "
                + "(\(count) replications on common random numbers); at \(outcome.range.upperBound):"
            if let top = outcome.evaluation(at: outcome.range.upperBound) { message += "\n" + SLOText.lines(top.verdict).joined(separator: "\n") }
            throw CommandFailure(message)
        }
        if output.json { return }
        if output.quiet {
            print(answer)
            return
        }
        print("\(resource) = \(answer): the smallest value meeting \(objective)")
        print("(\(count) replications per value on common random numbers; \(outcome.evaluations.count) values run in \(String(format: "%.1f", seconds)) s; decision on the means)")
        if let verdict = outcome.atAnswer {
            print("At \(answer):")
            print(SLOText.lines(verdict).joined(separator: "\n"))
            print(verdict.confident ? "The objective holds at \(answer) with 95% one-sided confidence on every term."
                  : "The objective holds at \(answer) on the means, but not at 95% one-sided confidence on every term: more replications would firm it up, or take a larger value.")
        }
        if let below = outcome.belowAnswer {
            print("At \(answer - 1):")
            print(SLOText.lines(below).joined(separator: "\n"))
        }
        print("wrote \(written.joined(separator: ", ")) in \(folder.path)")
    }
}
