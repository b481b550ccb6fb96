import Foundation
import Testing
@testable import affluence

/// Shell completions: model files complete to YAML files, `--csv-dialect` and `--lang` to
/// their values, and `--policy` to the policies of the model given earlier on the line.
@Suite("shell completions")
struct CompletionTests {
    static let policiesModel = "models/ile-de-france-quota-policies.yaml"
    static let policies = ["P0", "P1-after-login", "P2", "P3", "P4", "P5", "P7", "P8", "P6", "P5-levels"]

    @Test("--policy completes to the model's policy names, filtered by what is typed")
    func policyNames() {
        let model = CLIRunner.repositoryRoot.appendingPathComponent(Self.policiesModel).path
        let line = ["affluence", "run", model, "--policy", ""]
        #expect(PolicyCompletion.candidates(line, 4, "") == Self.policies)
        #expect(PolicyCompletion.candidates(line, 4, "P7") == ["P7"])
        #expect(PolicyCompletion.candidates(line, 4, "x").isEmpty)
        // compare --baseline: the model as written too.
        #expect(PolicyCompletion.baselineCandidates(["affluence", "compare", model, "--baseline", ""], 4, "") == ["base"] + Self.policies)
        #expect(PolicyCompletion.baselineCandidates(["affluence", "compare", model, "--baseline", "b"], 4, "b") == ["base"])
    }

    @Test("through the shell protocol (`affluence ---completion`), as bash calls it")
    func shellProtocol() throws {
        let outcome = try CLIRunner.run(["---completion", "run", "--", "--policy", "4", "0",
                                         "affluence", "run", Self.policiesModel, "--policy", ""])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.split(separator: "\n").map(String.init) == Self.policies)
        #expect(outcome.stderr.isEmpty)
    }

    /// Completion runs on every Tab in the user's shell: whatever the line, it prints no
    /// error and offers nothing rather than something wrong.
    @Test("no model on the line, a broken model, a folder or a missing file: nothing, silently",
          arguments: ["none", "broken", "folder", "missing"])
    func nothingWhenNoModel(case name: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("affluence-completion-\(getpid())-\(name)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var words = ["affluence", "run"]
        switch name {
        case "broken":
            let path = dir.appendingPathComponent("broken.yaml")
            try "version: [\npolicies: {a: {set: {x: 1}}}\n".write(to: path, atomically: true, encoding: .utf8)
            words.append(path.path)
        case "folder":
            let path = dir.appendingPathComponent("folder.yaml")
            try FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
            words.append(path.path)
        case "missing":
            words.append(dir.appendingPathComponent("missing.yaml").path)
        default:
            break
        }
        words += ["--policy", ""]
        #expect(PolicyCompletion.candidates(words, words.count - 1, "").isEmpty)
        let outcome = try CLIRunner.run(["---completion", "run", "--", "--policy", String(words.count - 1), "0"] + words)
        #expect(outcome.status == 0)
        #expect(outcome.stdout.isEmpty && outcome.stderr.isEmpty, "\(outcome.stdout) \(outcome.stderr)")
    }

    @Test("the generated scripts complete YAML models, dialect and language names, and ask affluence for policies",
          arguments: ["bash", "zsh", "fish"])
    func generatedScripts(shell: String) throws {
        let outcome = try CLIRunner.run(["--generate-completion-script", shell])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let script = outcome.stdout
        // Each shell's own spelling of a list of values (what ArgumentParser generates for a closed list).
        let lists: [String: (dialects: String, languages: String)] = [
            "bash": ("'standard'$'\\n''excel-fr'", "'en'$'\\n''fr'"),
            "zsh": ("('standard' 'excel-fr')", "('en' 'fr')"),
            "fish": ("'standard excel-fr'", "'en fr'"),
        ]
        let expected = try #require(lists[shell])
        #expect(script.contains(expected.dialects), "\(shell): no dialect list")
        #expect(script.contains(expected.languages), "\(shell): no language list")
        #expect(script.contains("yaml") && script.contains("yml"))
        #expect(script.contains("---completion") && script.contains("--policy"))
        for command in ["run", "compare", "sweep", "estimate", "saturation", "capacity"] {
            #expect(script.contains(command), "\(shell): \(command)")
        }
    }
}
