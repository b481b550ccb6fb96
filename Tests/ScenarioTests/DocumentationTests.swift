import Foundation
import Testing
@testable import Scenario

/// `docs/scenario-format.md` is checked against the parser's own key tables, so the
/// reference planners read cannot drift from what the loader accepts.
@Suite("docs/scenario-format.md")
struct DocumentationTests {
    static let path = Repository.root + "/docs/scenario-format.md"

    /// The page with its generated section replaced by the current tables.
    static func regenerated(_ page: String) -> String? {
        guard let begin = page.range(of: SchemaReference.beginMarker),
              let end = page.range(of: SchemaReference.endMarker) else { return nil }
        return String(page[..<begin.upperBound]) + "\n" + SchemaReference.markdown + "\n" + String(page[end.lowerBound...])
    }

    @Test("the generated key reference matches the schema (AFFLUENCE_RECORD_DOCS=1 rewrites it)")
    func generatedSectionIsCurrent() throws {
        let page = try String(contentsOfFile: Self.path, encoding: .utf8)
        let expected = try #require(Self.regenerated(page), "markers missing")
        if ProcessInfo.processInfo.environment["AFFLUENCE_RECORD_DOCS"] == "1" {
            try expected.write(toFile: Self.path, atomically: true, encoding: .utf8)
            return
        }
        #expect(page == expected, "docs/scenario-format.md is stale: run the tests with AFFLUENCE_RECORD_DOCS=1")
    }

    @Test("every key the schema accepts appears in the page")
    func everyKeyIsDocumented() throws {
        let page = try String(contentsOfFile: Self.path, encoding: .utf8)
        for (table, keys) in SchemaReference.keysByTable {
            #expect(page.contains("### \(table)"), "no section for \(table)")
            for key in keys { #expect(page.contains("| `\(key)` |"), "key `\(key)` of \(table) is not documented") }
        }
        for metric in Schema.metrics { #expect(page.contains("`\(metric.name)`")) }
    }

    @Test("every default in the tables parses with the key's own reader")
    func defaultsParse() throws {
        // An empty base model makes every defaulted key fall back to its documented text.
        let scenario = try load("""
            version: 1
            duration: 1h
            behaviours: [{id: default}]
            sources: [{id: a, rate: 1/s, pool: p}]
            segments: [{id: s, size: 1, platforms: l, intent: {bumps: [{at: 00:30, sd: 5min}]}}]
            platforms: [{id: l, pools: p}]
            pools: [{id: p, servers: 1, service_time: 1s, autoscaling: {max: 4}}]
            gates:
              - {id: c, session_cap: {max_sessions: 10}}
              - {id: w, waiting_room: {rate: 1/s}}
              - {id: t, token_bucket: {new_users: 1/s}}
              - {id: r, time_windows: [{segments: [s], from: 00:10, to: 00:20}]}
            attacks: [{id: x, target: p, rate: 1/s, windows: [{from: 00:10, to: 00:20}], mitigation: {start: 00:15}}]
            expect: [{metric: utilization, value: 0.5}]
            """)
        let b = try #require(scenario.behaviour("default"))
        #expect(b.pagesPerSession.mean == 8)
        #expect(b.thinkTime.mean == 75)
        #expect(b.clientTimeout == 30)
        #expect(b.relogin.probability == 0.8)
        #expect(abs(b.retryDelay.mean - (0.4 * 15 + 0.6 * 180)) < 1e-9)
        #expect(scenario.reportInterval == 60)
        #expect(scenario.replications == 1)
        #expect(scenario.eventLimit == 5e9)
        let pool = try #require(scenario.pool("p"))
        #expect(pool.workersPerServer == 1 && pool.queueLimit == nil && !pool.dropExpired)
        #expect(pool.autoscaling?.provisioningDelay == 300 && pool.autoscaling?.min == 1)
        #expect(scenario.attacks[0].mitigation?.passThrough == 0.05)
        #expect(scenario.expectations[0].tolerance == .ci95)
    }
}
