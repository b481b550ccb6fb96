import Scenario
import World

/// What an observation reads in a run: the same resolution as an expectation's (one
/// metric of one entity, from the summary, at an instant or over a window), with the
/// observation's own `aggregate:` when it gives one.
public enum ObservationTarget {
    public static func resolve(_ observation: Observation, in scenario: Scenario) throws(ExpectationProblem) -> ExpectationTarget {
        let location = observation.location
        let place = "\(location?.file ?? "")\(location.map { ":\($0.line)" } ?? ""): observation `\(observation.id)`"
        var target = try ExpectationTarget.resolve(metric: observation.metric, entity: observation.entity, at: observation.at,
                                                   from: observation.from, to: observation.to, place: place, in: scenario)
        target.aggregate = observation.aggregate
        return target
    }

    /// `validate`'s check of the observations: each must name a metric its entity's kind
    /// reports and a window holding a report interval, as `calibrate` will read it.
    public static let validation: ScenarioValidator.Check = { scenario in
        scenario.observations.compactMap { observation in
            do throws(ExpectationProblem) {
                _ = try resolve(observation, in: scenario)
                return nil
            } catch {
                return .init(location: observation.location ?? Location(file: scenario.files.first ?? "", line: 1, column: 1),
                             message: "observation `\(observation.id)` (`\(observation.metric)`): \(error.message)")
            }
        }
    }
}

/// An observation against the model as written: what `affluence check` reports for each
/// fact of `observations:`, so the file itself says which facts it reproduces. It never
/// fails the check: a fact the model misses is a finding to report, not a test to pass.
public struct ObservationVerdict: Sendable {
    public let observation: Observation
    public let target: ExpectationTarget
    /// Over the base run's replications, judged by calibrate's own rule (``HistoryMatching``).
    public let reading: HistoryMatching.Reading
    public let replications: Int

    /// Within calibrate's cut-off (I ≤ 3).
    public var met: Bool { reading.implausibility <= HistoryMatching.plausibleCutoff }

    /// Each observation of `scenario` read in `runs` (nil: one the scenario cannot resolve,
    /// which `validate` reports).
    public static func judge(_ scenario: Scenario, runs: [RunResult]) -> [ObservationVerdict] {
        guard !runs.isEmpty else { return [] }
        return scenario.observations.compactMap { observation in
            guard let target = try? ObservationTarget.resolve(observation, in: scenario) else { return nil }
            let values = runs.map { target.value(in: $0) }
            return ObservationVerdict(observation: observation, target: target,
                                      reading: HistoryMatching.reading(observation, values, replications: runs.count),
                                      replications: runs.count)
        }
    }
}

