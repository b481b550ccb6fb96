import Foundation
import Testing

@testable import Output

@Suite("JSON summaries for scripts")
struct SummaryJSONTests {
    func parse(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("numbers read back exactly, undefined figures are null, text is escaped")
    func values() throws {
        let value = JSONText.object([
            ("tenth", .number(0.1)), ("tiny", .number(2.5e-7)), ("whole", .number(1200)),
            ("nan", .figure(.nan)), ("missing", .figure(nil)), ("seed", .unsigned(UInt64.max)),
            ("text", .string("say \"hi\"\n\\ \u{1} école")), ("empty", .array([])), ("flag", .bool(true)),
        ])
        let text = value.rendered()
        let object = try parse(text)
        #expect(object["tenth"] as? Double == 0.1)
        #expect(object["tiny"] as? Double == 2.5e-7)
        #expect(object["whole"] as? Double == 1200)
        #expect(object["nan"] is NSNull)
        #expect(object["missing"] is NSNull)
        #expect(object["text"] as? String == "say \"hi\"\n\\ \u{1} école")
        #expect(text.contains("\"seed\": 18446744073709551615"))
        #expect(text.contains("\"whole\": 1200,"))
        // Keys keep the order given: the same figures give the same bytes.
        #expect(text.range(of: "\"tenth\"")!.lowerBound < text.range(of: "\"tiny\"")!.lowerBound)
    }

    @Test("a run summary carries the platform figures under their names, with clock times to the minute")
    func run() throws {
        var manifest = Fixtures.manifest
        manifest.scenarioName = "synthetic"
        let facts = SummaryJSON.RunFacts(
            outputFolder: "runs/x", files: ["summary.csv"], startSecondsOfDay: 6 * 3600, endSecondsOfDay: 9 * 3600,
            events: 1234, wallTimeSeconds: 0.5)
        let object = try parse(SummaryJSON.run(manifest: manifest, summary: ReportRegenerationTests.saturationSummary, facts: facts).rendered())
        #expect(object["command"] as? String == "run")
        #expect(object["start_clock"] as? String == "06:00")
        #expect(object["end_clock"] as? String == "09:00")
        #expect(object["seed"] as? Int == 42)
        let platforms = try #require(object["platforms"] as? [[String: Any]])
        #expect(platforms.count == 2)
        #expect(platforms[0]["id"] as? String == "ent-idf")
        #expect(platforms[0]["saturation_onset_clock"] as? String == "07:32")
        #expect(platforms[0]["saturated_until_clock"] is NSNull)
        #expect(platforms[0]["saturated_replications"] as? Int == 2)
        #expect(platforms[0]["share_in_by_0900"] as? Double == 0.4126)
        #expect(platforms[1]["saturation_onset_clock"] is NSNull)
        #expect(platforms[1]["saturated_replications"] as? Int == 0)
        let figures = try #require(object["figures"] as? [[String: Any]])
        #expect(figures.count == ReportRegenerationTests.saturationSummary.count)
        #expect(figures[0]["ci95_half_width"] as? Double == 270)
    }

    @Test("a comparison summary gives each policy's paired difference and whether it excludes zero")
    func compare() throws {
        let object = try parse(SummaryJSON.compare(
            manifest: Fixtures.manifest, baseline: "no-cap", rows: Fixtures.comparison,
            outputFolder: "runs/c", files: ["comparison.csv"], wallTimeSeconds: 1).rendered())
        #expect(object["baseline"] as? String == "no-cap")
        let metrics = try #require(object["metrics"] as? [[String: Any]])
        #expect(metrics.count == 1)
        let policies = try #require(metrics[0]["policies"] as? [[String: Any]])
        #expect(policies.map { $0["policy"] as? String } == ["no-cap", "cap-120k", "waiting-room"])
        #expect(policies[0]["diff_vs_baseline"] is NSNull)
        #expect(policies[0]["diff_excludes_zero"] is NSNull)
        #expect(policies[1]["diff_vs_baseline"] as? Double == -0.19)
        #expect(policies[1]["diff_excludes_zero"] as? Bool == true)
        #expect(policies[1]["rank"] as? Int == 1)
    }
}
