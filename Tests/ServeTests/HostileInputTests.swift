import Foundation
import Testing
@testable import Serve

/// Hostile input gets a clear 4xx, and the server keeps serving after each.
@Suite("serve: hostile input", .serialized)
struct HostileInputTests {
    /// After every refusal the server still answers a plain request.
    func stillServing(_ server: TestServer) async throws {
        let models = try await server.get("/api/models")
        #expect(models.status == 200 && models.text.contains("small"))
    }

    @Test("bad knob values: off the range, off the steps, not a number, unknown knob, twice — each located, by field")
    func badKnobValues() async throws {
        let server = try await TestServer()
        let cases: [(String, String, String)] = [
            ("servers=500", "servers", "\"error\":\"models/small.yaml:16:5: error: knob `servers`: 500 is outside the knob's range 1–20"),
            ("share=12", "share", "error: knob `share`: 12% is not on the knob's steps of 5%"),
            ("servers=abc", "servers", "error: knob `servers`: `abc` is not a value (expected a number from 1 to 20 in steps of 1)"),
            ("servers=nan", "servers", "is not a value"),
            ("policy=..%2Fetc", "policy", "knob `policy`"),
            ("colour=red", "colour", "?colour:1:1: error: unknown knob `colour`"),
            ("servers=2&servers=3", "servers", "given twice"),
            ("replications=0", "replications", "(expected a whole number from 1 to 20)"),
            ("seed=-1", "seed", "is not a seed"),
        ]
        for (query, field, message) in cases {
            let answer = try await server.get("/api/models/small/twin?" + query)
            #expect(answer.status == 400, "\(query): \(answer.status) \(answer.text)")
            #expect(answer.text.contains(message), "\(query): \(answer.text)")
            if !field.isEmpty {
                let fields = answer.json["fields"] as? [[String: Any]] ?? []
                #expect(fields.contains { $0["field"] as? String == field }, "\(query): \(answer.text)")
            }
            let simulate = try await server.post("/api/models/small/simulate", query)
            #expect(simulate.status == 400, "simulate \(query): \(simulate.status)")
        }
        let malformed = try await server.post("/api/models/small/simulate", "servers=%ZZ")
        #expect(malformed.status == 400 && malformed.text.contains("malformed"), "\(malformed.text)")
        try await stillServing(server)
        await server.stop()
    }

    @Test("unknown paths, models and methods are 404 or 405")
    func unknownPaths() async throws {
        let server = try await TestServer()
        for path in ["/nope", "/api/nope", "/m/unknown", "/api/models/unknown", "/api/models/unknown/twin", "/api/jobs/0123456789abcdef",
                     "/api/jobs/zz", "/assets/../Package.swift", "/m/outside"] {
            let answer = try await server.get(path)
            #expect(answer.status == 404, "\(path): \(answer.status)")
        }
        let wrongMethod = try await server.send("/api/models/small/simulate", method: "GET", body: nil, headers: [:])
        #expect((400..<500).contains(wrongMethod.status))
        try await stillServing(server)
        await server.stop()
    }

    @Test("oversized bodies (413) and query strings (414)")
    func oversized() async throws {
        let server = try await TestServer()
        let body = try await server.post("/api/models/small/simulate", "servers=2&pad=" + String(repeating: "x", count: 200_000))
        #expect(body.status == 413, "\(body.status)")
        let query = try await server.get("/api/models/small/twin?servers=2&pad=" + String(repeating: "x", count: 10_000))
        #expect(query.status == 414, "\(query.status)")
        try await stillServing(server)
        await server.stop()
    }

    @Test("`../` names: models, job files and saved scenarios never leave their folder")
    func traversal() async throws {
        let server = try await TestServer()
        for path in ["/api/models/..%2Foutside/twin", "/api/models/..%2F..%2Fetc%2Fpasswd", "/m/..%2Foutside", "/api/models/%2E%2E"] {
            let answer = try await server.get(path)
            #expect(answer.status == 404, "\(path): \(answer.status) \(answer.text)")
        }
        // A finished job's folder lists its files; anything else is no file.
        let started = try await server.post("/api/models/small/simulate", "replications=1")
        #expect(started.status == 202, "\(started.text)")
        let id = try #require(started.json["id"] as? String)
        let done = try await server.wait(job: id)
        #expect(done["state"] as? String == "done", "\(done)")
        for name in ["..%2F..%2Foutside.yaml", "..%2Frun%2Fsummary.csv", "%2Fetc%2Fpasswd", "summary.csv%00"] {
            let answer = try await server.get("/api/jobs/\(id)/files/\(name)")
            #expect(answer.status == 404, "\(name): \(answer.status)")
        }
        #expect(try await server.get("/api/jobs/\(id)/files/summary.csv").status == 200)
        for name in ["..%2Fescape", "a%2Fb", "x.yaml", "", ".hidden"] {
            let answer = try await server.post("/api/models/small/save", "save_as=\(name)")
            #expect(answer.status == 400, "save_as=\(name): \(answer.status) \(answer.text)")
        }
        #expect(!FileManager.default.fileExists(atPath: server.folder.appendingPathComponent("escape.yaml").path))
        try await stillServing(server)
        await server.stop()
    }

    @Test("a token: missing or wrong is 401, right (header, or query then cookie) is served")
    func token() async throws {
        let token = "s3cret-token-0123456789"
        let server = try await TestServer(token: token)
        #expect(try await server.get("/api/models").status == 401)
        #expect(try await server.get("/api/models", headers: ["Authorization": "Bearer wrong-token-0123456789"]).status == 401)
        #expect(try await server.get("/api/models?token=wrong").status == 401)
        #expect(try await server.post("/api/models/small/simulate", "servers=2").status == 401)
        #expect(try await server.get("/api/models", headers: ["Authorization": "Bearer \(token)"]).status == 200)
        #expect(try await server.get("/api/models?token=\(token)").status == 200)
        #expect(try await server.get("/api/models", headers: ["Cookie": "affluence_token=\(token)"]).status == 200)
        await server.stop()
    }

    @Test("a host other than loopback is refused without a token")
    func nonLoopbackNeedsToken() throws {
        let dir = FileManager.default.temporaryDirectory
        for host in ["0.0.0.0", "192.0.2.10", "::"] {
            let configuration = ServeConfiguration(modelDirectory: dir, host: host, port: 0)
            #expect(configuration.problem?.contains("--token") == true)
            #expect(throws: ServeStartError.self) { try AffluenceServer(configuration: configuration) }
            #expect(ServeConfiguration(modelDirectory: dir, host: host, port: 0, token: "a-long-enough-token-123").problem == nil)
        }
        #expect(ServeConfiguration(modelDirectory: dir, host: "0.0.0.0", port: 0, token: "short").problem != nil)
        for host in ["127.0.0.1", "localhost", "::1", "127.0.0.2"] {
            #expect(ServeConfiguration(modelDirectory: dir, host: host, port: 0).problem == nil)
        }
    }

    @Test("a loopback server refuses a foreign Host header (DNS rebinding)")
    func foreignHost() async throws {
        let server = try await TestServer()
        let answer = try await server.get("/api/models", headers: ["Host": "evil.example:80"])
        #expect(answer.status == 421, "\(answer.status)")
        try await stillServing(server)
        await server.stop()
    }
}
