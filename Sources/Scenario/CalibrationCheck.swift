/// Whether each calibration parameter names a value the model has, and whether both ends
/// of its range make a valid scenario: the model is loaded with the parameter set to each
/// bound, exactly as `calibrate` will set it, and any problem is reported at the parameter.
/// (`servers: 12.5` from a range without `whole: true`, a path that does not exist, a rate
/// template that does not parse.)
enum CalibrationCheck {
    static func problems(_ scenario: Scenario, file: String, overrides: [Override]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (k, parameter) in scenario.calibration.enumerated() {
            let location = parameter.location ?? Location(file: file, line: 1, column: 1)
            // The parameter may be written in a base the model extends: show that file's line.
            var sources = SourceSet()
            if case .success(let source) = SourceReader.read(path: location.file, displayName: location.file) { sources.add(source) }
            for bound in [0.0, 1.0] {
                let set = parameter.overrides(parameter.value(at: bound))
                let text = set.map { parameter.scaled.isEmpty ? $0.value : "\($0.path)=\($0.value)" }.joined(separator: ", ")
                do {
                    _ = try ScenarioLoader.load(path: file, overrides: overrides + set, policy: scenario.policy)
                } catch {
                    let first = error.diagnostics.first { $0.severity == .error }
                    diagnostics.append(sources.diagnostic(location, "calibration parameter \(k + 1) (`\(parameter.name)`) set to `\(text)`: "
                                                            + (first?.message ?? "the scenario does not load"),
                                                          expected: first?.expected))
                    break
                }
            }
        }
        return diagnostics
    }
}
