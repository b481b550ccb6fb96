import Foundation
import Scenario

/// Shell completion for `--policy`: the policy names of the model given earlier on the line.
///
/// Completion runs inside the user's shell on every Tab, so it never throws, never prints
/// and never waits on a half-typed line: no model file on the line, an unreadable file or
/// a model that does not load all complete to nothing.
enum PolicyCompletion {
    /// ArgumentParser's `.custom` signature: the words of the line, the index of the word
    /// being completed, and its prefix.
    @Sendable static func candidates(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        let before = words.prefix(max(0, min(index, words.count)))
        guard let model = before.last(where: isModelPath) else { return [] }
        guard let names = try? ScenarioLoader.policyNames(path: model) else { return [] }
        return names.filter { $0.hasPrefix(prefix) }
    }

    /// `compare --baseline`: `base` (the model as written) or one of its policies.
    @Sendable static func baselineCandidates(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        (["base"] + candidates(words, index, "")).filter { $0.hasPrefix(prefix) }
    }

    /// A YAML file that exists: the model argument, whatever its position on the line.
    static func isModelPath(_ word: String) -> Bool {
        var folder: ObjCBool = false
        return (word.hasSuffix(".yaml") || word.hasSuffix(".yml"))
            && FileManager.default.fileExists(atPath: word, isDirectory: &folder) && !folder.boolValue
    }
}
