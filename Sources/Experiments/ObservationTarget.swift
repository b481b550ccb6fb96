import Scenario

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
