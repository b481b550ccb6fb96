import Foundation
import Testing
@testable import Experiments
import Scenario

@Suite("sweep plans")
struct SweepPlanTests {
    @Test("lists and ranges parse; bad ones say why")
    func parameters() throws {
        let list = try SweepParameter(parsing: "gates.quota_idf.session_cap.max_sessions=20k,30k, 40k")
        #expect(list.values == ["20k", "30k", "40k"])
        let range = try SweepParameter(parsing: "pools.ode_idf.servers=16:32:4")
        #expect(range.values == ["16", "20", "24", "28", "32"])
        let fractional = try SweepParameter(parsing: "demand_scale=0.8:1.2:0.1")
        #expect(fractional.values == ["0.8", "0.9", "1", "1.1", "1.2"])
        #expect(throws: SweepError.self) { try SweepParameter(parsing: "pools.x.servers") }
        #expect(throws: SweepError.self) { try SweepParameter(parsing: "pools.x.servers=32:16:4") }
        #expect(throws: SweepError.self) { try SweepParameter(parsing: "pools.x.servers=1,,2") }
        #expect(throws: SweepError.self) { try SweepParameter(parsing: "pools.x.servers=1:4:0") }
    }

    @Test("a range of more steps than an Int holds, or with infinite ends, is an error, never a trap", arguments: [
        "pools.x.servers=0:1e300:1e-300", "pools.x.servers=-1e308:1e308:1", "pools.x.servers=0:inf:1",
        "pools.x.servers=-inf:0:1", "pools.x.servers=nan:1:1", "pools.x.servers=0:1:1e-5",
    ])
    func hugeRanges(spec: String) {
        let error = #expect(throws: SweepError.self) { try SweepParameter(parsing: spec) }
        #expect(error?.description.contains("expected at most 10000") == true || error?.description.contains("finite") == true,
                "\(String(describing: error))")
    }

    @Test("an [id=…] selector stays in the path; the values start after its =", arguments: [
        ("pools[id=web].servers=2,4", "pools[id=web].servers", ["2", "4"]),
        ("segments[id=seg].active_share=60%, 80%", "segments[id=seg].active_share", ["60%", "80%"]),
        ("segments[id=a].intent.bumps[0].at=08:00,08:30", "segments[id=a].intent.bumps[0].at", ["08:00", "08:30"]),
        ("gates[id=cap].session_cap.max_sessions=100:300:100", "gates[id=cap].session_cap.max_sessions", ["100", "200", "300"]),
    ])
    func selectors(text: String, path: String, values: [String]) throws {
        let parameter = try SweepParameter(parsing: text)
        #expect(parameter.path == path && parameter.values == values)
    }

    @Test("the grid varies the first parameter slowest and numbers items point-major")
    func grid() throws {
        let plan = SweepPlan.grid([SweepParameter(path: "a", values: ["1", "2"]), SweepParameter(path: "b", values: ["x", "y", "z"])],
                                  replications: 3, metrics: [])
        #expect(plan.points == [["1", "x"], ["1", "y"], ["1", "z"], ["2", "x"], ["2", "y"], ["2", "z"]])
        #expect(plan.itemCount == 18)
        #expect(plan.item(7) == (2, 1))
    }

    @Test("a Latin hypercube uses every stratum of every parameter once, the same for the same seed")
    func latinHypercube() throws {
        let a = try SweepParameter(parsing: "a=0:100:1")
        let b = SweepParameter(path: "b", values: (0..<10).map(String.init))
        let points = LatinHypercube.sample([a, b], samples: 10, seed: 7)
        #expect(points == LatinHypercube.sample([a, b], samples: 10, seed: 7))
        #expect(points != LatinHypercube.sample([a, b], samples: 10, seed: 8))
        // Values 0…100 are indices 0…100: stratum k holds indices [10.1k, 10.1(k + 1)).
        let strataA = Set(points.map { Int(Double($0[0])! * 10 / 101) })
        #expect(strataA.count == 10)
        #expect(Set(points.map { $0[1] }).count == 10)
    }

    @Test("demand scaling multiplies sizes and rates, and rejects unknown ids")
    func demandScale() throws {
        let text = try TempModel.edited(TempModel.platform, [])
        let scenario = try ScenarioLoader.load(text: text, path: "tiny.yaml")
        let scaled = try DemandScale("segments.pupils").apply(1.5, to: scenario)
        #expect(scaled.segments[0].size == 4500)
        #expect(throws: SweepError.self) { try DemandScale("segments.nobody").apply(2, to: scenario) }
        #expect(throws: SweepError.self) { try DemandScale("pools") }
    }
}

