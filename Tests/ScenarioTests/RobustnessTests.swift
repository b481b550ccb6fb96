import Foundation
import Testing
@testable import Scenario

@Suite("Hostile and odd input")
struct RobustnessTests {
    @Test("a huge file is refused before parsing")
    func hugeFile() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let path = try tree.write("models/huge.yaml", "version: 1\n" + String(repeating: "# padding padding padding padding\n", count: 70_000))
        let found = ScenarioValidator.validate(file: path)
        #expect(found.first?.message.contains("too large for a scenario") == true)
    }

    @Test("in-memory text gets the same size limit")
    func hugeText() {
        let found = diagnostics(String(repeating: "a", count: InputLimits.maxFileBytes + 1))
        #expect(found.first?.message.contains("too large") == true)
    }

    @Test("deep block nesting is refused with a location")
    func deepIndentation() {
        var text = "version: 1\n"
        for depth in 0..<300 { text += String(repeating: " ", count: depth) + "k\(depth):\n" }
        let found = diagnostics(text)
        #expect(found.first?.message.contains("nested too deeply") == true)
    }

    @Test("many values within limits load or fail cleanly and fast")
    func wideDocument() {
        let items = (0..<20_000).map { "  - {id: p\($0), servers: 1, service_time: 1s}" }.joined(separator: "\n")
        let text = "version: 1\nduration: 1h\nsources: [{id: a, rate: 1/s, pool: p0}]\npools:\n" + items + "\n"
        let clock = ContinuousClock()
        let elapsed = clock.measure { _ = diagnostics(text) }
        #expect(elapsed < .seconds(20))
    }

    @Test("an alias is refused; anchors alone and star characters in text are fine")
    func aliases() {
        #expect(diagnostics("version: 1\nx: &a 1\ny: *a\n").first?.message.contains("aliases") == true)
        let fine = minimalModel + "description: a *b and c *d &e\nname: |\n  * bullet\n  *another\n"
        #expect(diagnostics(fine).isEmpty, "\(diagnostics(fine))")
    }

    @Test("the caret sits under the offending character, tabs kept")
    func caret() throws {
        let d = try #require(diagnostics(minimalModel.replacingOccurrences(of: "rate: 1/s", with: "rate: 1/sec")).first)
        #expect(d.description.hasSuffix("  - {id: arrivals, rate: 1/sec, pool: server}\n" + String(repeating: " ", count: 27) + "^"))
    }
}

@Suite("affluence validate, as a library")
struct ValidatorTests {
    @Test("usage errors: no path, a missing path")
    func usage() {
        #expect(throws: ScenarioValidator.UsageError.self) { try ScenarioValidator.validate(paths: []) }
        #expect(throws: ScenarioValidator.UsageError.self) { try ScenarioValidator.validate(paths: ["/no/such/place"]) }
    }

    @Test("folders are searched recursively for .yaml files")
    func folders() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        try tree.write("models/ok.yaml", minimalModel)
        try tree.write("models/variants/bad.yaml", minimalModel + "bogus: 1\n")
        try tree.write("models/notes.txt", "not a scenario")
        let report = try ScenarioValidator.validate(paths: [tree.root + "/models"])
        #expect(report.files.count == 2)
        #expect(report.invalidFiles.count == 1 && report.invalidFiles[0].hasSuffix("variants/bad.yaml"))
        #expect(!report.isValid)
        #expect(report.diagnostics.first?.headline.hasSuffix("bad.yaml:7:1: error: unknown key `bogus` in Scenario (top level) (expected one of version, name, description, extends, date, start, end, duration, warmup, report_interval, replications, seed, sample, event_limit, behaviours, segments, sources, platforms, pools, services, gates, attacks, set, policies, saturation, expect, calibration, observations, knobs)") == true)
        #expect(try ScenarioValidator.validate(paths: [tree.root + "/models/ok.yaml"]).isValid)
    }

    @Test("the models folder validates as a whole")
    func repositoryModels() throws {
        let report = try ScenarioValidator.validate(paths: [Repository.models])
        #expect(report.isValid, "\(report.diagnostics.map(\.description).joined(separator: "\n"))")
        #expect(report.files.count >= 8)
    }

    @Test("the France model has every region, the CNED platform and the P1 quota")
    func france() throws {
        let s = try ScenarioLoader.load(path: Repository.models + "/france-2021-04-06.yaml")
        let regions = Set(s.segments.compactMap(\.region))
        #expect(regions.isSuperset(of: ["IDF", "HDF", "GE", "OCC", "NOR", "CVL", "NAQ", "REST"]))
        #expect(s.platform("cned_mcalm") != nil)
        #expect(s.platform("ode_idf")?.gates == ["quota_idf", "session_limit", "idle_limit"])
        #expect(s.start == 6 * 3600 && s.end == 20 * 3600)
        // The CNED bursts of §5.8 on MCALM, filtered from 10:00.
        #expect(s.attacks.map(\.id) == ["mcalm_bursts"])
        #expect(s.sample == 0.02)
        // Its uncertainty and its facts: a calibration block and fit and holdout observations.
        #expect(s.calibration.map(\.name).contains("ent_capacity") && s.calibration.count == 9)
        #expect(s.observations.contains { $0.role == .fit } && s.observations.contains { $0.role == .holdout })
        #expect(s.estimatedEvents < s.eventLimit)
        #expect(s.policyNames.contains("P0") && s.policyNames.contains("P8"))
    }

    @Test("the sibling studies and the later days extend the France model; the later days hold out their own facts only")
    func siblingsExtendFrance() throws {
        for name in ["ile-de-france-quota-policies.yaml", "cned-2021-04-06-attack.yaml", "france-2021-04-07.yaml", "france-2021-04-26.yaml"] {
            let s = try ScenarioLoader.load(path: Repository.models + "/" + name)
            #expect(s.files.last?.hasSuffix("/france-2021-04-06.yaml") == true, "\(name) extends the France day")
            #expect(s.calibration.count == 9, "\(name) keeps the France day's calibration, so its plausible set applies")
        }
        for name in ["france-2021-04-07.yaml", "france-2021-04-26.yaml"] {
            let s = try ScenarioLoader.load(path: Repository.models + "/" + name)
            #expect(!s.observations.isEmpty && s.observations.allSatisfy { $0.role == .holdout }, "\(name): holdouts only")
            let day = name.contains("04-07") ? "0407" : "0426"
            #expect(s.observations.allSatisfy { $0.id.contains(day) }, "\(name): the facts of its own day, none of 6 April")
        }
    }
}
