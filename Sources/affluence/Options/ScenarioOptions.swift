import ArgumentParser
import Foundation
import Scenario

/// The model a command works on and the `--set` overrides applied to it before anything runs.
///
/// `--policy` is a group of its own (``PolicyOption``): `compare` runs every policy of the
/// model, so it takes the model and overrides but not a policy.
struct ScenarioOptions: ParsableArguments {
    @Argument(help: "The scenario file (YAML).", completion: .file(extensions: ["yaml", "yml"]))
    var model: String

    @Option(name: .customLong("set"),
            help: ArgumentHelp("Override a scenario value: path=value (repeatable, applied in order).", valueName: "path=value"),
            transform: OptionValue.override)
    var overrides: [Override] = []

    /// The model with the overrides (then `extra`) and `policy` applied.
    func load(policy: String?, extra: [Override] = []) throws -> Scenario {
        try loadScenario(model, overrides: overrides + extra, policy: policy)
    }

    /// The model's file name without its extension, for default output folders.
    var name: String { URL(fileURLWithPath: model).deletingPathExtension().lastPathComponent }
}

/// `--policy NAME`: one of the model's named policies. Completes with the policy names of
/// the model given earlier on the line (``PolicyCompletion``).
struct PolicyOption: ParsableArguments {
    @Option(help: "Apply one of the scenario's named policies.", completion: .custom(PolicyCompletion.candidates))
    var policy: String?
}

/// Loads a scenario, turning located diagnostics into a failure that prints them.
func loadScenario(_ path: String, overrides: [Override], policy: String?) throws -> Scenario {
    guard FileManager.default.fileExists(atPath: path) else {
        throw ValidationError("\(path): no such file")
    }
    do {
        return try ScenarioLoader.load(path: path, overrides: overrides, policy: policy)
    } catch {
        throw CommandFailure(error.description)
    }
}
