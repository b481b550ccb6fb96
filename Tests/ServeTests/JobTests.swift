import Experiments
import Foundation
import Scenario
import Testing
@testable import Serve

/// The job queue, the twin's answers and saved scenarios, over HTTP.
@Suite("serve: jobs, twin and saved scenarios", .serialized)
struct JobTests {
    @Test("the twin answers per platform with an onset that moves with the knobs")
    func twin() async throws {
        let server = try await TestServer()
        let few = try await server.get("/api/models/small/twin?servers=1")
        let many = try await server.get("/api/models/small/twin?servers=20")
        #expect(few.status == 200 && many.status == 200)
        let fewGroups = try #require(few.json["groups"] as? [[String: Any]])
        let manyGroups = try #require(many.json["groups"] as? [[String: Any]])
        #expect(fewGroups.first?["id"] as? String == "ent")
        #expect(fewGroups.first?["onset"] as? String != nil, "one server is overloaded: \(few.text.prefix(300))")
        #expect(manyGroups.first?["onset"] == nil || manyGroups.first?["onset"] is NSNull)
        #expect((fewGroups.first?["svg"] as? String)?.hasPrefix("<svg") == true)
        await server.stop()
    }

    @Test("a simulation writes the run folder `affluence run` writes, and a zip of it")
    func simulate() async throws {
        let server = try await TestServer()
        let started = try await server.post("/api/models/small/simulate", "servers=3&share=60&seed=9&replications=2")
        let id = try #require(started.json["id"] as? String, "\(started.text)")
        let done = try await server.wait(job: id)
        #expect(done["state"] as? String == "done", "\(done)")
        #expect((done["files"] as? [String])?.contains("timeseries.csv") == true)
        #expect((done["command"] as? String)?.contains("--set pools.web.servers=3 --set segments.pupils.active_share=60% --set seed=9 --set replications=2") == true,
                "\(done)")
        // The same composition through the library gives the same bytes.
        let path = server.folder.appendingPathComponent("models/small.yaml").path
        let scenario = try ScenarioLoader.load(path: path, overrides: [
            Override(path: "pools.web.servers", value: "3"), Override(path: "segments.pupils.active_share", value: "60%"),
            Override(path: "seed", value: "9"), Override(path: "replications", value: "2")])
        let runs = try Replications.run(scenario, count: 2)
        let records = runs.enumerated().map { ReplicationRecord($1, replication: $0) }
        let manifest = RunOutput.manifest(scenario: scenario, scenarioPath: path, seed: 9, replications: 2, dialect: .standard, commandLine: [])
        let here = server.folder.appendingPathComponent("direct")
        _ = try RunOutput(manifest: manifest, startClock: scenario.start, records: records, scenario: scenario).write(to: here, dialect: .standard)
        let served = try await server.get("/api/jobs/\(id)/files/timeseries.csv")
        #expect(served.body == (try Data(contentsOf: here.appendingPathComponent("timeseries.csv"))))
        let zip = try await server.get("/api/jobs/\(id)/download.zip")
        #expect(zip.status == 200 && zip.body.prefix(2) == Data("PK".utf8))
        await server.stop()
    }

    @Test("a full queue refuses (429), cancel stops a job, an unwatched job is cancelled")
    func queue() async throws {
        let slow = TestServer.model.replacingOccurrences(of: "size: 3k", with: "size: 100k").replacingOccurrences(of: "end: 09:00", with: "end: 10:30")
        let server = try await TestServer(jobs: 1, maxQueued: 1, grace: 1, models: ["slow.yaml": slow])
        let first = try await server.post("/api/models/slow/simulate", "replications=20&servers=20")
        let second = try await server.post("/api/models/slow/simulate", "replications=20&servers=20")
        let third = try await server.post("/api/models/slow/simulate", "replications=20&servers=20")
        #expect(first.status == 202 && second.status == 202)
        #expect(third.status == 429, "\(third.status) \(third.text)")
        let firstID = try #require(first.json["id"] as? String)
        let secondID = try #require(second.json["id"] as? String)
        let cancelled = try await server.post("/api/jobs/\(firstID)/cancel", "")
        #expect(cancelled.status == 200)
        let firstEnd = try await server.wait(job: firstID)
        #expect(firstEnd["state"] as? String == "cancelled", "\(firstEnd)")
        // Nobody polls the second job: it is cancelled after the grace period.
        try await Task.sleep(for: .seconds(3))
        let secondEnd = try await server.get("/api/jobs/\(secondID)").json
        #expect(secondEnd["state"] as? String == "cancelled", "\(secondEnd)")
        #expect((secondEnd["message"] as? String)?.contains("no page has watched it") == true)
        await server.stop()
    }

    @Test("a comparison of two settings pairs their runs")
    func compare() async throws {
        let server = try await TestServer()
        let body = "setting=" + "servers=2".addingPercentEncoding(withAllowedCharacters: .alphanumerics)! + "&setting=" + "servers=6".addingPercentEncoding(withAllowedCharacters: .alphanumerics)! + "&replications=3"
        let started = try await server.post("/api/models/small/compare", body)
        let id = try #require(started.json["id"] as? String, "\(started.text)")
        let done = try await server.wait(job: id)
        #expect(done["state"] as? String == "done", "\(done)")
        let csv = try await server.get("/api/jobs/\(id)/files/comparison.csv")
        #expect(csv.text.contains("setting-2") && csv.text.contains("servers=6"))
        let one = try await server.post("/api/models/small/compare", "setting=servers%3D2&replications=3")
        #expect(one.status == 400)
        await server.stop()
    }

    @Test("Save as scenario writes a file that extends the model and loads to the same setting")
    func save() async throws {
        let server = try await TestServer()
        let saved = try await server.post("/api/models/small/save", "servers=7&share=55&policy=bigger&seed=4&save_as=my-setting")
        #expect(saved.status == 201, "\(saved.text)")
        let path = try #require(saved.json["path"] as? String)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("extends: small.yaml") && text.contains("pools.web.servers: 7"))
        let scenario = try ScenarioLoader.load(path: path, policy: "bigger")
        #expect(scenario.pool("web")?.servers == 8)  // the policy wins, as with --set then --policy
        #expect(scenario.segment("pupils")?.activeShare == 0.55 && scenario.seed == 4 && scenario.name == "Small")
        #expect((saved.json["command"] as? String)?.hasSuffix("my-setting.yaml --policy bigger") == true)
        let again = try await server.post("/api/models/small/save", "servers=7&save_as=my-setting")
        #expect(again.status == 409)
        await server.stop()
    }
}
