import ArgumentParser
import Experiments
import Foundation
import Scenario

// Checks of command-line inputs shared by the subcommands: the same option gets the same
// usage error (exit 64) whichever command it is given to.

/// `--set path=value` arguments as overrides, or a usage error naming the one that is not
/// an assignment. Paths keep `[id=…]` selectors whole (``PathAssignment``).
func parseOverrides(_ arguments: [String]) throws -> [Override] {
    try arguments.map { argument in
        guard let override = Override(argument: argument) else {
            throw ValidationError("--set \(argument): expected path=value, e.g. --set pools.ode_idf.servers=40 or --set 'segments[id=idf-secondary].active_share=80%'")
        }
        return override
    }
}

/// `--out DIR`: an empty name would write into the current folder, mixing the run's files
/// with whatever is there.
func checkOutputFolder(_ out: String?) throws {
    guard let out else { return }
    if out.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
        throw ValidationError("--out is empty (expected a folder path, e.g. --out runs/my-run)")
    }
}

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
