import Foundation
import Testing
@testable import Scenario

/// Paths of the repository, found from this file so tests run from any folder.
enum Repository {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var models: String { root + "/models" }

    /// Every scenario file under `models/`, sorted.
    static var modelFiles: [String] {
        (try? ScenarioValidator.scenarioFiles(in: [models])) ?? []
    }
}

/// Loads scenario text from memory as if it lived at `path` (default: a scratch file
/// in the models tree, so `extends:` rules apply).
func load(_ text: String, path: String = Repository.models + "/validation/_inline.yaml",
          overrides: [Override] = [], policy: String? = nil) throws(ScenarioError) -> Scenario {
    try ScenarioLoader.load(text: text, path: path, overrides: overrides, policy: policy)
}

/// The diagnostics a text produces (empty when it loads).
func diagnostics(_ text: String, overrides: [Override] = [], policy: String? = nil) -> [Diagnostic] {
    do {
        _ = try load(text, overrides: overrides, policy: policy)
        return []
    } catch {
        return error.diagnostics
    }
}

/// A minimal valid textbook model, to which tests add one mistake at a time.
let minimalModel = """
    version: 1
    duration: 1h
    sources:
      - {id: arrivals, rate: 1/s, pool: server}
    pools:
      - {id: server, servers: 1, service_time: exponential(mean: 0.5s)}

    """
