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

    @Argument(help: "The scenario file (YAML).") var model: String
    @Option(help: "The integer scenario value to size, as for --set (e.g. pools.ode_hdf.servers).") var resource: String
    @Option(help: """
        The objective: terms joined by `and`, e.g. "p95(time_to_first_page) <= 2min and share_never_in <= 1%". \
        metric[entity] picks one entity; without it the term must hold for every entity that reports the metric.
        """)
    var slo: String
    @Option(help: "Apply one of the scenario's named policies.") var policy: String?
    @Option(help: "Search lo:hi (default: 1, 2, 4, … until a value holds, then bisection).") var range: String?
    @Option(help: "Replications per value (default: the scenario's, at least 2).") var replications: Int?
    @Option(name: .customLong("set"), help: "Override a scenario value: path=value (repeatable).") var overrides: [String] = []
    @Option(parsing: .unconditional, help: SeedArgument.help, transform: SeedArgument.parse) var seed: UInt64?
    @Option(help: "Runs in parallel (default: all cores).") var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    @Flag(help: "Print only the answer.") var quiet = false

    func validate() throws {
        _ = try objective()
        if let range, Self.integerRange(range) == nil { throw ValidationError("--range \(range): expected lo:hi with whole numbers, lo ≤ hi, e.g. 10:40") }
        if let replications, replications < 2 { throw ValidationError("--replications must be at least 2 for a confidence statement (got \(replications))") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1 (got \(jobs))") }
        if PathAssignment.split(resource) != nil {
            throw ValidationError("--resource \(resource): expected a path without a value, e.g. pools.ode_hdf.servers (the search sets the value)")
        }
        try checkEachPathOnce(varied: [resource], fixed: try parseOverrides(overrides).map(\.path), option: "--resource")
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
        let base = try loadScenario(model, overrides: overrides, policy: policy)
        try checkObjective(objective, in: base)
        let count = replications ?? max(2, base.replications)
        let clock = ContinuousClock()
        let started = clock.now
        let outcome = try CapacitySearch.search(range: range.flatMap(Self.integerRange)) { value in
            let scenario = try loadScenario(model, overrides: overrides + ["\(resource)=\(value)"], policy: policy)
            let runs: [RunResult]
            do {
                runs = try Replications.run(scenario, count: count, seed: seed, jobs: jobs)
            } catch {
                throw CommandFailure("\(model) with \(resource)=\(value): \(error)")
            }
            let verdict = objective.evaluate(runs)
            if !quiet {
                FileHandle.standardError.write(Data("capacity: \(resource)=\(value): \(SLOText.brief(verdict)) (\(String(format: "%.1f", (clock.now - started).seconds)) s)\n".utf8))
            }
            return verdict
        }
        let seconds = (clock.now - started).seconds
        guard let answer = outcome.answer else {
            var message = "no value of \(resource) in \(outcome.range.lowerBound)…\(outcome.range.upperBound) meets \(objective) "
                + "(\(count) replications on common random numbers); at \(outcome.range.upperBound):"
            if let top = outcome.evaluation(at: outcome.range.upperBound) { message += "\n" + SLOText.lines(top.verdict).joined(separator: "\n") }
            throw CommandFailure(message)
        }
        if quiet {
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
    }
}
