import Foundation
import Testing
@testable import Scenario

/// Where a CSV intent file (`intent.csv[].file`) may lead (issue 19, class 5): inside
/// `notebooks-data/` once symbolic links are resolved, as `extends:` stays inside the
/// models tree.
@Suite("CSV intent files stay inside notebooks-data/")
struct CSVIntentPathTests {
    static let curve = "time,rate\n07:00,0\n08:00,10\n09:00,2\n10:00,0\n"

    static func model(file: String) -> String {
        """
        version: 1
        start: 06:00
        end: 12:00
        segments:
          - {id: s, size: 1k, platforms: p, intent: {csv: [{file: \(file)}]}}
        platforms: [{id: p, pools: q}]
        pools: [{id: q, servers: 1, service_time: 1s}]
        """
    }

    /// A tree with a curve inside notebooks-data/, one outside it, and links of each kind.
    static func tree() throws -> TemporaryTree {
        let tree = try TemporaryTree()
        let fm = FileManager.default
        try tree.write("notebooks-data/curves/logins.csv", curve)
        try tree.write("outside/secret.csv", curve)
        let data = tree.root + "/notebooks-data"
        try fm.createSymbolicLink(atPath: data + "/relative-out.csv", withDestinationPath: "../outside/secret.csv")
        try fm.createSymbolicLink(atPath: data + "/absolute-out.csv", withDestinationPath: tree.root + "/outside/secret.csv")
        try fm.createSymbolicLink(atPath: data + "/folder-out", withDestinationPath: tree.root + "/outside")
        try fm.createSymbolicLink(atPath: data + "/chain.csv", withDestinationPath: "relative-out.csv")
        try fm.createSymbolicLink(atPath: data + "/models-out.csv", withDestinationPath: "../models/m.yaml")
        try fm.createSymbolicLink(atPath: data + "/inside.csv", withDestinationPath: "curves/logins.csv")
        try fm.createSymbolicLink(atPath: data + "/curves-link", withDestinationPath: "curves")
        return tree
    }

    @Test("a path that leads out, by a link or by name, is a located error", arguments: [
        ("relative-out.csv", "leads out of `notebooks-data/` through a symbolic link"),
        ("absolute-out.csv", "leads out of `notebooks-data/` through a symbolic link"),
        ("folder-out/secret.csv", "leads out of `notebooks-data/` through a symbolic link"),
        ("chain.csv", "leads out of `notebooks-data/` through a symbolic link"),
        ("models-out.csv", "leads out of `notebooks-data/` through a symbolic link"),
        ("../outside/secret.csv", "leaves `notebooks-data/`"),
        ("curves/../../outside/secret.csv", "leaves `notebooks-data/`"),
        ("/etc/hostname", "leaves `notebooks-data/`"),
    ])
    func refused(file: String, message: String) throws {
        let tree = try Self.tree()
        defer { tree.remove() }
        let path = try tree.write("models/m.yaml", Self.model(file: file))
        let found = ScenarioValidator.validate(file: path)
        #expect(found.count == 1, "\(found)")
        let d = try #require(found.first)
        #expect(d.location.file == path && d.location.line == 5 && d.location.column == 59, "\(d.headline)")
        #expect(d.message == "CSV path `\(file)` \(message)", "\(d.message)")
    }

    @Test("a file inside, directly or through a link that stays inside, loads", arguments: [
        "curves/logins.csv", "inside.csv", "curves-link/logins.csv",
    ])
    func accepted(file: String) throws {
        let tree = try Self.tree()
        defer { tree.remove() }
        let path = try tree.write("models/m.yaml", Self.model(file: file))
        let scenario = try ScenarioLoader.load(path: path)
        guard case .curve(_, let curve) = scenario.segments.first?.intent.components.first else {
            Issue.record("no curve"); return
        }
        #expect(curve.rates == [0, 10, 2, 0])
    }
}
