import ArgumentParser
import Experiments
import Foundation
import Output
import Scenario
import World

/// `affluence sweep MODEL --vary path=…`: a what-if grid (or Latin hypercube), every point
/// replicated on common random numbers.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a model over a grid of parameter values on common random numbers (sweep.csv, heat maps).")

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var policyOption: PolicyOption
    @Option(name: .customLong("vary"), help: """
        A parameter to vary: path=v1,v2,… or path=a:b:step (repeatable; paths as for --set, \
        e.g. pools.ode_idf.servers=16:32:4). demand_scale=0.8,1,1.2 multiplies every segment and source.
        """)
    var vary: [String] = []
    @Option(help: "Sample this many points of a seeded Latin hypercube instead of the full grid.") var samples: Int?
    @Option(name: .customLong("metric"), help: """
        A summary metric to report, metric or metric[entity] (repeatable). Default: \
        \(MetricSelector.sweepDefaults.map(\.description).joined(separator: ", ")).
        """)
    var metrics: [String] = []
    @OptionGroup var replication: ReplicationOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var sharding: ShardOption

    var model: String { scenario.model }
    var policy: String? { policyOption.policy }

    func validate() throws {
        if vary.isEmpty { throw ValidationError("give at least one --vary path=v1,v2,…") }
        for v in vary { _ = try parameter(v) }
        try replication.require(atLeast: 2, for: "for intervals")
        if let samples, samples < 1 { throw ValidationError("--samples must be at least 1 (got \(samples))") }
        for m in metrics { _ = try selector(m) }
        try checkEachPathOnce(varied: try vary.map(parameter).map(\.path), fixed: scenario.overrides.map(\.path))
    }

    func parameter(_ text: String) throws -> SweepParameter {
        do { return try SweepParameter(parsing: text) } catch { throw ValidationError(error.description) }
    }

    func selector(_ text: String) throws -> MetricSelector {
        do { return try MetricSelector(parsing: text) } catch { throw ValidationError(error.description) }
    }

    func run() throws {
        let parameters = try vary.map(parameter)
        let chosen = metrics.isEmpty ? MetricSelector.sweepDefaults : try metrics.map(selector)
        let part = sharding.shard ?? .whole
        let base = try scenario.load(policy: policy)
        for (text, selector) in zip(metrics, chosen) {
            if let problem = selector.problem(in: base) { throw ValidationError("--metric \(text): \(problem)") }
        }
        let count = replication.replications ?? max(2, base.replications)
        let seed = replication.seed
        let plan = samples.map {
            SweepPlan.latinHypercube(parameters, samples: $0, seed: seed ?? base.seed, replications: count, metrics: chosen)
        } ?? SweepPlan.grid(parameters, replications: count, metrics: chosen)
        let scenarios: [Scenario]
        do {
            scenarios = try Sweep.scenarios(plan) { (point: [Override]) throws -> Scenario in
                try scenario.load(policy: policy, extra: point)
            }
        } catch {
            throw CommandFailure("\(error)")
        }
        let clock = ContinuousClock()
        let started = clock.now
        let showProgress = output.showsProgress
        var report: (@Sendable (Int, Int) -> Void)? = nil
        if showProgress {
            report = { done, total in FileHandle.standardError.write(Data("\rsweep: \(done)/\(total) runs".utf8)) }
        }
        let items: [Sweep.ItemResult]
        do {
            items = try Sweep.runItems(plan, scenarios: scenarios, shard: part, seed: seed, jobs: replication.jobs, progress: report)
        } catch {
            throw CommandFailure("\(model): \(error)")
        }
        if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
        let seconds = (clock.now - started).seconds
        let origin = SweepOutput.Origin(model: model, scenarioName: base.name, startClock: base.start, seed: seed ?? base.seed,
                                        overrides: base.overrides.map(\.description), policy: policy, dialect: output.csvDialect)
        let name = scenario.name
        if !part.isWhole {
            let folder = output.folder(default: "runs/\(name)-sweep/shard-\(part.index)-of-\(part.count)")
            let written: [String]
            do {
                written = try SweepOutput.writeShard(items, plan: plan, shard: part, origin: origin, to: folder,
                                                     commandLine: CommandLine.arguments)
            } catch {
                throw CommandFailure("\(error)")
            }
            if output.printsText {
                print(String(format: "shard %@: %d of %d runs in %.1f s; wrote %@ in %@ (combine the shards with `affluence merge`)",
                             part.description, items.count, plan.itemCount, seconds, written.joined(separator: ", "), folder.path))
            }
            return
        }
        let result: Sweep.Result
        do { result = try Sweep.aggregate(plan, items: items) } catch { throw CommandFailure(error.description) }
        let folder = output.folder(default: "runs/\(name)-sweep")
        let written = try SweepOutput.write(result, origin: origin, to: folder, commandLine: CommandLine.arguments,
                                             language: output.lang)
        if output.json {
            let manifest = SweepOutput.manifest(origin, replications: plan.replications, commandLine: CommandLine.arguments)
            print(CommandJSON.sweep(result, manifest: manifest, folder: folder, written: written, wallTimeSeconds: seconds).rendered())
            return
        }
        if output.quiet { return }
        // In the language asked for; metric names and parameter paths stay as typed.
        let t = output.lang
        print(SweepTableText(result: result, language: t).text)
        print(t.text(.sweepDone, String(plan.points.count), String(plan.replications),
                     ValueFormat.decimal(String(format: "%.1f", seconds), t), written.joined(separator: ", "), folder.path))
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}

