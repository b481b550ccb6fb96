import Foundation
import Scenario
import World

/// Everything `affluence check` learnt about one model file.
public struct ModelCheckReport: Sendable {
    public let file: String
    /// The scenario's `name:` (the file name when invalid).
    public let name: String
    /// Validation errors; when not empty, nothing was run.
    public let diagnostics: [Diagnostic]
    /// Expectations that cannot be evaluated as written (unknown metric, wrong entity): failures.
    public let problems: [String]
    /// One per expectation that could be resolved, in file order.
    public let outcomes: [ExpectationOutcome]
    /// The model's `observations:` read in the base run: reported, never a failure.
    public var observations: [ObservationVerdict] = []
    /// Set when the simulator cannot run the model yet (a feature not simulated): its
    /// expectations are unchecked and it has no fingerprint.
    public let notSimulated: String?
    /// Set when the simulator refused the model for another reason: a failure.
    public let runError: String?
    /// The pass rule of the base run (replications declared and used).
    public let rule: ExpectationRule?
    /// Policies run besides the base, with their replication counts.
    public let policyRuns: [(policy: String, replications: Int)]
    /// The canonical text of replication 0 of the base run (nil when not run).
    public let fingerprintText: String?
    public let seed: UInt64
    /// The scenario's own estimate of the events in one replication.
    public let estimatedEvents: Double
    public let events: UInt64
    public let seconds: Double

    public var isInvalid: Bool { diagnostics.contains { $0.severity == .error } }
    public var hasExpectations: Bool { !outcomes.isEmpty || !problems.isEmpty }
}

/// Runs one model with its expectations: validation, then the base scenario and each
/// policy an expectation names, then every expectation under ``CheckBudget``'s rule.
public enum ModelCheck {
    /// - Parameter maxEvents: models whose estimated events per replication exceed it are
    ///   not run; their expectations are reported unchecked, saying why.
    public static func run(file: String, budget: CheckBudget, jobs: Int, maxEvents: Double = .infinity) -> ModelCheckReport {
        let clock = ContinuousClock()
        let started = clock.now
        func seconds() -> Double {
            let d = clock.now - started
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        let fallbackName = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let diagnostics = ScenarioValidator.validate(file: file, checks: ModelChecks.all)
        let base: Scenario
        do throws(ScenarioError) {
            guard !diagnostics.contains(where: { $0.severity == .error }) else { throw ScenarioError(diagnostics: diagnostics) }
            base = try ScenarioLoader.load(path: file)
        } catch {
            return ModelCheckReport(file: file, name: fallbackName, diagnostics: error.diagnostics, problems: [], outcomes: [],
                                    notSimulated: nil, runError: nil, rule: nil, policyRuns: [], fingerprintText: nil,
                                    seed: 0, estimatedEvents: 0, events: 0, seconds: seconds())
        }

        // Resolve every expectation against the scenario it is measured in.
        var scenarios: [String?: Scenario] = [nil: base]
        var targets: [(number: Int, expectation: Expectation, target: ExpectationTarget)] = []
        var problems: [String] = []
        for (k, expectation) in base.expectations.enumerated() {
            do {
                let scenario: Scenario
                if let policy = expectation.policy {
                    if let loaded = scenarios[policy] { scenario = loaded } else {
                        scenario = try ScenarioLoader.load(path: file, policy: policy)
                        scenarios[policy] = scenario
                    }
                } else {
                    scenario = base
                }
                targets.append((k + 1, expectation, try ExpectationTarget.resolve(expectation, number: k + 1, in: scenario, file: file)))
            } catch let problem as ExpectationProblem {
                problems.append(problem.description)
            } catch {
                problems.append("\(file): expectation \(k + 1) (policy `\(expectation.policy ?? "")`): \(error)")
            }
        }

        // Run the base (always: its replication 0 is the fingerprint), then each policy named.
        var runs: [String?: [RunResult]] = [:]
        var notSimulated: String?
        var runError: String?
        var policyRuns: [(String, Int)] = []
        var events: UInt64 = 0
        let order: [String?] = [nil] + scenarios.keys.compactMap { $0 }.sorted().map { Optional($0) }
        if base.estimatedEvents > maxEvents {
            notSimulated = "about \(ValueText.number(base.estimatedEvents, digits: 2)) events per replication, over the budget of "
                + "\(ValueText.number(maxEvents, digits: 2)) (--max-events); check it on its own without that option"
        }
        for policy in order where notSimulated == nil {
            guard let scenario = scenarios[policy] else { continue }
            let count = targets.contains { $0.expectation.policy == policy } ? budget.replications(for: scenario) : 1
            do {
                let results = try Replications.run(scenario, count: count, jobs: jobs)
                runs[policy] = results
                events += results.reduce(0) { $0 + $1.events }
                if let policy { policyRuns.append((policy, count)) }
            } catch {
                let message = (policy.map { "with policy `\($0)`: " } ?? "") + error.message
                if error.message.contains("not simulated yet") { notSimulated = message } else { runError = message }
                break
            }
        }

        let declared = max(1, base.replications)
        let rule = budget.rule(declared: declared, used: runs[nil]?.count ?? budget.replications(for: base))
        var outcomes: [ExpectationOutcome] = []
        for item in targets {
            let scenario = scenarios[item.expectation.policy] ?? base
            guard let results = runs[item.expectation.policy], runError == nil, notSimulated == nil else {
                let reason = notSimulated != nil ? "not run (see above)"
                    : runError != nil ? "not run (see above)" : "not run"
                outcomes.append(.unchecked(item.expectation, number: item.number, target: item.target, reason: reason))
                continue
            }
            let itemRule = budget.rule(declared: max(1, scenario.replications), used: results.count)
            outcomes.append(itemRule.evaluate(item.expectation, number: item.number, target: item.target,
                                              values: results.map { item.target.value(in: $0) }))
        }
        let fingerprint = (runError == nil && notSimulated == nil) ? runs[nil]?.first.map(Fingerprint.canonicalText) : nil
        var report = ModelCheckReport(file: file, name: base.name, diagnostics: diagnostics, problems: problems, outcomes: outcomes,
                                notSimulated: notSimulated, runError: runError, rule: rule, policyRuns: policyRuns,
                                fingerprintText: fingerprint, seed: base.seed, estimatedEvents: base.estimatedEvents, events: events, seconds: seconds())
        if runError == nil, notSimulated == nil { report.observations = ObservationVerdict.judge(base, runs: runs[nil] ?? []) }
        return report
    }
}
