import Foundation
import Testing
@testable import Scenario

@Suite("Every file under models/")
struct ModelsTests {
    @Test("validates, with each of its policies", arguments: Repository.modelFiles)
    func validates(file: String) {
        let diagnostics = ScenarioValidator.validate(file: file)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description).joined(separator: "\n"))")
    }

    @Test("the textbook systems exist under models/validation/")
    func textbookSystemsExist() {
        for name in ["mm1", "mmc-erlang-c", "mmcc-erlang-b", "mmck", "mg1-lognormal", "erlang-a", "mtg-infinity"] {
            #expect(FileManager.default.fileExists(atPath: "\(Repository.models)/validation/\(name).yaml"), "missing \(name).yaml")
        }
    }

    @Test("the validation models carry expectations")
    func validationModelsHaveExpectations() throws {
        for file in Repository.modelFiles where file.contains("/validation/") {
            let scenario = try ScenarioLoader.load(path: file)
            #expect(!scenario.expectations.isEmpty, "\(file) has no expect: block")
        }
    }
}
