import ArgumentParser
import Experiments
import Foundation
import Scenario

/// `affluence validate PATH...`: checks scenario files and prints every problem in the
/// compiler's format. The work is done by ``ScenarioValidator``; this only reports.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files: syntax, types, units, references and meaning.",
        discussion: """
            Each PATH is a scenario file or a folder searched recursively for *.yaml files. \
            Every file is loaded on its own and under each of its policies. Problems are \
            printed to standard error as file:line:col: error: … with the offending line.
            Exit status: 0 when every file is valid, 1 when any is invalid, 64 on usage errors.
            """
    )

    @Argument(help: "Scenario files or folders.")
    var paths: [String] = []

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a value before validating (path=value); repeatable.", valueName: "path=value"),
            transform: OptionValue.override)
    var overrides: [Override] = []

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one scenario file or folder") }
    }

    func run() throws {
        let parsed = overrides
        let files: [String]
        do {
            files = try ScenarioValidator.scenarioFiles(in: paths)
        } catch {
            throw ValidationError(error.description)
        }
        var invalid = 0
        for file in files {
            let diagnostics = ScenarioValidator.validate(file: file, overrides: parsed, checks: ModelChecks.all)
            for d in diagnostics { printError(d.description) }
            if diagnostics.contains(where: { $0.severity == .error }) { invalid += 1 }
        }
        printError("\(files.count) file\(files.count == 1 ? "" : "s") checked, \(invalid) invalid")
        if invalid > 0 { throw ExitCode(1) }
    }

    private func printError(_ text: String) {
        var stderr = StandardError()
        print(text, to: &stderr)
    }
}

/// Standard error as a `TextOutputStream`.
private struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}
