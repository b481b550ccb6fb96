import ArgumentParser
import Experiments
import Foundation
import Output
import Scenario
import World

/// `affluence saturation MODEL --scale PATH`: the largest demand multiplier a configuration
/// holds, by bisection on replicated runs with common random numbers.
struct SaturationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "saturation",
        abstract: "Find the largest demand multiplier a configuration holds (no pool saturates, or an objective).")

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var policyOption: PolicyOption
    @Option(help: "The demand to scale: demand (every segment and source), segments, segments.<id>, sources or sources.<id>.")
    var scale: String = "demand"
    @Option(help: "Multipliers searched, lo:hi.") var range: String = "0.25:4"
    @Option(help: """
        What holding means (as for capacity --slo). Default: "saturated <= 0", no pool or platform saturates \
        (5 minutes in a row at ≥ 95% utilisation or over 1% failed requests) in any replication.
        """)
    var slo: String?
    @Option(help: "Stop when the bracket is narrower than this share of its lower end.") var tolerance: String = "2%"
    @OptionGroup var replication: ReplicationOptions
    @OptionGroup(title: "Output (--quiet prints only the answer; saturation.csv lists every multiplier searched)") var output: OutputOptions

    var model: String { scenario.model }

    func validate() throws {
        _ = try objective()
        if Self.realRange(range) == nil { throw ValidationError("--range \(range): expected lo:hi with 0 < lo < hi, e.g. 0.5:3") }
        if Compare.share(tolerance) == nil { throw ValidationError("--tolerance \(tolerance): expected a share such as 2% or 0.02") }
        try replication.require(atLeast: 2, for: "for a confidence statement")
        do { _ = try DemandScale(scale) } catch { throw ValidationError(error.description) }
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
        let base = try scenario.load(policy: policyOption.policy)
        try checkObjective(objective, in: base)
        do { _ = try target.apply(1, to: base) } catch { throw ValidationError(error.description) }
        let count = replication.replications ?? max(2, base.replications)
        let clock = ContinuousClock()
        let started = clock.now
        var onsets: [Double: [String]] = [:]
        let outcome = try SaturationSearch.search(range: Self.realRange(range)!, tolerance: Compare.share(tolerance)!) { m in
            let scaled = try target.apply(m, to: base)
            let runs: [RunResult]
            do {
                runs = try Replications.run(scaled, count: count, seed: replication.seed, jobs: replication.jobs)
            } catch {
                throw CommandFailure("\(model) at demand × \(m): \(error)")
            }
            onsets[m] = Self.onsets(runs)
            let verdict = objective.evaluate(runs)
            if !output.quiet {
                FileHandle.standardError.write(Data(String(format: "saturation: demand × %.4g: %@ (%.1f s)\n", m, SLOText.brief(verdict), (clock.now - started).seconds).utf8))
            }
            return verdict
        }
        let seconds = (clock.now - started).seconds
        let r = Self.realRange(range)!
        let steps = outcome.evaluations.map { (value: $0.multiplier, verdict: $0.verdict) }
        let dialect = output.csvDialect
        let manifest = SearchOutput.manifest(scenario: base, path: model, policy: policyOption.policy,
                                             seed: replication.seed ?? base.seed, replications: count, dialect: dialect,
                                             commandLine: CommandLine.arguments)
        let folder = output.folder(default: "runs/\(scenario.name)-saturation")
        let written = try SearchOutput(valueColumn: "demand_multiplier", fileName: "saturation.csv", steps: steps)
            .write(to: folder, dialect: dialect, manifest: manifest)
        if output.json {
            var held = JSONText.null, fails = JSONText.null
            switch outcome.answer {
            case .between(let h, let f): (held, fails) = (.figure(h), .figure(f))
            case .holdsEverywhere: held = .figure(r.upperBound)
            case .failsEverywhere: fails = .figure(r.lowerBound)
            }
            print(CommandJSON.search("saturation", answer: [("scale", .string(scale)), ("largest_held", held), ("smallest_failing", fails),
                                                            ("holds_over_whole_range", .bool(outcome.answer == .holdsEverywhere))],
                                     objective: objective, steps: steps, manifest: manifest, folder: folder, written: written,
                                     wallTimeSeconds: seconds).rendered())
        }
        switch outcome.answer {
        case .failsEverywhere:
            var message = "\(objective) fails even at demand × \(r.lowerBound) (\(scale)); at that multiplier:\n"
            if let e = outcome.evaluation(at: r.lowerBound) { message += SLOText.lines(e.verdict).joined(separator: "\n") }
            throw CommandFailure(message)
        case .holdsEverywhere:
            if output.json { return }
            if output.quiet { print("≥ \(r.upperBound)"); return }
            print("\(objective) holds over the whole range: up to demand × \(r.upperBound) (\(scale)); widen --range to find where it breaks.")
        case .between(let holds, let fails):
            if output.json { return }
            if output.quiet { print(String(format: "%.4g", holds)); return }
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
        if !output.quiet { print("wrote \(written.joined(separator: ", ")) in \(folder.path)") }
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
