import Foundation
import Output
import Scenario
import Testing
@testable import affluence

@Suite("the stdout summary and affluence report --lang")
struct HumanSummaryTests {
    static let model = """
        version: 1
        name: Deux plateformes
        start: 08:00
        end: 10:00
        sample: 25%
        sources:
          - {id: arrivals, rate: 1/s, pool: web}
        platforms:
          - {id: ent, label: "Île-de-France: monlycée.net", pools: [web]}
          - {id: lms, pools: [web]}
        pools:
          - {id: web, label: Web servers, servers: 2, service_time: 100ms}

        """

    static func summary(_ language: ReportLanguage) throws -> String {
        let path = CLIRunner.repositoryRoot.appendingPathComponent("models/validation/_summary.yaml").path
        let scenario = try ScenarioLoader.load(text: Self.model, path: path)
        return HumanSummary(scenario: scenario, runs: [], aggregated: [], language: language).text
    }

    @Test("English by default: labels with their id, the same words as before")
    func english() throws {
        let text = try Self.summary(.en)
        #expect(text.components(separatedBy: "\n") == [
            "Deux plateformes: 0 replication(s), 08:00–10:00, a 25% sample scaled to the full population",
            "  platform Île-de-France: monlycée.net [ent]: does not saturate",
            "  platform lms: does not saturate",
            "  pool Web servers [web]: ",
        ])
    }

    @Test("in French: every fixed word translated, decimal comma, HH:MM")
    func french() throws {
        let text = try Self.summary(.fr)
        #expect(text.components(separatedBy: "\n") == [
            "Deux plateformes : 0 réplication(s), 08:00–10:00, un échantillon de 25 % ramené à toute la population",
            "  plateforme Île-de-France: monlycée.net [ent] : ne sature pas",
            "  plateforme lms : ne sature pas",
            "  pool Web servers [web] : ",
        ])
    }

    @Test("affluence report --lang fr writes the page in French; an unknown language is a usage error")
    func reportLanguage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("affluence-cli-lang-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CLIRunner.run(["run", "models/validation/mmck.yaml", "--replications", "2", "--out", folder.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let english = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(english.contains("<html lang=\"en\">"))
        let french = try CLIRunner.run(["report", folder.path, "--lang", "fr", "--quiet"])
        #expect(french.status == 0, "\(french.stderr)")
        let page = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(page.contains("<html lang=\"fr\">"))
        #expect(page.contains("Comment lire"))
        let back = try CLIRunner.run(["report", folder.path, "--quiet"])
        #expect(back.status == 0)
        #expect(try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8) == english)
        let wrong = try CLIRunner.run(["report", folder.path, "--lang", "de"])
        #expect(wrong.status == 64)
        #expect(wrong.stderr.contains("'de' is invalid for '--lang") && wrong.stderr.contains("'en' and 'fr'"), "\(wrong.stderr)")
    }
}
