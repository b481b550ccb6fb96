import Foundation
import Testing
@testable import Scenario

/// `path=value` on the command line (issue 19, class 3): the `[id=…]` selector the
/// path syntax documents must survive the split, for every option that takes one.
@Suite("path=value assignments")
struct PathAssignmentTests {
    /// (argument, path, value); a nil path means the argument is not an assignment.
    static let cases: [(String, String?, String?)] = [
        ("pools.ode_idf.servers=40", "pools.ode_idf.servers", "40"),
        ("segments[id=seg].active_share=80%", "segments[id=seg].active_share", "80%"),
        ("pools[id=web].servers=2,4", "pools[id=web].servers", "2,4"),
        ("segments[id=a].intent.bumps[0].at=08:30", "segments[id=a].intent.bumps[0].at", "08:30"),
        ("gates[id=g].priority[0].share = 10%", "gates[id=g].priority[0].share", "10%"),
        ("name=a=b", "name", "a=b"),
        ("name=\"x = y\"", "name", "\"x = y\""),
        ("platforms[id=p].gate=[]", "platforms[id=p].gate", "[]"),
        ("pools[id=web].servers=", "pools[id=web].servers", ""),
        ("segments[id=a]]=1", "segments[id=a]]", "1"),
        // A `[` left open splits at the last `=`, so the path parser can name the missing `]`.
        ("segments[id=a.size=3", "segments[id=a.size", "3"),
        ("pools.x.servers", nil, nil),
        ("=3", nil, nil),
        ("  =3", nil, nil),
        ("[id=web]", nil, nil),
        ("", nil, nil),
    ]

    @Test("splits at the first = outside brackets", arguments: cases.indices)
    func split(index: Int) {
        let (argument, path, value) = Self.cases[index]
        let parts = PathAssignment.split(argument)
        #expect(parts?.path == path, "\(argument)")
        #expect(parts?.value == value, "\(argument)")
        #expect(Override(argument: argument)?.path == path)
    }

    @Test("the override an [id=…] argument gives changes the item it selects, like a policy's set:")
    func selectorChangesTheScenario() throws {
        let model = """
            version: 1
            start: 08:00
            end: 09:00
            segments:
              - {id: seg, size: 1000, active_share: 50%, platforms: lms, intent: {bumps: [{share: 100%, at: 08:30, sd: 10min}]}}
              - {id: other, size: 10, active_share: 50%, platforms: lms, intent: {bumps: [{share: 100%, at: 08:30, sd: 10min}]}}
            platforms:
              - {id: lms, pools: web}
            pools:
              - {id: web, servers: 5, service_time: exponential(mean: 50ms)}
              - {id: back, servers: 1, service_time: exponential(mean: 50ms)}

            """
        let set = try #require(Override(argument: "segments[id=seg].active_share=80%"))
        let scenario = try load(model, overrides: [set])
        #expect(scenario.segments.map(\.activeShare) == [0.8, 0.5])
        // capacity builds `resource=value` from `--resource pools[id=web].servers`.
        let searched = try #require(Override(argument: "pools[id=web].servers" + "=" + "7"))
        #expect(try load(model, overrides: [searched]).pools.map(\.servers) == [7, 1])
        let unclosed = try #require(Override(argument: "segments[id=seg.active_share=80%"))
        let diagnostics = diagnostics(model, overrides: [unclosed])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.headline.hasPrefix("--set #1:1:9: error: missing `]`") == true, "\(diagnostics)")
    }

    @Test("[id=web] and .web name the same place; other paths do not", arguments: [
        ("pools[id=web].servers", "pools.web.servers", true),
        ("pools[id=web].servers", "pools[id=web].servers", true),
        ("pools[id=web].servers", "pools[id=web].queue_limit", false),
        ("pools[id=web].servers", "pools[id=back].servers", false),
        ("segments[id=a].intent.bumps[0].at", "segments.a.intent.bumps[0].at", true),
        ("segments.a.intent.bumps[0].at", "segments.a.intent.bumps[1].at", false),
        ("demand_scale", "demand_scale", true),
    ])
    func sameTarget(a: String, b: String, same: Bool) {
        #expect(PathAssignment.sameTarget(a, b) == same)
        #expect(PathAssignment.sameTarget(b, a) == same)
    }

    @Test("extends and version cannot be overridden, from --set or a policy", arguments: [
        "extends=base.yaml", "extends=../other/model.yaml", "version=1", "version=2",
    ])
    func fixedKeys(argument: String) throws {
        let set = try #require(Override(argument: argument))
        let found = diagnostics(minimalModel, overrides: [set])
        let key = argument.split(separator: "=")[0]
        #expect(found.count == 1)
        #expect(found.first?.headline.hasPrefix("--set #1:1:1: error: override `\(key)`: `\(key)` cannot be overridden") == true, "\(found)")
    }
}