@Suite("sweeps: common random numbers, jobs and shards")
struct SweepRunTests {
    static func plan() throws -> (SweepPlan, [Scenario]) {
        let text = try TempModel.edited(try TempModel.model("validation/mm1.yaml"), [("duration: 200h", "duration: 2h"), ("warmup: 5h", "warmup: 10min")])
        let path = try TempModel.write(text)
        let plan = SweepPlan.grid([try SweepParameter(parsing: "demand_scale=0.5,0.8"), try SweepParameter(parsing: "pools.server.servers=1,2")],
                                  replications: 3, metrics: [MetricSelector(metric: "mean_wait"), MetricSelector(metric: "utilization")])
        let scenarios = try Sweep.scenarios(plan) { try ScenarioLoader.load(path: path, overrides: $0) }
        return (plan, scenarios)
    }

    @Test("a sweep whose figures cannot be held is refused before any work item is listed")
    func heldFiguresBound() throws {
        let path = try TempModel.write(try TempModel.model("validation/mm1.yaml"))
        let plan = SweepPlan.grid([try SweepParameter(parsing: "pools.server.servers=1,2")], replications: 1_000_000_000,
                                  metrics: [MetricSelector(metric: "mean_wait")])
        let error = #expect(throws: SweepError.self) { try Sweep.scenarios(plan) { try ScenarioLoader.load(path: path, overrides: $0) } }
        #expect(error?.description.contains("2 points × 1000000000 replications × 1 metrics") == true, "\(String(describing: error))")
    }

    @Test("shards merged through their folders equal the whole sweep, bit for bit, whatever --jobs is")
    func shardsMerge() throws {
        let (plan, scenarios) = try Self.plan()
        let whole = try Sweep.aggregate(plan, items: try Sweep.runItems(plan, scenarios: scenarios, seed: nil, jobs: 1))
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("affluence-sweep-shards-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        var folders: [URL] = []
        for i in [2, 0, 1] {
            let shard = try Shard(index: i, count: 3)
            let items = try Sweep.runItems(plan, scenarios: scenarios, shard: shard, seed: nil, jobs: 2)
            let manifest = ShardManifest(command: .sweep, shard: shard, items: plan.itemCount, affluenceVersion: "test",
                                         commandLine: ["affluence", "sweep"], scenarioPath: "m.yaml", scenarioSHA256: "",
                                         scenarioName: "mm1", overrides: [], policies: ["base"], seed: 1,
                                         replications: plan.replications, csvDialect: "standard", startClock: 0, plan: plan)
            let folder = root.appendingPathComponent("shard-\(i)")
            _ = try ShardFolder.write(manifest, ShardResults(sweepItems: items), to: folder)
            folders.append(folder)
        }
        let gathered = try MergedShards.gather(folders)
        #expect(gathered.manifest.plan == plan)
        let merged = try Sweep.aggregate(plan, items: gathered.sweepItems)
        #expect(merged.cells.count == whole.cells.count)
        #expect(merged.cells.count == 4 * 2)
        for (a, b) in zip(merged.cells, whole.cells) {
            #expect(a.point == b.point && a.entity == b.entity && a.metric == b.metric)
            #expect(a.estimate.mean.bitPattern == b.estimate.mean.bitPattern)
            #expect(a.estimate.halfWidth.bitPattern == b.estimate.halfWidth.bitPattern)
        }
        // More demand on the same days waits longer; a second server waits less (common random numbers).
        let wait = { (p: Int) in whole.cells.first { $0.point == p && $0.metric == "mean_wait" }!.estimate.mean }
        #expect(wait(0) > wait(1) && wait(2) > wait(3) && wait(2) > wait(0))
        #expect(throws: MergeError.self) { try MergedShards.gather(Array(folders.prefix(2))) }
        #expect(throws: MergeError.self) { try MergedShards.gather(folders + [folders[0]]) }
    }
}
