import ArgumentParser
import Experiments
import Foundation
import Output
import Scenario
import World

/// `affluence compare MODEL`: every policy of a model (and the base) on common random
/// numbers, with paired differences against a baseline and a ranking.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare a model's policies on common random numbers (paired differences, 95% CIs, ranking).")

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var replication: ReplicationOptions
    @Option(help: "Add replications until every metric's 95% half-width is under this share of its mean, e.g. 2%.")
    var precision: String?
    @Option(help: "Most replications per policy with --precision.") var maxReplications: Int = 50
    @Option(help: "The policy differences are taken against (default: base, the model as written).",
            completion: .custom(PolicyCompletion.baselineCandidates))
    var baseline: String = "base"
    @Option(name: .customLong("metric"), help: """
        metric@entity to compare on (repeatable). Entity: an id, ids joined by +, `pupils` (segments \
        of pupils, pooled) or `*` (all platforms, pooled). Default: chosen from what the model has \
        (who got in by the first and last checkpoints, refusals and forced logouts where a gate causes \
        them, saturation onset and end on the busiest platform; docs/csv-format.md).
        """)
    var metrics: [String] = []
    @OptionGroup var output: OutputOptions
    @OptionGroup var sharding: ShardOption
    @OptionGroup var ensemble: EnsembleOptions

    var model: String { scenario.model }

    func validate() throws {
        try replication.require(atLeast: 2, for: "for intervals")
        if replication.replications != nil, precision != nil { throw ValidationError("give --replications or --precision, not both") }
        if let precision, Self.share(precision) == nil { throw ValidationError("--precision \(precision): expected a share such as 2% or 0.02") }
        if sharding.shard != nil, precision != nil {
            throw ValidationError("--shard needs a fixed number of replications, not --precision (which decides the count from results as they come)")
        }
        for m in metrics { _ = try Self.selector(m) }
        if ensemble.ensemble != nil, sharding.shard != nil || precision != nil {
            throw ValidationError("--ensemble runs a fixed number of replications of the whole plausible set: give it without --shard or --precision")
        }
    }

    static func selector(_ text: String) throws -> CompareMetric {
        do { return try CompareMetric.parse(text) } catch { throw ValidationError(error.description) }
    }

    static func share(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let value = t.hasSuffix("%") ? Double(t.dropLast()).map { $0 / 100 } : Double(t)
        return value.flatMap { $0 > 0 && $0 < 1 ? $0 : nil }
    }

    func run() throws {
        let base = try scenario.load(policy: nil)
        guard !base.policyNames.isEmpty else {
            throw ValidationError("\(model) declares no policies, so there is nothing to compare (expected a model with `policies:`; `affluence run` runs it as written)")
        }
        // The metrics asked for must fit the model; the defaults are chosen from it.
        for m in metrics {
            if let problem = try Self.selector(m).problem(in: base) { throw ValidationError("--metric \(m): \(problem)") }
        }
        var scenarios: [(String, Scenario)] = [("base", base)]
        for name in base.policyNames { scenarios.append((name, try scenario.load(policy: name))) }
        guard scenarios.contains(where: { $0.0 == baseline }) else {
            throw ValidationError("--baseline \(baseline): not a policy of \(model) (expected base or one of \(base.policyNames.joined(separator: ", ")))")
        }
        let chosen = metrics.isEmpty ? CompareMetric.defaults(for: scenarios.map(\.1)) : metrics.compactMap(CompareMetric.init)
        let replications = replication.replications
        var stopping = Experiments.Compare.Stopping.fixed(replications ?? max(2, base.replications))
        if let precision, let share = Self.share(precision) {
            stopping = .precision(relative: share, initial: max(3, min(replications ?? 5, maxReplications)), maximum: maxReplications)
        }
        if let set = try ensemble.load(for: base, model: model, seed: replication.seed ?? base.seed) {
            return try runEnsemble(set, base: base, policies: scenarios.map(\.0), metrics: chosen,
                                   replications: replications ?? max(2, base.replications))
        }
        if let shard = sharding.shard {
            return try runShard(shard, scenarios: scenarios, base: base, metrics: chosen,
                                replications: replications ?? max(2, base.replications))
        }
        let clock = ContinuousClock()
        let started = clock.now
        let showProgress = output.showsProgress
        var result: Experiments.Compare.Result
        var report: (@Sendable (Int, Int) -> Void)? = nil
        if showProgress {
            report = { done, total in FileHandle.standardError.write(Data("\rcompare: \(done)/\(total) runs".utf8)) }
        }
        do {
            result = try Experiments.Compare.run(scenarios, baseline: baseline, metrics: chosen, stopping: stopping,
                                                 seed: replication.seed, jobs: replication.jobs, progress: report)
            result.describe(from: base)
        } catch {
            throw CommandFailure("\(model): \(error)")
        }
        if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18

        let folder = output.folder(default: defaultOutputFolder(model: model, policy: "compare"))
        let manifest = CompareOutput.manifest(scenarioPath: model, scenarioName: base.name, overrides: base.overrides.map(\.description),
                                              policies: result.policies, seed: replication.seed ?? base.seed,
                                              replications: result.replications, dialect: output.csvDialect,
                                              commandLine: CommandLine.arguments)
        let written = try CompareOutput(manifest: manifest, startClock: base.start, result: result).write(to: folder, language: output.lang)
        if output.json {
            print(SummaryJSON.compare(manifest: manifest, baseline: result.baseline, rows: CompareOutput.rows(result), outputFolder: folder.path,
                                      files: written, wallTimeSeconds: seconds).rendered())
            return
        }
        if output.quiet { return }
        // In the language asked for; metric names stay as the CSV files and --metric spell them.
        let t = output.lang
        print(CompareTable(result: result, language: t).text)
        print(t.text(.compareDone, String(result.policies.count), String(result.replications),
                     ValueFormat.decimal(String(format: "%.1f", seconds), t), written.joined(separator: ", "), folder.path))
    }

    /// `--shard i/N`: runs this part's (policy, replication) items into a shard folder.
    func runShard(_ part: Shard, scenarios: [(String, Scenario)], base: Scenario, metrics chosen: [CompareMetric],
                  replications count: Int) throws {
        let items: [Experiments.Compare.ItemRecord]
        let daySeries = DaySeries.of(chosen, in: base)
        do {
            items = try Experiments.Compare.runShard(scenarios, replications: count, metrics: chosen, daySeries: daySeries,
                                                     shard: part, seed: replication.seed, jobs: replication.jobs)
        } catch {
            throw CommandFailure("\(model): \(error)")
        }
        let manifest = CompareOutput.manifest(scenarioPath: model, scenarioName: base.name, overrides: base.overrides.map(\.description),
                                              policies: scenarios.map(\.0), seed: replication.seed ?? base.seed, replications: count,
                                              dialect: output.csvDialect, commandLine: CommandLine.arguments)
        let folder = output.folder(default: defaultOutputFolder(model: model, policy: "compare", shard: part))
        let written = try ShardFolder.write(
            CompareOutput.shardManifest(manifest, shard: part, startClock: base.start, baseline: baseline, metrics: chosen,
                                        daySeries: daySeries),
            ShardResults(compareItems: items), to: folder)
        if !output.printsText { return }
        print("shard \(part) ran \(items.count) of \(scenarios.count * count) (policy, replication) items; wrote \(written.joined(separator: ", ")) in \(folder.path) (combine the shards with `affluence merge`)")
    }
}

