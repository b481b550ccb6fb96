import Foundation
import Output
import Testing

/// `--shard i/N` and `affluence merge`: three shards merged equal the unsharded run, compare
/// or sweep byte for byte; shards that do not belong together are refused by name.
@Suite("affluence run/compare/sweep --shard and affluence merge, end to end")
struct ShardMergeTests {
    /// A temporary folder per test, removed afterwards.
    final class Scratch {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("affluence-shard-\(UUID().uuidString)")
        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
        deinit { try? FileManager.default.removeItem(at: url) }
    }

    /// Where the unsharded command and the merge write. The same last component: a compare's
    /// report.html names its folder (it has no scenario file to name when it is built).
    static let whole = "unsharded/out"
    static let merged = "merged/out"

    /// The M/M/c/K model cut short; 5 replications make shards of 2, 2 and 1.
    static func runArguments(replications: Int = 5, seed: Int = 3) -> [String] {
        ["run", "models/validation/mmck.yaml", "--replications", String(replications), "--seed", String(seed),
         "--set", "duration=20h", "--jobs", "2", "--quiet"]
    }

    /// A small platform with a session cap and three policies (from the compare tests).
    static let compareModel = """
        version: 1
        name: crn
        start: 07:00
        end: 09:30
        report_interval: 5min
        replications: 4
        seed: 5
        behaviours:
          - {id: b, pages_per_session: exponential(mean: 4), think_time: exponential(mean: 30s), requests_per_page: 2, login_cost: 2,
             client_timeout: 30s, patience: exponential(mean: 20min), retry_delay: exponential(mean: 1min), retry_probability: 100%}
        segments:
          - {id: pupils, size: 5000, active_share: 80%, platforms: web, behaviour: b, intent: {bumps: [{at: 08:15, sd: 20min}]}}
        platforms:
          - {id: web, pools: web, gate: [cap]}
        pools:
          - {id: web, servers: 2, workers_per_server: 2, queue_limit: 200, service_time: exponential(mean: 50ms)}
        gates:
          - {id: cap, session_cap: {max_sessions: 80, refusal: edge}}
          - {id: room, waiting_room: {order: fifo, outflow: slot_freed, capacity: 80, shows_wait: true}}
        policies:
          bigger: {set: {gates.cap.session_cap.max_sessions: 95}}
          room: {set: {platforms.web.gate: [room]}}
        """

    /// A sweep of the M/M/c/K model cut to 3 hours: 2 server counts × 3 demand scales, 2
    /// replications each (12 items: shards of 4).
    static func sweepArguments(model: String = "models/validation/mmck.yaml", scales: String = "0.8,1,1.2", seed: Int = 3) -> [String] {
        ["sweep", model, "--vary", "pools.servers.servers=3,4", "--vary", "demand_scale=" + scales,
         "--replications", "2", "--seed", String(seed), "--set", "duration=3h", "--jobs", "2", "--quiet"]
    }

    /// The same sweep as a seeded Latin hypercube of 5 points over two ranges, with chosen metrics.
    static let hypercubeArguments = ["sweep", "models/validation/mmck.yaml", "--vary", "pools.servers.servers=3:5:1",
                                     "--vary", "demand_scale=0.7:1.3:0.1", "--samples", "5", "--replications", "2",
                                     "--seed", "11", "--set", "duration=3h", "--metric", "mean_wait[servers]",
                                     "--metric", "p_blocked", "--jobs", "2", "--quiet"]

