import ArgumentParser
import Experiments
import Foundation
import Scenario
import World

/// `affluence saturation MODEL --scale PATH`: the largest demand multiplier a configuration
/// holds, by bisection on replicated runs with common random numbers.
struct SaturationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "saturation",
        abstract: "Find the largest demand multiplier a configuration holds (no pool saturates, or an objective).")

    @Argument(help: "The scenario file (YAML).") var model: String
    @Option(help: "The demand to scale: demand (every segment and source), segments, segments.<id>, sources or sources.<id>.")
    var scale: String = "demand"
    @Option(help: "Multipliers searched, lo:hi.") var range: String = "0.25:4"
    @Option(help: """
        What holding means (as for capacity --slo). Default: "saturated <= 0", no pool or platform saturates \
        (5 minutes in a row at ≥ 95% utilisation or over 1% failed requests) in any replication.
        """)
    var slo: String?
    @Option(help: "Stop when the bracket is narrower than this share of its lower end.") var tolerance: String = "2%"
    @Option(help: "Apply one of the scenario's named policies.") var policy: String?
    @Option(help: "Replications per multiplier (default: the scenario's, at least 2).") var replications: Int?
    @Option(name: .customLong("set"), help: "Override a scenario value: path=value (repeatable).") var overrides: [String] = []
    @Option(parsing: .unconditional, help: SeedArgument.help, transform: SeedArgument.parse) var seed: UInt64?
    @Option(help: "Runs in parallel (default: all cores).") var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    @Flag(help: "Print only the answer.") var quiet = false

    func validate() throws {
        _ = try objective()
        if Self.realRange(range) == nil { throw ValidationError("--range \(range): expected lo:hi with 0 < lo < hi, e.g. 0.5:3") }
        if Compare.share(tolerance) == nil { throw ValidationError("--tolerance \(tolerance): expected a share such as 2% or 0.02") }
        if let replications, replications < 2 { throw ValidationError("--replications must be at least 2 (got \(replications))") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1 (got \(jobs))") }
        do { _ = try DemandScale(scale) } catch { throw ValidationError(error.description) }
        _ = try parseOverrides(overrides)
    }

    func objective() throws -> SLO {
        guard let slo else { return .noSaturation }
        do { return try SLOParser.parse(slo) } catch { throw ValidationError(error.description) }
    }

    static func realRange(_ text: String) -> ClosedRange<Double>? {
        let parts = text.split(separator: ":").compactMap { Double($0) }
        guard parts.count == 2, parts[0] > 0, parts[0] < parts[1], parts[1].isFinite else { return nil }
        return parts[0]...parts[1]
    }

    func run() throws {
        let objective = try objective()
        let target = try DemandScale(scale)
        let base = try loadScenario(model, overrides: overrides, policy: policy)
        try checkObjective(objective, in: base)
        do { _ = try target.apply(1, to: base) } catch { throw ValidationError(error.description) }
        let count = replications ?? max(2, base.replications)
        let clock = ContinuousClock()
        let started = clock.now
        var onsets: [Double: [String]] = [:]
        let outcome = try SaturationSearch.search(range: Self.realRange(range)!, tolerance: Compare.share(tolerance)!) { m in
            let scenario = try target.apply(m, to: base)
            let runs: [RunResult]
            do {
                runs = try Replications.run(scenario, count: count, seed: seed, jobs: jobs)
            } catch {
                throw CommandFailure("\(model) at demand × \(m): \(error)")
            }
            onsets[m] = Self.onsets(runs)
            let verdict = objective.evaluate(runs)
            if !quiet {
                FileHandle.standardError.write(Data(String(format: "saturation: demand × %.4g: %@ (%.1f s)\n", m, SLOText.brief(verdict), (clock.now - started).seconds).utf8))
            }
            return verdict
        }
        let seconds = (clock.now - started).seconds
        let r = Self.realRange(range)!
        switch outcome.answer {
        case .failsEverywhere:
            var message = "\(objective) fails even at demand × \(r.lowerBound) (\(scale)); at that multiplier:\n"
            if let e = outcome.evaluation(at: r.lowerBound) { message += SLOText.lines(e.verdict).joined(separator: "\n") }
            throw CommandFailure(message)
        case .holdsEverywhere:
            if quiet { print("≥ \(r.upperBound)"); return }
            print("\(objective) holds over the whole range: up to demand × \(r.upperBound) (\(scale)); widen --range to find where it breaks.")
        case .between(let holds, let fails):
            if quiet { print(String(format: "%.4g", holds)); return }
            print(String(format: "Largest demand multiplier held: %.4g (%@); fails at %.4g", holds, scale, fails))
            print("(\(objective); \(count) replications per multiplier on common random numbers; \(outcome.evaluations.count) multipliers run in \(String(format: "%.1f", seconds)) s; decision on the means)")
            if let e = outcome.evaluation(at: holds) {
                print(String(format: "At × %.4g:", holds))
                print(SLOText.lines(e.verdict).joined(separator: "\n"))
            }
            if let e = outcome.evaluation(at: fails) {
                print(String(format: "At × %.4g:", fails))
                print(SLOText.lines(e.verdict).joined(separator: "\n"))
                if let lines = onsets[fails], !lines.isEmpty {
                    print("  saturation onsets (mean over the replications that saturated):")
                    print(lines.map { "    " + $0 }.joined(separator: "\n"))
                }
            }
        }
    }

    /// Per pool and platform that saturated in some replication: its mean onset clock time.
    static func onsets(_ runs: [RunResult]) -> [String] {
        guard let first = runs.first else { return [] }
        return first.summary.filter { $0.metric == "saturation_onset_clock_s" }.compactMap { key in
            let values = runs.compactMap { run in run.summary.first { $0.kind == key.kind && $0.entity == key.entity && $0.metric == key.metric }?.value }
                .filter(\.isFinite)
            guard !values.isEmpty else { return nil }
            let c = Int((values.reduce(0, +) / Double(values.count)).rounded())
            return String(format: "%@ %@: %02d:%02d (%d of %d replications)", key.kind.rawValue, key.entity, c / 3600, (c % 3600) / 60, values.count, runs.count)
        }
    }
}
