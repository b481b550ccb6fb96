import Foundation
import Testing
@testable import Scenario

/// `knobs:` (the what-if page's controls) and the file's own `set:` overrides.
@Suite("knobs and set")
struct KnobTests {
    static let model = """
        version: 1
        start: 08:00
        end: 09:00
        segments:
          - {id: pupils, size: 12k, active_share: 80%, platforms: ent, intent: {bumps: [{at: 08:20, sd: 10min}]}}
        platforms:
          - {id: ent, pools: web}
        pools:
          - {id: web, servers: 10, service_time: 50ms}
        behaviours:
          - {id: default, client_timeout: 30s}
        policies:
          P1: {set: {pools.web.servers: 20}}
        knobs:
          - {id: servers, label: Web servers, path: pools.web.servers, range: [2, 40], step: 2}
          - {id: share, path: segments.pupils.active_share, range: [10, 100], step: 5, unit: "%"}
          - {id: timeout, path: behaviours.default.client_timeout, range: [0.5, 2], step: 0.25, unit: min}
          - {id: size, path: "segments[id=pupils].size", range: [1000, 50000], step: 1000}
          - {id: policy, label: Policy, policies: [base, P1]}
        """

    func load(_ text: String, overrides: [Override] = []) throws -> Scenario {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let path = try tree.write("models/m.yaml", text)
        return try ScenarioLoader.load(path: path, overrides: overrides)
    }

    func errors(_ text: String) -> [String] {
        do {
            _ = try load(text)
            return []
        } catch let error as ScenarioError {
            return error.diagnostics.map(\.summary)
        } catch {
            return ["\(error)"]
        }
    }

    @Test("knobs read the model's own value in their unit")
    func modelValues() throws {
        let s = try load(Self.model)
        #expect(s.knobs.map(\.id) == ["servers", "share", "timeout", "size", "policy"])
        #expect(s.knobs.map(\.modelValue) == [.number(10), .number(80), .number(0.5), .number(12000), .policy("base")])
        #expect(s.knobs[1].label == "share")
        guard case .number(_, let range, let step, let unit) = s.knobs[2].kind else { Issue.record("not a number knob"); return }
        #expect(range == 0.5...2 && step == 0.25 && unit == .minutes)
        #expect(unit.text(1.25) == "1.25min")
    }

    @Test("a knob's value is checked against its range and steps")
    func valueProblems() throws {
        let knob = try load(Self.model).knobs[0]
        #expect(knob.problem(with: .number(12)) == nil)
        #expect(knob.problem(with: .number(41))?.contains("outside") == true)
        #expect(knob.problem(with: .number(13))?.contains("steps") == true)
        #expect(knob.parse("1e400") == nil && knob.parse("abc") == nil && knob.parse("") == nil)
    }

    @Test("a knob on a path the model does not write, a wrong unit or an unknown policy is a located error", arguments: [
        ("  - {id: x, path: pools.web.queue_limit, range: [1, 2]}", "9:19: error: knob `x`: the model writes no value at `pools.web.queue_limit`"),
        ("  - {id: x, path: segments.pupils.active_share, range: [1, 2], unit: s}", "4:43: error: knob `x`: the model's value `80%`"),
        ("  - {id: x, policies: [base, P9]}", "9:30: error: `P9` is not a policy of this model"),
        ("  - {id: x, path: pools.web.servers, range: [5, 2]}", "9:49: error: the range's end 2 is not above its start 5"),
        ("  - {id: x, path: pools..servers, range: [1, 2]}", "9:25: error: empty step in path"),
        ("  - {id: servers, path: pools.web.servers, range: [1, 2]}", "10:10: error: duplicate knob id `servers`"),
        ("  - {id: x, path: pools.web.servers, range: [1, 2], colour: red}", "9:53: error: unknown key `colour` in Knob"),
        ("  - {id: x, path: version, range: [1, 2]}", "9:19: error: a knob cannot set `version`"),
    ])
    func badKnobs(line: String, expected: String) throws {
        let text = """
            version: 1
            end: 01:00
            segments:
              - {id: pupils, size: 12k, active_share: 80%, platforms: ent, intent: {bumps: [{at: 00:20, sd: 10min}]}}
            platforms: [{id: ent, pools: web}]
            pools: [{id: web, servers: 10, service_time: 50ms}]
            policies: {P1: {set: {pools.web.servers: 20}}}
            knobs:
              - {id: servers, path: pools.web.servers, range: [1, 20]}
            """.replacingOccurrences(of: "  - {id: servers, path: pools.web.servers, range: [1, 20]}",
                                     with: line.hasPrefix("  - {id: servers") ? "  - {id: servers, path: pools.web.servers, range: [1, 20]}\n" + line : line)
        let found = errors(text)
        #expect(found.contains { $0.hasPrefix(expected) }, "\(found)")
    }

    @Test("`set:` applies after extends and before --set, recorded in the manifest's overrides")
    func fileSet() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        try tree.write("models/m.yaml", Self.model)
        let saved = try tree.write("models/saved.yaml", "extends: m.yaml\nset:\n  pools.web.servers: 24\n  \"segments[id=pupils].active_share\": 60%\n")
        let s = try ScenarioLoader.load(path: saved)
        #expect(s.pool("web")?.servers == 24)
        #expect(s.segment("pupils")?.activeShare == 0.6)
        #expect(s.overrides.map(\.description) == ["pools.web.servers=24 (set:)", "segments[id=pupils].active_share=60% (set:)"])
        let later = try ScenarioLoader.load(path: saved, overrides: [Override(path: "pools.web.servers", value: "30")])
        #expect(later.pool("web")?.servers == 30)
        // The knob still starts from the composed model's value.
        #expect(s.knobs[0].modelValue == .number(24))
    }

    @Test("a bad `set:` entry is an error at its key")
    func badSet() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        try tree.write("models/m.yaml", Self.model)
        let saved = try tree.write("models/saved.yaml", "extends: m.yaml\nset:\n  pools.web.servrs: 24\n")
        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: saved) }
        do { _ = try ScenarioLoader.load(path: saved) } catch {
            #expect(error.diagnostics.first?.headline.contains("saved.yaml:3:3: error: override `pools.web.servrs`: unknown key `servrs`") == true,
                    "\(error.diagnostics)")
        }
    }
}
