import Foundation
import Testing
@testable import Scenario

/// A throwaway models tree (`<tmp>/models/…` and `<tmp>/notebooks-data/`).
struct TemporaryTree {
    let root: String

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("affluence-scenario-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/models/variants", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/notebooks-data", withIntermediateDirectories: true)
    }

    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        let path = root + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

let baseModel = """
    version: 1
    start: 06:00
    end: 12:00
    segments:
      - {id: idf-secondary, size: 100k, active_share: 85%, platforms: ent, intent: {bumps: [{at: 08:10, sd: 25min}]}}
      - {id: idf-teachers, size: 7k, platforms: ent, intent: {bumps: [{at: 07:50, sd: 20min}], repeats: [{at: [09:00, 10:00], offset: -8min}]}}
    platforms:
      - {id: ent, pools: [ode_idf], gate: [quota]}
    pools:
      - {id: ode_idf, servers: 100, workers_per_server: 20, service_time: lognormal(mean: 50ms, cv: 1.5)}
      - {id: spare, servers: 10, service_time: 50ms}
    gates:
      - {id: quota, session_cap: {max_sessions: 300k, activation: 90%}}
      - {id: room, waiting_room: {rate: 20k/min}}
    policies:
      P0: {description: no quota, set: {platforms.ent.gate: []}}
      P2: {set: {platforms.ent.gate: [room], "segments[id=idf-secondary].active_share": 90%}}

    """

@Suite("extends, --set and policies")
struct CompositionTests {
    @Test("--set changes nested values and list items by id, in order")
    func setOverrides() throws {
        let s = try load(baseModel, overrides: [
            Override(path: "pools.ode_idf.servers", value: "40"),
            Override(path: "segments[id=idf-secondary].active_share", value: "80%"),
            Override(path: "segments.idf-teachers.intent.bumps[0].at", value: "07:40"),
            Override(path: "gates.quota.session_cap.max_sessions", value: "250k"),
            Override(path: "pools.ode_idf.servers", value: "41"),
            Override(path: "pools.spare.queue_limit", value: "0"),
        ])
        #expect(s.pool("ode_idf")?.servers == 41)
        #expect(s.segment("idf-secondary")?.activeShare == 0.8)
        let expectedBump = IntentComponent.bump(share: 1, at: 27_600, sd: 1200)
        #expect(s.segment("idf-teachers")?.intent.components.first == expectedBump)
        #expect(s.pool("spare")?.queueLimit == 0)
        if case .sessionCap(let cap) = s.gate("quota")?.kind { #expect(cap.maxSessions == 250_000) } else { Issue.record("kind") }
        #expect(s.overrides.count == 6)
        #expect(s.overrides.first?.description == "pools.ode_idf.servers=40")
    }

    @Test("--set can replace a whole list and add a defaulted key")
    func setStructures() throws {
        let s = try load(baseModel, overrides: [
            Override(path: "platforms.ent.gate", value: "[quota, room]"),
            Override(path: "pools.spare.autoscaling", value: "{max: 20, step: 2}"),
            Override(argument: "replications=5")!,
        ])
        #expect(s.platform("ent")?.gates == ["quota", "room"])
        #expect(s.pool("spare")?.autoscaling?.step == 2)
        #expect(s.replications == 5)
    }

    @Test("unknown override paths are errors with a location and a suggestion", arguments: [
        ("pools.ode_idf.sever", "unknown key `sever` in `pools[id=ode_idf]`; did you mean `servers`?"),
        ("pools.ode_ifd.servers", "no item with id `ode_ifd` in `pools`; did you mean `ode_idf`?"),
        ("segments[id=nobody].size", "no item with id `nobody`"),
        ("duraton", "unknown key `duraton` in the top level; did you mean `duration`?"),
        ("pools.ode_idf.servers.count", "is a single value"),
        ("pools[7].servers", "no item [7]"),
        ("pools..servers", "empty step"),
        ("attacks.x.rate", "is not set in the scenario"),
    ])
    func unknownPaths(path: String, message: String) {
        let found = diagnostics(baseModel, overrides: [Override(path: path, value: "1")])
        #expect(found.count == 1)
        #expect(found.first?.message.contains(message) == true, "\(found)")
        #expect(found.first?.location.file == "--set #1")
    }

    @Test("an override value is checked like the file's own values, located in the argument")
    func overrideValueErrors() throws {
        let found = diagnostics(baseModel, overrides: [Override(path: "pools.ode_idf.servers", value: "lots")])
        let d = try #require(found.first)
        #expect(d.location.file == "--set #1")
        #expect(d.location.column == "pools.ode_idf.servers=".count + 1)
        #expect(d.description.hasSuffix("pools.ode_idf.servers=lots\n" + String(repeating: " ", count: 22) + "^"))
    }

    @Test("policies apply last and are listed")
    func policies() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let path = try tree.write("models/base.yaml", baseModel)
        #expect(try ScenarioLoader.policyNames(path: path) == ["P0", "P2"])
        let p2 = try ScenarioLoader.load(path: path, overrides: [Override(path: "segments.idf-secondary.active_share", value: "10%")], policy: "P2")
        #expect(p2.platform("ent")?.gates == ["room"])
        #expect(p2.segment("idf-secondary")?.activeShare == 0.9, "the policy applies after --set")
        #expect(p2.overrides.map(\.origin) == [.commandLine, .policy("P2"), .policy("P2")])
        #expect(p2.policy == "P2")
        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: path, policy: "P9") }
        #expect(ScenarioValidator.validate(file: path).isEmpty)
    }

    @Test("a policy with an unknown path makes the file invalid")
    func badPolicy() throws {
        let text = baseModel.replacingOccurrences(of: "P0: {description: no quota, set: {platforms.ent.gate: []}}",
                                                  with: "P0: {set: {platforms.ent.gates: []}}")
        let tree = try TemporaryTree()
        defer { tree.remove() }
        let path = try tree.write("models/bad-policy.yaml", text)
        let found = ScenarioValidator.validate(file: path)
        #expect(found.contains { $0.message.contains("with policy `P0`: override `platforms.ent.gates`: unknown key `gates`") && $0.location.line == 16 })
    }

    @Test("extends merges maps deeply and lists by id")
    func extendsMerge() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        try tree.write("models/base.yaml", baseModel)
        let variant = try tree.write("models/variants/bigger.yaml", """
            extends: ../base.yaml
            name: bigger
            pools:
              - {id: ode_idf, servers: 130}
              - {id: extra, servers: 5, service_time: 1s}
            gates:
              - {id: quota, session_cap: {max_sessions: 200k}}
            segments:
              - {id: idf-teachers, intent: {bumps: [{at: 07:30, sd: 10min}]}}
            """)
        let s = try ScenarioLoader.load(path: variant)
        #expect(s.name == "bigger")
        #expect(s.pools.map(\.id) == ["ode_idf", "spare", "extra"])
        #expect(s.pool("ode_idf")?.servers == 130)
        #expect(s.pool("ode_idf")?.workersPerServer == 20, "untouched keys of a merged item stay")
        if case .sessionCap(let cap) = s.gate("quota")?.kind {
            #expect(cap.maxSessions == 200_000 && cap.activation == 0.9)
        } else { Issue.record("kind") }
        // Lists without ids (bumps) are replaced, not merged.
        let replaced: [IntentComponent] = [.bump(share: 1, at: 27_000, sd: 600)]
        #expect(s.segment("idf-teachers")?.intent.components == replaced)
        #expect(s.segment("idf-teachers")?.intent.repeats.count == 1)
        #expect(s.files.count == 2 && s.files[1].hasSuffix("base.yaml"))
        // --set reaches into the merged result.
        let t = try ScenarioLoader.load(path: variant, overrides: [Override(path: "pools.extra.servers", value: "6")])
        #expect(t.pool("extra")?.servers == 6)
    }

    @Test("extends removes an item written `{id: x, remove: true}`; what still names it, or a removal of nothing, is a located error")
    func extendsRemoves() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        try tree.write("models/base.yaml", baseModel)
        let variant = try tree.write("models/variants/smaller.yaml", """
            extends: ../base.yaml
            pools:
              - {id: spare, remove: true}
            segments:
              - {id: idf-teachers, remove: true}
            """)
        let s = try ScenarioLoader.load(path: variant)
        #expect(s.pools.map(\.id) == ["ode_idf"])
        #expect(s.segments.map(\.id) == ["idf-secondary"])
        #expect(ScenarioValidator.validate(file: variant).isEmpty)
        // Removing what the rest still uses: the error is where it is named.
        let dangling = try tree.write("models/variants/dangling.yaml", """
            extends: ../base.yaml
            pools:
              - {id: ode_idf, remove: true}
            """)
        let used = ScenarioValidator.validate(file: dangling)
        #expect(used.contains { $0.message.contains("undefined pool `ode_idf`") && $0.location.file.hasSuffix("base.yaml") && $0.location.line == 8 })
        // Removing an item the base does not have: `remove` is an unknown key at that item.
        let nothing = try tree.write("models/variants/nothing.yaml", """
            extends: ../base.yaml
            pools:
              - {id: spair, remove: true}
            """)
        let unknown = ScenarioValidator.validate(file: nothing)
        #expect(unknown.contains { $0.message.contains("remove") && $0.location.file.hasSuffix("nothing.yaml") && $0.location.line == 3 })
    }

    @Test("extends stays inside the models tree", arguments: [
        ("../outside.yaml", "leaves the models tree"),
        ("/etc/hosts", "is absolute"),
        ("variants/../../outside.yaml", "leaves the models tree"),
        ("missing.yaml", "not found"),
    ])
    func extendsEscapes(target: String, message: String) throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        try tree.write("outside.yaml", baseModel)
        let path = try tree.write("models/escape.yaml", "extends: \(target)\n")
        let found = ScenarioValidator.validate(file: path)
        #expect(found.first?.message.contains(message) == true, "\(found)")
        #expect(found.first?.location.line == 1 && found.first?.location.column == 10)
    }

    @Test("a symbolic link cannot smuggle a base out of the tree")
    func symlinkEscape() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        try tree.write("outside.yaml", baseModel)
        try FileManager.default.createSymbolicLink(atPath: tree.root + "/models/link.yaml", withDestinationPath: tree.root + "/outside.yaml")
        let path = try tree.write("models/uses-link.yaml", "extends: link.yaml\n")
        #expect(ScenarioValidator.validate(file: path).first?.message.contains("leaves the models tree") == true)
    }

    @Test("include cycles are reported")
    func cycles() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        try tree.write("models/a.yaml", "extends: b.yaml\n")
        let b = try tree.write("models/b.yaml", "extends: a.yaml\n")
        let found = ScenarioValidator.validate(file: b)
        #expect(found.first?.message == "include cycle: b.yaml → a.yaml → b.yaml")
    }

    @Test("CSV intent curves are read from notebooks-data")
    func csvCurves() throws {
        let tree = try TemporaryTree()
        defer { tree.remove() }
        try tree.write("notebooks-data/curves/logins.csv", "time,rate\n07:00,0\n08:00,10\n09:00,2\n10:00,0\n")
        let model = """
            version: 1
            start: 06:00
            end: 12:00
            segments:
              - {id: s, size: 1k, platforms: p, intent: {csv: [{file: curves/logins.csv}]}}
            platforms: [{id: p, pools: q}]
            pools: [{id: q, servers: 1, service_time: 1s}]
            """
        let path = try tree.write("models/csv.yaml", model)
        let s = try ScenarioLoader.load(path: path)
        guard case .curve(let share, let curve) = s.segment("s")?.intent.components.first else { Issue.record("no curve"); return }
        #expect(share == 1 && curve.times == [25200, 28800, 32400, 36000] && curve.rates == [0, 10, 2, 0] && curve.file == "curves/logins.csv")
        let rate = try curve.rateCurve(start: s.start)
        #expect(rate.times.first == 3600)
        try tree.write("models/csv-bad.yaml", model.replacingOccurrences(of: "curves/logins.csv", with: "../secret.csv"))
        #expect(ScenarioValidator.validate(file: tree.root + "/models/csv-bad.yaml").first?.message.contains("leaves `notebooks-data/`") == true)
        try tree.write("models/csv-col.yaml", model.replacingOccurrences(of: "curves/logins.csv}", with: "curves/logins.csv, rate_column: rte}"))
        #expect(ScenarioValidator.validate(file: tree.root + "/models/csv-col.yaml").first?.message.contains("no column `rte`; did you mean `rate`?") == true)
    }
}