    @Test("three sweep shards merged equal the unsharded sweep, byte for byte (grid and Latin hypercube)",
          arguments: [sweepArguments(), hypercubeArguments])
    func sweepShardsMergeExactly(arguments: [String]) throws {
        let scratch = Scratch()
        try expectSuccess(arguments + ["--out", scratch.path(Self.whole)])
        for i in 0..<3 {
            try expectSuccess(arguments + ["--out", scratch.path("shard\(i)"), "--shard", "\(i)/3"])
            let files = try FileManager.default.contentsOfDirectory(atPath: scratch.path("shard\(i)")).sorted()
            #expect(files == ["results.json", "shard.json"], "shard \(i) holds \(files)")
        }
        // Any order of the folders; the merge prints the table the unsharded sweep prints.
        let merge = try CLIRunner.run(["merge", scratch.path("shard1"), scratch.path("shard2"), scratch.path("shard0"),
                                       "--out", scratch.path(Self.merged)])
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(merge.stdout.contains("Sweep on common random numbers, 2 replications per point"), "\(merge.stdout)")
        #expect(merge.stdout.contains("merged 3 shard(s) of `sweep models/validation/mmck.yaml`"), "\(merge.stdout)")
        try expectSameFolders(scratch, expected: ["manifest.json", "report.html", "sweep.csv"])
        let csv = try String(contentsOfFile: scratch.path(Self.merged + "/sweep.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("point,pools.servers.servers,demand_scale,metric,"), "\(csv.prefix(80))")
    }

    @Test("sweep shards that do not make one whole, or a run shard among them, are refused, naming what is wrong")
    func mismatchedSweepShardsAreRefused() throws {
        let scratch = Scratch()
        try FileManager.default.createDirectory(at: scratch.url, withIntermediateDirectories: true)
        // A copy of the model, to change it after the shards ran.
        let model = scratch.path("mmck.yaml")
        try FileManager.default.copyItem(atPath: CLIRunner.repositoryRoot.appendingPathComponent("models/validation/mmck.yaml").path,
                                         toPath: model)
        let arguments = Self.sweepArguments(model: model)
        for i in 0..<3 {
            try expectSuccess(arguments + ["--out", scratch.path("shard\(i)"), "--shard", "\(i)/3"])
        }
        try expectSuccess(Self.sweepArguments(model: model, seed: 4) + ["--out", scratch.path("seed4"), "--shard", "1/3"])
        try expectSuccess(arguments + ["--out", scratch.path("of2"), "--shard", "1/2"])
        try expectSuccess(Self.sweepArguments(model: model, scales: "0.8,1.1,1.2") + ["--out", scratch.path("values"), "--shard", "1/3"])
        try expectSuccess(Self.runArguments(replications: 3) + ["--out", scratch.path("run1"), "--shard", "1/3"])
        try expectSuccess(arguments + ["--out", scratch.path(Self.whole)])
        let (s0, s1, s2) = (scratch.path("shard0"), scratch.path("shard1"), scratch.path("shard2"))
        let cases: [([String], String)] = [
            ([s0, s2], "missing shard(s) 1/3 of sweep"),
            ([s0, s1, s2, s2], "shard 2/3 given twice"),
            ([s0, scratch.path("seed4"), s2], "seed is 4, there 3"),
            ([s0, scratch.path("of2"), s2], "shard_count is 2, there 3"),
            ([s0, scratch.path("values"), s2], "point 2 is [\"3\", \"1.1\"], there [\"3\", \"1\"]"),
            ([s0, scratch.path("run1"), s2], "command is run, there sweep"),
            ([s0, s1, scratch.path(Self.whole)], "no shard.json"),
        ]
        for (folders, message) in cases {
            let outcome = try CLIRunner.run(["merge"] + folders + ["--out", scratch.path(Self.merged)])
            #expect(outcome.status == 1, "merge \(folders): \(outcome.stderr)")
            #expect(outcome.stderr.contains(message), "merge \(folders): expected “\(message)” in: \(outcome.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.path(Self.merged)))

        // A shard of the same sweep on an edited model: refused by its hash.
        let original = try String(contentsOfFile: model, encoding: .utf8)
        try (original + "# edited\n").write(toFile: model, atomically: true, encoding: .utf8)
        try expectSuccess(arguments + ["--out", scratch.path("edited"), "--shard", "1/3"])
        let mixed = try CLIRunner.run(["merge", s0, scratch.path("edited"), s2, "--out", scratch.path(Self.merged)])
        #expect(mixed.status == 1)
        #expect(mixed.stderr.contains("scenario_sha256 is"), "\(mixed.stderr)")
        // The shards agree, but the model changed since they ran: the merged manifest would lie.
        let changed = try CLIRunner.run(["merge", s0, s1, s2, "--out", scratch.path(Self.merged)])
        #expect(changed.status == 1)
        #expect(changed.stderr.contains("the model file changed since the shards ran"), "\(changed.stderr)")
        try original.write(toFile: model, atomically: true, encoding: .utf8)

        // Results tampered with: an item of another shard, then an item claiming another point.
        // shard.json's SHA-256 of results.json refuses both; behind a shard.json made to
        // match (a writer bug), the items' own checks refuse them too.
        let results = URL(fileURLWithPath: s1).appendingPathComponent("results.json")
        let text = try String(contentsOf: results, encoding: .utf8)
        #expect(text.contains("\"item\":1,"), "\(text.prefix(200))")
        try text.replacingOccurrences(of: "\"item\":1,", with: "\"item\":2,").write(to: results, atomically: true, encoding: .utf8)
        let unsealed = try CLIRunner.run(["merge", s0, s1, s2, "--out", scratch.path(Self.merged)])
        #expect(unsealed.status == 1)
        #expect(unsealed.stderr.contains("\(s1)/results.json: its SHA-256 is"), "\(unsealed.stderr)")
        try ShardSeal.reseal(s1)
        let moved = try CLIRunner.run(["merge", s0, s1, s2, "--out", scratch.path(Self.merged)])
        #expect(moved.status == 1)
        #expect(moved.stderr.contains("holds items [2, 4, 7, 10] but shard 1/3 of 12 owns [1, 4, 7, 10]"), "\(moved.stderr)")
        try text.replacingOccurrences(of: "\"point\":0,", with: "\"point\":1,").write(to: results, atomically: true, encoding: .utf8)
        try ShardSeal.reseal(s1)
        let repointed = try CLIRunner.run(["merge", s0, s1, s2, "--out", scratch.path(Self.merged)])
        #expect(repointed.status == 1)
        #expect(repointed.stderr.contains("item 1 says point 2, replication 2 (expected point 1, replication 2 of the plan)"), "\(repointed.stderr)")
        // Put back, the same folders merge.
        try text.write(to: results, atomically: true, encoding: .utf8)
        try ShardSeal.reseal(s1)
        try expectSuccess(["merge", s0, s1, s2, "--out", scratch.path(Self.merged), "--quiet"])
    }

    @Test("three run shards merged equal the unsharded run, byte for byte", arguments: ["standard", "excel-fr"])
    func runShardsMergeExactly(dialect: String) throws {
        let scratch = Scratch()
        let arguments = Self.runArguments() + ["--csv-dialect", dialect]
        try expectSuccess(arguments + ["--out", scratch.path(Self.whole)])
        for i in 0..<3 {
            try expectSuccess(arguments + ["--out", scratch.path("shard\(i)"), "--shard", "\(i)/3"])
        }
        // Any order of the folders.
        try expectSuccess(["merge", scratch.path("shard2"), scratch.path("shard0"), scratch.path("shard1"),
                           "--out", scratch.path(Self.merged), "--quiet"])
        try expectSameFolders(scratch, expected: ["manifest.json", "report.html", "series-pool.csv", "series-segment.csv", "summary.csv",
                                                       "timeseries-wide.csv", "timeseries.csv"])
    }

    @Test("three compare shards merged equal the unsharded comparison, byte for byte, each policy over the day included",
          arguments: ["standard", "excel-fr"])
    func compareShardsMergeExactly(dialect: String) throws {
        let scratch = Scratch()
        try FileManager.default.createDirectory(at: scratch.url, withIntermediateDirectories: true)
        let model = scratch.path("crn.yaml")
        try Self.compareModel.write(toFile: model, atomically: true, encoding: .utf8)
        let arguments = ["compare", model, "--replications", "4", "--seed", "2", "--baseline", "room", "--jobs", "2", "--quiet",
                         "--csv-dialect", dialect]
        try expectSuccess(arguments + ["--out", scratch.path(Self.whole)])
        for i in 0..<3 {
            try expectSuccess(arguments + ["--out", scratch.path("shard\(i)"), "--shard", "\(i)/3"])
        }
        // A shard keeps each item's series at the report interval, not its events: small.
        let results = try Data(contentsOf: URL(fileURLWithPath: scratch.path("shard0/results.json")))
        #expect(results.count < 40_000, "shard 0's results.json is \(results.count) bytes")
        try expectSuccess(["merge", scratch.path("shard0"), scratch.path("shard1"), scratch.path("shard2"),
                           "--out", scratch.path(Self.merged), "--quiet"])
        try expectSameFolders(scratch, expected: ["comparison.csv", "manifest.json", "report.html", "series-policies.csv"])
        let comparison = try String(contentsOfFile: scratch.path(Self.merged + "/comparison.csv"), encoding: .utf8)
        #expect(comparison.contains("bigger") && comparison.contains("room"))
        let series = try CSVReader.table(at: URL(fileURLWithPath: scratch.path(Self.merged + "/series-policies.csv")))
        #expect(Set(series.records.compactMap { $0.text("policy") }) == ["base", "bigger", "room"])
        #expect(Set(series.records.compactMap { $0.text("metric") }) == ["first_ins", "refused", "error_share"])
        #expect(series.records.first?.text("interval_start_clock") == "07:00")
    }

    @Test("shards that do not make one whole are refused, naming what is wrong")
    func mismatchedShardsAreRefused() throws {
        let scratch = Scratch()
        for i in 0..<3 {
            try expectSuccess(Self.runArguments(replications: 3) + ["--out", scratch.path("shard\(i)"), "--shard", "\(i)/3"])
        }
        try expectSuccess(Self.runArguments(replications: 3, seed: 4) + ["--out", scratch.path("seed4"), "--shard", "1/3"])
        try expectSuccess(Self.runArguments(replications: 3) + ["--out", scratch.path("of2"), "--shard", "1/2"])
        try expectSuccess(Self.runArguments(replications: 3) + ["--out", scratch.path(Self.whole)])
        let (s0, s1, s2) = (scratch.path("shard0"), scratch.path("shard1"), scratch.path("shard2"))
        let cases: [([String], String)] = [
            ([s0, s2], "missing shard(s) 1/3"),
            ([s0, s1, s1, s2], "shard 1/3 given twice"),
            ([s0, scratch.path("seed4"), s2], "seed is 4, there 3"),
            ([s0, scratch.path("of2"), s2], "shard_count is 2, there 3"),
            ([s0, s1, scratch.path(Self.whole)], "no shard.json"),
            ([s0, s1, scratch.path("absent")], "absent: no shard.json"),
        ]
        for (folders, message) in cases {
            let outcome = try CLIRunner.run(["merge"] + folders + ["--out", scratch.path(Self.merged)])
            #expect(outcome.status == 1, "merge \(folders): \(outcome.stderr)")
            #expect(outcome.stderr.contains(message), "merge \(folders): expected “\(message)” in: \(outcome.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.path(Self.merged)))
        // A shard whose results were tampered with (an item of another shard) is caught too.
        let results = URL(fileURLWithPath: s1).appendingPathComponent("results.json")
        let text = try String(contentsOf: results, encoding: .utf8)
        try text.replacingOccurrences(of: "\"replication\":1", with: "\"replication\":2").write(to: results, atomically: true, encoding: .utf8)
        try ShardSeal.reseal(s1)
        let tampered = try CLIRunner.run(["merge", s0, s1, s2, "--out", scratch.path(Self.merged)])
        #expect(tampered.status == 1)
        #expect(tampered.stderr.contains("holds items [2] but shard 1/3 of 3 owns [1]"), "\(tampered.stderr)")
    }

    @Test("a bad --shard is a usage error (exit 64)", arguments: [
        (["run", "models/validation/mmck.yaml", "--shard", "3/3"], "between 0 and 2"),
        (["run", "models/validation/mmck.yaml", "--shard", "1-3"], "expected i/N"),
        (["compare", "models/validation/mmck.yaml", "--precision", "5%", "--shard", "0/2"], "fixed number of replications"),
        (["merge", "--out", "x"], "give the shard folders"),
    ])
    func badShardArgument(arguments: [String], message: String) throws {
        let outcome = try CLIRunner.run(arguments)
        #expect(outcome.status == 64, "\(outcome.stderr)")
        #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
    }

    private func expectSuccess(_ arguments: [String]) throws {
        let outcome = try CLIRunner.run(arguments)
        #expect(outcome.status == 0, "affluence \(arguments.joined(separator: " ")): \(outcome.stderr)")
    }

    /// Every file of whole/ equals merged/'s; in manifest.json only the --out value differs
    /// (the merged manifest's command line is the unsharded command writing to merged/).
    private func expectSameFolders(_ scratch: Scratch, expected: [String]) throws {
        let files = { (name: String) in try FileManager.default.contentsOfDirectory(atPath: scratch.path(name)).sorted() }
        #expect(try files(Self.whole) == expected)
        #expect(try files(Self.merged) == expected)
        for name in expected {
            let whole = try Data(contentsOf: URL(fileURLWithPath: scratch.path(Self.whole + "/" + name)))
            var merged = try Data(contentsOf: URL(fileURLWithPath: scratch.path(Self.merged + "/" + name)))
            if name == "manifest.json" {
                let text = String(decoding: merged, as: UTF8.self)
                #expect(text.contains("\"" + scratch.path(Self.merged) + "\""))
                merged = Data(text.replacingOccurrences(of: scratch.path(Self.merged), with: scratch.path(Self.whole)).utf8)
            }
            #expect(whole == merged, "\(name) differs between the unsharded and the merged folder")
            #expect(whole.count > 200, "\(name) is suspiciously small")
        }
    }
}
