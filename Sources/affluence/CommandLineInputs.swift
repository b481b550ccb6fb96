import ArgumentParser
import Experiments
import Foundation
import Scenario

// Checks of command-line inputs that need more than one option (or the scenario) to decide;
// single values are checked where they are parsed (Options/).

/// A path varied by `--vary` (or searched by `--resource`) must be varied once and not
/// also fixed by `--set`: the later assignment would silently replace the other.
/// `pools.web.servers` and `pools[id=web].servers` count as the same path.
func checkEachPathOnce(varied: [String], fixed: [String], option: String = "--vary") throws {
    for (i, path) in varied.enumerated() {
        if let earlier = varied[..<i].first(where: { PathAssignment.sameTarget($0, path) }) {
            throw ValidationError("\(option) \(path) is given twice (also as \(earlier)); expected each path once, with all its values in one \(option), e.g. \(option) \(path)=2,4,8")
        }
        if let set = fixed.first(where: { PathAssignment.sameTarget($0, path) }) {
            throw ValidationError("\(option) \(path) is also fixed by --set \(set); expected one or the other (the \(option) values would replace the --set value)")
        }
    }
}

/// `--slo` terms naming one entity must name one the model has and that reports the
/// metric: otherwise every value searched would fail for want of a figure.
func checkObjective(_ objective: SLO, in scenario: Scenario) throws {
    for term in objective.terms {
        if let problem = MetricSelector(metric: term.metric, entity: term.entity).problem(in: scenario) {
            throw ValidationError("--slo \(term): \(problem)")
        }
    }
}
