import ArgumentParser
import Experiments
import Foundation
import Output
import Scenario
import World

/// `run --ensemble` and `compare --ensemble`: the same folders, with every member's
/// replications pooled in summary.csv / comparison.csv, plus the spread between members in
/// ensemble.csv / ensemble-comparison.csv and the report (docs/ensemble.md).
enum EnsembleRuns {
    /// Each member's scenario; a member the model refuses fails before anything runs, naming its line.
    static func scenarios(_ set: Ensemble, load: ([Override]) throws -> Scenario) throws -> [Scenario] {
        try set.members.map { member in
            do {
                return try load(member.overrides)
            } catch {
                let assignments = member.overrides.map { "\($0.path)=\($0.value)" }.joined(separator: ", ")
                throw CommandFailure("\(set.file):\(member.line): \(member.label) (\(assignments)): \(error)")
            }
        }
    }

    /// The manifest's account of the pooled replications: replication k is replication
    /// (k − 1) mod R of member ⌊(k − 1) / R⌋ + 1.
    static func describe(_ manifest: inout Manifest, _ set: Ensemble, replications: Int) {
        manifest.streamDerivation += "; --ensemble \(set.file): \(set.members.count) of its \(set.pointsInFile) plausible points, replication r of every member on substream r (common random numbers); pooled replication k is replication (k - 1) mod \(replications) of member floor((k - 1) / \(replications)) + 1"
        var streams: [Manifest.ReplicationStreams] = []
        for (m, member) in set.members.enumerated() {
            let assignments = member.overrides.map { "\($0.path)=\($0.value)" }.joined(separator: ", ")
            for r in 0..<replications {
                let text = "member \(m + 1) (\(set.file) line \(member.line), \(member.label): \(assignments)), substream \(r) of every source's stream"
                streams.append(Manifest.ReplicationStreams(replication: m * replications + r + 1, stream: text))
            }
        }
        manifest.replicationStreams = streams
    }

    static func progress(_ enabled: Bool, _ what: String) -> (@Sendable (Int, Int) -> Void)? {
        guard enabled else { return nil }
        let report: @Sendable (Int, Int) -> Void = { done, total in
            FileHandle.standardError.write(Data("\r\(what): \(done)/\(total) runs".utf8))
        }
        return report
    }

    static func heading(_ set: Ensemble, replications: Int) -> String {
        let sample = set.members.count < set.pointsInFile ? " (a seeded subsample of \(set.pointsInFile))" : ""
        return "Over the plausible set: \(set.members.count) parameter sets\(sample) × \(replications) replications, common random numbers"
    }
}

extension Run {
    func runEnsemble(_ set: Ensemble, base: Scenario) throws {
        let replications = replication.replications ?? base.replications
        let members = set.members.count
        let scenarios = try EnsembleRuns.scenarios(set) { try self.scenario.load(policy: policy, extra: $0) }
        let clock = ContinuousClock()
        let started = clock.now
        let runs: [RunResult]
        do {
            try Replications.checkHeld(base, runs: members * replications)
            runs = try Ensemble.run(scenarios, replications: replications, seed: replication.seed, jobs: replication.jobs,
                                    progress: EnsembleRuns.progress(output.showsProgress, "run --ensemble")) { $0 }
        } catch {
            throw CommandFailure("\(model): \(error)")
        }
        if output.showsProgress { FileHandle.standardError.write(Data("\n".utf8)) }
        let seconds = (clock.now - started).seconds
        let records = runs.enumerated().map { ReplicationRecord($1, replication: $0) }
        var manifest = RunOutput.manifest(scenario: base, scenarioPath: model, seed: replication.seed ?? base.seed,
                                          replications: members * replications, dialect: output.csvDialect,
                                          commandLine: CommandLine.arguments)
        EnsembleRuns.describe(&manifest, set, replications: replications)
        let files = RunOutput(manifest: manifest, startClock: base.start, records: records, scenario: base)
        let rows = Ensemble.spread(figures: records.map(\.summary), members: members, replications: replications).map { s in
            EnsembleRow(scenario: files.scenarioName, policy: files.policyLabel, entityKind: s.kind, entityID: s.entity,
                        metric: s.metric, unit: s.unit, members: s.members, membersWithValue: s.membersWithValue,
                        mean: finiteValue(s.pooled.mean), ci95HalfWidth: finiteValue(s.pooled.halfWidth),
                        betweenP05: finiteValue(s.p05), betweenP50: finiteValue(s.p50), betweenP95: finiteValue(s.p95))
        }
        let folder = output.folder(default: defaultOutputFolder(model: model, policy: policy) + "-ensemble")
        let written = try files.write(to: folder, dialect: output.csvDialect, jobs: replication.jobs, language: output.lang, ensemble: rows)
        let events = runs.reduce(UInt64(0)) { $0 + $1.events }
        if output.json {
            let facts = SummaryJSON.RunFacts(outputFolder: folder.path, files: written, startSecondsOfDay: base.start,
                                             endSecondsOfDay: base.end, events: events, wallTimeSeconds: seconds)
            print(SummaryJSON.run(manifest: manifest, summary: files.summaryRows(), facts: facts).rendered())
            return
        }
        guard output.printsText else { return }
        print(HumanSummary(scenario: base, runs: runs, aggregated: files.aggregated, language: output.lang).text)
        print("")
        print(EnsembleRuns.heading(set, replications: replications))
        let labels = base.labels
        for line in ReportEnsemble.runSentences(rows, name: { labels[$0.rawValue]?[$1] ?? $1 }, language: output.lang) { print("  " + line) }
        print("wrote \(written.joined(separator: ", ")) in \(folder.path)")
    }
}

