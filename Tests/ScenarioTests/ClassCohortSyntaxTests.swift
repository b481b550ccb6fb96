import Foundation
import Testing
@testable import Scenario

/// `intent.cohorts[]`: what a valid item reads as, and a located error for each mistake.
@Suite("Class cohorts in the scenario language")
struct ClassCohortSyntaxTests {
    /// A model whose line 10 is the cohort item the cases edit.
    static func model(_ cohort: String, bumps: String = "") -> String {
        """
        version: 1
        start: 08:00
        end: 10:00
        segments:
          - id: pupils
            size: 1000
            platforms: web
            intent:
              cohorts:
                - \(cohort)
              \(bumps.isEmpty ? "" : "bumps: [\(bumps)]")
        platforms: [{id: web, pools: [web]}]
        pools: [{id: web, servers: 10, service_time: exponential(mean: 1s)}]
        """
    }

    static let valid = "{share: 60%, starts: [08:30, 09:30], weights: [3, 1], class_size: uniform(20, 30), offset: -2min, class_sd: 3min, member_sd: 90s}"

    @Test("an item reads as its share, starts, weights, class size and spreads")
    func readsAValidItem() throws {
        let scenario = try load(Self.model(Self.valid, bumps: "{share: 40%, at: 09:00, sd: 20min}"))
        let components = try #require(scenario.segments.first?.intent.components)
        guard case .cohorts(let c)? = components.first(where: { if case .cohorts = $0 { true } else { false } }) else {
            Issue.record("no cohort component in \(components)"); return
        }
        #expect(c.share == 0.6)
        #expect(c.starts == [8.5 * 3600, 9.5 * 3600])
        #expect(c.weights == [3, 1])
        #expect(c.classSize.mean == 25)
        #expect(c.offset == -120 && c.classSD == 180 && c.memberSD == 90)
    }

    @Test("defaults: equal weights, no offset, no spread")
    func defaults() throws {
        let scenario = try load(Self.model("{starts: [08:30, 09:00], class_size: 25}"))
        guard case .cohorts(let c)? = scenario.segments.first?.intent.components.first else { Issue.record("no cohorts"); return }
        #expect(c.share == 1 && c.weights == [1, 1] && c.offset == 0 && c.classSD == 0 && c.memberSD == 0)
    }

    /// (the item, the text the error's column points at, what the message says).
    @Test("a bad item is a located error", arguments: [
        ("{starts: [08:30], class_size: 0}", "0}", "class size has mean 0"),
        ("{starts: [08:30], class_size: 0.5}", "0.5}", "class size has mean 0.5"),
        ("{starts: [08:30], class_size: 25min}", "min}", "unexpected `min` in count `25min`"),
        ("{starts: [], class_size: 25}", "[]", "class cohorts with no lesson start"),
        ("{starts: [08:30, 11:00], class_size: 25}", "11:00", "lesson start 11:00 is outside the clock window"),
        ("{starts: [08:30], class_size: 25, member_sd: -2min}", "-2min", "negative duration"),
        ("{starts: [08:30], class_size: 25, class_sd: -3min}", "-3min", "negative duration"),
        ("{share: 140%, starts: [08:30], class_size: 25}", "140%", "share 140% is over 100%"),
        ("{share: 60%, starts: [08:30], class_size: 25}", "60%", "add up to 60%"),
        ("{starts: [08:30, 09:00], weights: [1], class_size: 25}", "[1]", "1 weight for 2 lesson starts"),
        ("{starts: [08:30, 09:00], weights: [0, 0], class_size: 25}", "[0, 0]", "every lesson start has weight zero"),
        ("{starts: [08:30], class_size: 25, spread: 2min}", "spread", "unknown key `spread`"),
        ("{starts: [08:30]}", "{starts", "missing key `class_size`"),
    ])
    func badItemIsLocated(item: String, at marker: String, message: String) throws {
        let text = Self.model(item)
        let found = diagnostics(text).filter { $0.severity == .error }
        let lines = text.components(separatedBy: "\n")
        let line = try #require(lines.firstIndex { $0.contains(item) }) + 1
        let column = try #require(lines[line - 1].range(of: marker)).lowerBound.utf16Offset(in: lines[line - 1]) + 1
        #expect(found.contains { $0.message.contains(message) && $0.location.line == line && $0.location.column == column },
                "expected \(line):\(column): …\(message)…, got:\n\(found.map(\.description).joined(separator: "\n"))")
    }
}