/// The printed sweep: one line per point, each metric at its worst entity (the highest,
/// or the earliest for onsets and the lowest for shares of users in). Words in the run's
/// language, a decimal comma in French.
struct SweepTableText {
    let result: Sweep.Result
    var language: ReportLanguage = .en

    static func lowerIsWorse(_ metric: String) -> Bool {
        metric.contains("onset") || metric.hasPrefix("share_in") || metric.hasPrefix("users_in")
            || metric.contains("throughput") || metric.contains("goodput")
    }

    var text: String {
        let plan = result.plan
        let names = plan.metrics.map(\.description)
        var lines = [language.text(.sweepHeader, String(plan.replications))]
        let header = [language.text(.columnPoint)] + plan.paths + names
        var rows: [[String]] = []
        for point in plan.points.indices {
            var row = ["\(point + 1)"] + plan.points[point]
            for selector in plan.metrics {
                let cells = result.cells.filter { $0.point == point && $0.metric == selector.metric && $0.estimate.mean.isFinite }
                let worst = Self.lowerIsWorse(selector.metric)
                    ? cells.min { $0.estimate.mean < $1.estimate.mean }
                    : cells.max { $0.estimate.mean < $1.estimate.mean }
                row.append(worst.map { format($0) } ?? "–")
            }
            rows.append(row)
        }
        let widths = header.indices.map { c in max(header[c].count, rows.map { $0[c].count }.max() ?? 0) + 2 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined()
        }
        lines.append(line(header))
        lines += rows.map(line)
        return lines.joined(separator: "\n")
    }

    func format(_ cell: Sweep.Cell) -> String {
        let e = cell.estimate
        // A spread below rounding noise (every replication alike) prints as ±0.
        let hw = e.halfWidth.isFinite ? (e.halfWidth <= 1e-9 * abs(e.mean) ? 0 : e.halfWidth) : nil
        let decimal = { (text: String) in ValueFormat.decimal(text, language) }
        if cell.metric.hasSuffix("_clock_s") {
            let c = Int(e.mean.rounded())
            return String(format: "%02d:%02d", c / 3600, (c % 3600) / 60) + (hw.map { String(format: "±%.0fm", $0 / 60) } ?? "") + " \(cell.entity)"
        }
        let unit = cell.metric == SLO.saturated ? "share" : MetricUnits.unit(of: cell.metric)
        if unit == "share" {
            // "12.5%" in English, "12,5 %" in French (a narrow no-break space, as the report writes it).
            return decimal(String(format: "%.1f", e.mean * 100)) + language.text(.percentSign)
                + (hw.map { decimal(String(format: "±%.1f", $0 * 100)) } ?? "") + " \(cell.entity)"
        }
        return decimal(String(format: "%.3g", e.mean)) + (hw.map { decimal(String(format: "±%.2g", $0)) } ?? "") + " \(cell.entity)"
    }
}