extension Compare {
    func runEnsemble(_ set: Ensemble, base: Scenario, policies: [String], metrics chosen: [CompareMetric], replications: Int) throws {
        let members = set.members.count
        var scenarios: [Scenario] = []
        for label in policies {
            scenarios += try EnsembleRuns.scenarios(set) { try self.scenario.load(policy: label == "base" ? nil : label, extra: $0) }
        }
        let clock = ContinuousClock()
        let started = clock.now
        let figures: [[Double]]
        do {
            figures = try Ensemble.run(scenarios, replications: replications, seed: replication.seed, jobs: replication.jobs,
                                       progress: EnsembleRuns.progress(output.showsProgress, "compare --ensemble")) { run in
                chosen.map { $0.value(in: run) }
            }
        } catch {
            throw CommandFailure("\(model): \(error)")
        }
        if output.showsProgress { FileHandle.standardError.write(Data("\n".utf8)) }
        let seconds = (clock.now - started).seconds
        // figures[(p * members + m) * replications + r][metric] → values[policy][metric][m * replications + r].
        let perPolicy = members * replications
        var values: [String: [[Double]]] = [:]
        for (p, label) in policies.enumerated() {
            let runs = figures[(p * perPolicy)..<((p + 1) * perPolicy)]
            values[label] = chosen.indices.map { mi in runs.map { $0[mi] } }
        }
        var (result, spreads) = Ensemble.compare(values: values, members: members, replications: replications, policies: policies,
                                                 baseline: baseline, metrics: chosen)
        result.describe(from: base)
        let rows = spreads.map { s in
            EnsembleComparisonRow(metric: s.metric.metric,
                                  entityKind: result.entityKinds[s.metric].flatMap(Output.EntityKind.init(rawValue:)) ?? .platform,
                                  entityID: s.metric.entity, unit: s.metric.unit, policy: s.policy, baseline: s.baseline,
                                  members: s.members, membersWithDifference: s.membersWithDifference, shareBetter: s.shareBetter,
                                  diffP05: finiteValue(s.p05), diffP50: finiteValue(s.p50), diffP95: finiteValue(s.p95))
        }
        let folder = output.folder(default: defaultOutputFolder(model: model, policy: "compare") + "-ensemble")
        var manifest = CompareOutput.manifest(scenarioPath: model, scenarioName: base.name, overrides: base.overrides.map(\.description),
                                              policies: result.policies, seed: replication.seed ?? base.seed,
                                              replications: result.replications, dialect: output.csvDialect,
                                              commandLine: CommandLine.arguments)
        EnsembleRuns.describe(&manifest, set, replications: replications)
        let written = try CompareOutput(manifest: manifest, startClock: base.start, result: result)
            .write(to: folder, language: output.lang, ensemble: rows)
        if output.json {
            print(SummaryJSON.compare(manifest: manifest, baseline: result.baseline, rows: CompareOutput.rows(result), outputFolder: folder.path,
                                      files: written, wallTimeSeconds: seconds).rendered())
            return
        }
        if output.quiet { return }
        print(CompareTable(result: result).text)
        print("")
        print(EnsembleRuns.heading(set, replications: replications))
        for line in ReportEnsemble.compareSentences(rows, language: output.lang) { print("  " + line) }
        print(String(format: "%d policies × %d plausible sets × %d replications in %.1f s; wrote %@ in %@", result.policies.count, members,
                     replications, seconds, written.joined(separator: ", "), folder.path))
    }
}

private func finiteValue(_ x: Double) -> Double? { x.isFinite ? x : nil }