private func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }

/// The printed comparison: per metric, every policy's mean ± 95% half-width, its paired
/// difference against the baseline, and its rank; then who served the most pupils by 09:00.
/// Words in the run's language (``ReportPhrase``, a decimal comma in French); metric names
/// stay as `--metric` takes them.
struct CompareTable {
    let result: Experiments.Compare.Result
    var language: ReportLanguage = .en

    var text: String {
        let t = language
        var lines: [String] = []
        lines.append(t.text(.compareHeader, String(result.replications), result.baseline))
        for row in result.entries {
            guard let m = row.first?.metric else { continue }
            lines.append("")
            lines.append("\(m)  (\(t.text(m.direction == .higherIsBetter ? .compareHigherBetter : .compareLowerBetter)))")
            lines.append(pad(t.text(.columnRank), 5) + pad(t.text(.columnPolicy), 16) + pad(t.text(.compareColumnMean), 34)
                         + pad(t.text(.compareColumnVersus, result.baseline), 28) + t.text(.columnDescription))
            for e in row.sorted(by: { ($0.rank == 0 ? Int.max : $0.rank) < ($1.rank == 0 ? Int.max : $1.rank) }) {
                let mean = format(e.estimate.mean, e.estimate.halfWidth, m)
                var diff = "—"
                if let d = e.difference, d.count == 0, m.censoring != nil {
                    diff = t.text(.censoredNone)  // no run where both have a time: not "n/a", nothing missing
                } else if let d = e.difference {
                    diff = format(d.mean, d.halfWidth, m, signed: true)
                    if d.halfWidth.isFinite, abs(d.mean) > d.halfWidth { diff += " *" }
                }
                let n = e.estimate.count < result.replications && e.estimate.count > 0 ? " (n=\(e.estimate.count))" : ""
                lines.append(pad(e.rank > 0 ? String(e.rank) : "-", 5) + pad(e.policy, 16) + pad(Self.censored(e, mean: mean + n, language: t), 34)
                             + pad(diff, 28) + (result.descriptions[e.policy] ?? ""))
            }
        }
        if let row = result.entries.first(where: { $0.first?.metric.metric == "share_in_by_0900" }),
           let best = row.first(where: { $0.rank == 1 }) {
            let second = row.first(where: { $0.rank == 2 })
            var line = "\n" + t.text(.mostPupilsIn, best.policy, format(best.estimate.mean, best.estimate.halfWidth, best.metric))
            if let second {
                let d = Experiments.Compare.pairedDifference(best.values, second.values)
                line += t.text(.aheadOf, second.policy, format(d.mean, d.halfWidth, best.metric, signed: true))
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// The mean, or what the censored runs say: "never saturated", "not recovered", or both
    /// counts next to the mean of the other runs.
    static func censored(_ e: Experiments.Compare.Entry, mean: String, language t: ReportLanguage = .en) -> String {
        guard e.metric.censoring != nil else { return mean }
        let runs = e.runsWithValue
        var parts: [String] = []
        if e.neverSaturated == runs, runs > 0 { return t.text(.neverSaturatedRuns, "\(runs)/\(runs)") }
        if e.notRecovered == runs, runs > 0 { return t.text(.notRecoveredRuns, "\(runs)/\(runs)") }
        if e.estimate.count > 0 { parts.append(mean) }
        if e.neverSaturated > 0 { parts.append(t.text(.neverSaturatedCount, "\(e.neverSaturated)/\(runs)")) }
        if e.notRecovered > 0 { parts.append(t.text(.notRecoveredCount, "\(e.notRecovered)/\(runs)")) }
        return parts.isEmpty ? mean : parts.joined(separator: "; ")
    }

    func format(_ x: Double, _ hw: Double, _ m: CompareMetric, signed: Bool = false) -> String {
        guard x.isFinite else { return language.text(.notAvailable) }
        let kind = ValueFormat.kind(ofMetric: m.metric, unit: m.unit)
        let percent = kind == .share
        let scale = percent ? 100.0 : 1.0
        let digits = percent ? 2 : (abs(x) >= 1000 ? 0 : 2)
        let sign = signed && x >= 0 ? "+" : ""
        let h = hw.isFinite ? " ± " + decimal(String(format: "%.\(digits)f", hw * scale)) : ""
        if kind == .clock {
            // A clock time reads HH:MM; a difference of two is a duration, in minutes.
            let spread = hw.isFinite ? String(format: " ± %.0f min", hw / 60) : ""
            guard !signed else { return String(format: "%+.0f min", x / 60) + spread }
            let c = Int(x.rounded()), hh = c / 3600, mm = (c % 3600) / 60
            return String(format: "%02d:%02d", hh, mm) + spread
        }
        return sign + decimal(String(format: "%.\(digits)f", x * scale)) + h + (percent ? " " + language.text(.percentagePoints) : "")
    }

    /// A number spelled with a decimal point, in the table's language.
    func decimal(_ text: String) -> String { ValueFormat.decimal(text, language) }

    func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
}
