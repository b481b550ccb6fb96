import Foundation
import Testing

/// Misuse of the command line (issue 19, classes 3 and 4): the documented `[id=…]`
/// selector works in every option that takes a path, and what cannot mean anything is a
/// usage error (exit 64) naming the option and what was expected, never exit 0.
@Suite("command-line misuse, end to end")
struct MisuseTests {
    /// A scratch folder holding a one-hour model with a segment `seg`, a pool `web`, and
    /// (in `policies.yaml`) one policy.
    struct Scratch {
        let root: URL
        var model: String { root.appendingPathComponent("models/tiny.yaml").path }
        var withPolicies: String { root.appendingPathComponent("models/policies.yaml").path }
        var empty: URL { root.appendingPathComponent("cwd") }

        static let text = """
            version: 1
            start: 08:00
            end: 09:00
            replications: 2
            segments:
              - {id: seg, size: 2000, active_share: 50%, platforms: lms, intent: {bumps: [{share: 100%, at: 08:20, sd: 10min}]}}
            platforms:
              - {id: lms, pools: web}
            pools:
              - {id: web, servers: 1, workers_per_server: 4, service_time: exponential(mean: 20ms)}

            """

        init(_ name: String) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("affluence-misuse-\(getpid())-\(name)")
            try? FileManager.default.removeItem(at: root)
            try FileManager.default.createDirectory(at: root.appendingPathComponent("models"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
            try Self.text.write(toFile: model, atomically: true, encoding: .utf8)
            try (Self.text + "policies:\n  more: {set: {pools.web.servers: 2}}\n").write(toFile: withPolicies, atomically: true, encoding: .utf8)
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    @Test("--set with an [id=…] selector changes the run; the manifest records it as given")
    func setWithSelector() throws {
        let scratch = try Scratch("set")
        defer { scratch.remove() }
        let base = scratch.root.appendingPathComponent("base"), changed = scratch.root.appendingPathComponent("changed")
        let a = try CLIRunner.run(["run", scratch.model, "--out", base.path, "--quiet", "--jobs", "1"])
        #expect(a.status == 0, "\(a.stderr)")
        let b = try CLIRunner.run(["run", scratch.model, "--set", "segments[id=seg].active_share=80%", "--out", changed.path, "--quiet", "--jobs", "1"])
        #expect(b.status == 0, "\(b.stderr)")
        let before = try String(contentsOf: base.appendingPathComponent("summary.csv"), encoding: .utf8)
        let after = try String(contentsOf: changed.appendingPathComponent("summary.csv"), encoding: .utf8)
        #expect(before != after)
        // 80% of 2000 active instead of 50%: 1600 first visits against 1000.
        func firstVisits(_ csv: String) -> Double? {
            let row = csv.split(whereSeparator: \.isNewline).first { $0.contains("first_visits") && $0.contains(",seg,") }
            return row.flatMap { r in r.split(separator: ",").compactMap { Double($0) }.first }
        }
        let (x, y) = (try #require(firstVisits(before)), try #require(firstVisits(after)))
        #expect(y / x > 1.4 && y / x < 1.8, "first visits \(x) → \(y)")
        let manifest = try String(contentsOf: changed.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(manifest.contains("segments[id=seg].active_share=80%"))
    }

    @Test("--vary with an [id=…] selector sweeps two points")
    func varyWithSelector() throws {
        let scratch = try Scratch("vary")
        defer { scratch.remove() }
        let out = scratch.root.appendingPathComponent("sweep")
        let outcome = try CLIRunner.run(["sweep", scratch.model, "--vary", "pools[id=web].servers=2,4", "--replications", "2",
                                         "--metric", "utilization[web]", "--out", out.path, "--jobs", "2"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("2 points × 2 replications"), "\(outcome.stdout)")
        let lines = try String(contentsOf: out.appendingPathComponent("sweep.csv"), encoding: .utf8).split(whereSeparator: \.isNewline)
        #expect(lines.first == "point,pools[id=web].servers,metric,entity_kind,entity_id,unit,mean,ci95_half_width")
        #expect(lines.count == 3)
        let utilisation = lines.dropFirst().compactMap { $0.split(separator: ",").dropFirst(6).first.flatMap { Double($0) } }
        // Twice the servers, about half the utilisation: the value reached the pool.
        #expect(utilisation.count == 2 && utilisation[1] < utilisation[0] * 0.6, "\(lines)")
    }

    @Test("capacity searches a --resource written with an [id=…] selector")
    func capacityWithSelector() throws {
        let scratch = try Scratch("capacity")
        defer { scratch.remove() }
        let outcome = try CLIRunner.run(["capacity", scratch.model, "--resource", "pools[id=web].servers", "--slo", "utilization <= 10%",
                                         "--range", "1:8", "--replications", "2", "--jobs", "2", "--quiet"],
                                        in: scratch.root)  // capacity.csv goes to runs/ under the scratch folder
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let answer = try #require(Int(outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), "\(outcome.stdout)")
        // About 22% utilisation on one server, so 11% on 2 and 7.5% on 3: the value reached the pool.
        #expect(answer == 3)
    }

    @Test("saturation --scale takes an [id=…] selector and finds what segments.<id> finds")
    func scaleWithSelector() throws {
        let scratch = try Scratch("scale")
        defer { scratch.remove() }
        let common = ["saturation", scratch.model, "--replications", "2", "--range", "0.5:2", "--jobs", "2", "--quiet"]
        // Run in the scratch folder: saturation.csv goes to its runs/.
        let selector = try CLIRunner.run(common + ["--scale", "segments[id=seg]"], in: scratch.root)
        let dotted = try CLIRunner.run(common + ["--scale", "segments.seg"], in: scratch.root)
        #expect(selector.status == 0 && dotted.status == 0, "\(selector.stderr) \(dotted.stderr)")
        #expect(!selector.stdout.isEmpty && selector.stdout == dotted.stdout)
    }

    /// Each misuse, with a fragment of the message it must give. `MODEL`, `POLICIES` and
    /// `OUT` stand for the scratch model, the model with a policy and a fresh folder.
    static let usageErrors: [([String], String)] = [
        (["run", "MODEL", "--out", ""], "--out is empty"),
        (["run", "MODEL", "--out", "  "], "--out is empty"),
        (["compare", "POLICIES", "--out", ""], "--out is empty"),
        (["sweep", "MODEL", "--vary", "pools.web.servers=1,2", "--out", ""], "--out is empty"),
        (["estimate", "MODEL", "--out", ""], "--out is empty"),
        (["merge", "OUT", "--out", ""], "--out is empty"),
        (["compare", "POLICIES", "--metric", "x@@y", "--out", "OUT"], "--metric x@@y: `x` is not a summary metric of the catalogue"),
        (["compare", "POLICIES", "--metric", "utilization@@web", "--out", "OUT"], "`@web` is not an entity"),
        (["compare", "POLICIES", "--metric", "utilization", "--out", "OUT"], "--metric utilization: expected metric@entity"),
        (["compare", "POLICIES", "--metric", "utilization@nope", "--out", "OUT"], "--metric utilization@nope: the model has no entity `nope`"),
        (["compare", "POLICIES", "--metric", "utilization@lms", "--out", "OUT"], "`lms` (a platform) does not report `utilization`"),
        (["compare", "POLICIES", "--metric", "share_in_by_1200@seg", "--out", "OUT"], "`share_in_by_1200` is not reported by this model"),
        (["compare", "MODEL", "--out", "OUT"], "declares no policies, so there is nothing to compare"),
        (["sweep", "MODEL", "--vary", "pools.web.servers=1,2", "--vary", "pools[id=web].servers=3", "--out", "OUT"],
         "--vary pools[id=web].servers is given twice (also as pools.web.servers)"),
        (["sweep", "MODEL", "--vary", "demand_scale=1,2", "--vary", "demand_scale=3", "--out", "OUT"], "--vary demand_scale is given twice"),
        (["sweep", "MODEL", "--vary", "pools.web.servers=1,2", "--set", "pools[id=web].servers=3", "--out", "OUT"],
         "--vary pools.web.servers is also fixed by --set pools[id=web].servers"),
        (["capacity", "MODEL", "--resource", "pools.web.servers", "--slo", "utilization <= 50%", "--set", "pools[id=web].servers=3"],
         "--resource pools.web.servers is also fixed by --set pools[id=web].servers"),
        (["capacity", "MODEL", "--resource", "pools.web.servers=3", "--slo", "utilization <= 50%"], "--resource pools.web.servers=3: expected a path without a value"),
        (["capacity", "MODEL", "--resource", "pools.web.servers", "--slo", "utilization <= 50%", "--set", "servers"], "--set servers: expected path=value"),
        (["saturation", "MODEL", "--set", "servers"], "--set servers: expected path=value"),
        (["estimate", "MODEL", "--set", "=3", "--out", "OUT"], "--set =3: expected path=value"),
        (["validate", "MODEL", "--set", "servers"], "--set servers: expected path=value"),
        (["run", "MODEL", "--set", "[id=web]", "--out", "OUT"], "--set [id=web]: expected path=value"),
        (["sweep", "MODEL", "--vary", "pools.web.servers=1,2", "--metric", "utilization[nope]", "--out", "OUT"],
         "--metric utilization[nope]: the model has no entity `nope`"),
        (["sweep", "MODEL", "--vary", "pools.web.servers=1,2", "--metric", "utilization[lms]", "--out", "OUT"],
         "--metric utilization[lms]: `lms` (a platform) does not report `utilization`"),
        (["capacity", "MODEL", "--resource", "pools.web.servers", "--slo", "utilization[lms] <= 10%"],
         "--slo utilization[lms] <= 10%: `lms` (a platform) does not report `utilization`"),
        (["capacity", "MODEL", "--resource", "pools.web.servers", "--slo", "saturated[seg] <= 0"], "`seg` (a segment) does not report `saturated`"),
        (["saturation", "MODEL", "--slo", "p95_response_s[nope] <= 1s"], "the model has no entity `nope`"),
        (["saturation", "MODEL", "--scale", "segments[id=nope]"], "--scale segments[id=nope]: no such segment in tiny (expected one of seg)"),
        (["saturation", "MODEL", "--scale", "segments[0]"], "--scale segments[0]: expected demand, segments, segments.<id>"),
        (["saturation", "MODEL", "--scale", "segments.seg.size"], "--scale segments.seg.size: expected demand, segments, segments.<id>"),
    ]

    @Test("each misuse is a usage error (64) that names the option, and writes nothing", arguments: usageErrors.indices)
    func usageError(index: Int) throws {
        let scratch = try Scratch("usage-\(index)")
        defer { scratch.remove() }
        let (template, message) = Self.usageErrors[index]
        let out = scratch.root.appendingPathComponent("out").path
        let arguments = template.map { $0 == "MODEL" ? scratch.model : $0 == "POLICIES" ? scratch.withPolicies : $0 == "OUT" ? out : $0 }
        let outcome = try CLIRunner.run(arguments, in: scratch.empty)
        #expect(outcome.status == 64, "\(arguments): \(outcome.status) \(outcome.stderr)")
        #expect(outcome.stderr.contains(message), "\(arguments): \(outcome.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.empty.path).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// Mistakes that only the scenario can reveal: a located error (exit 1), never exit 0.
    static let scenarioErrors: [([String], String)] = [
        (["run", "MODEL", "--set", "extends=base.yaml", "--out", "OUT"], "--set #1:1:1: error: override `extends`: `extends` cannot be overridden"),
        (["run", "MODEL", "--set", "version=2", "--out", "OUT"], "--set #1:1:1: error: override `version`: `version` cannot be overridden"),
        (["validate", "MODEL", "--set", "extends=base.yaml"], "--set #1:1:1: error: override `extends`"),
        (["run", "MODEL", "--set", "segments[id=seg.active_share=80%", "--out", "OUT"], "--set #1:1:9: error: missing `]` in path `segments[id=seg.active_share`"),
        (["sweep", "MODEL", "--vary", "pools[id=wbe].servers=2,4", "--out", "OUT"], "no item with id `wbe` in `pools`; did you mean `web`?"),
        (["validate", "EXPECT"], "tiny.yaml:12:5: error: expectation 1 (`peak_active_sessions`): `web` is not a platform"),
        (["validate", "PRIORITY"], "tiny.yaml:12:23: error: priority gate `g` reserves nothing"),
    ]

    @Test("an override or model that cannot apply is a located error", arguments: scenarioErrors.indices)
    func scenarioError(index: Int) throws {
        let scratch = try Scratch("scenario-\(index)")
        defer { scratch.remove() }
        let (template, message) = Self.scenarioErrors[index]
        let out = scratch.root.appendingPathComponent("out").path
        if template.contains("EXPECT") {
            try (Scratch.text + "expect:\n  - {metric: peak_active_sessions, entity: web, value: 3}\n")
                .write(toFile: scratch.model, atomically: true, encoding: .utf8)
        }
        if template.contains("PRIORITY") {
            try (Scratch.text + "gates:\n  - {id: g, priority: []}\n").write(toFile: scratch.model, atomically: true, encoding: .utf8)
        }
        let arguments = template.map { ["MODEL", "EXPECT", "PRIORITY"].contains($0) ? scratch.model : $0 == "OUT" ? out : $0 }
        let outcome = try CLIRunner.run(arguments, in: scratch.empty)
        #expect(outcome.status == 1, "\(arguments): \(outcome.status) \(outcome.stderr)")
        #expect(outcome.stderr.contains(message), "\(arguments): \(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
