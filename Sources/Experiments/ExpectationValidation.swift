import Scenario

extension ExpectationTarget {
    /// `validate`'s check of a scenario's expectations: each must resolve as `check` will
    /// resolve it (a metric its entity's kind reports, an entity that exists, a window
    /// holding a report interval), so a platform metric expected of a pool is refused
    /// before anything runs. Each expectation is checked in the scenario it is measured
    /// in: the base, or the policy it names.
    public static let validation: ScenarioValidator.Check = { scenario in
        var findings: [ScenarioValidator.Finding] = []
        for (k, expectation) in scenario.expectations.enumerated() where expectation.policy == scenario.policy {
            let location = expectation.location ?? Location(file: "", line: expectation.line, column: 1)
            do throws(ExpectationProblem) {
                _ = try resolve(expectation, number: k + 1, in: scenario, file: location.file)
            } catch {
                findings.append(.init(location: location, message: "expectation \(k + 1) (`\(expectation.metric)`): \(error.message)"))
            }
        }
        return findings
    }
}

/// The checks `validate` (and `check`, before it runs anything) makes above the scenario
/// layer: the expectations and the observations must read something the runs report.
public enum ModelChecks {
    public static let all: [ScenarioValidator.Check] = [ExpectationTarget.validation, ObservationTarget.validation]
}
