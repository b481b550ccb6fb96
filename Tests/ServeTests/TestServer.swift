import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import Serve

/// A server on a free loopback port over a throwaway MODEL_DIR holding one small model
/// (`small.yaml`, with knobs), stopped by ``stop()``.
final class TestServer: @unchecked Sendable {
    static let model = """
        version: 1
        name: Small
        start: 08:00
        end: 09:00
        replications: 2
        seed: 3
        segments:
          - {id: pupils, size: 3k, active_share: 80%, platforms: ent, intent: {bumps: [{at: 08:20, sd: 10min}]}}
        platforms:
          - {id: ent, pools: web}
        pools:
          - {id: web, servers: 4, service_time: exponential(mean: 50ms)}
        policies:
          bigger: {description: twice the servers, set: {pools.web.servers: 8}}
        knobs:
          - {id: servers, label: Web servers, path: pools.web.servers, range: [1, 20], step: 1}
          - {id: share, label: Pupils active, path: segments.pupils.active_share, range: [10, 100], step: 5, unit: "%"}
          - {id: policy, label: Policy, policies: [base, bigger]}
        """

    let folder: URL
    let base: String
    private let task: Task<Void, Error>

    init(token: String? = nil, jobs: Int = 1, maxQueued: Int = 16, grace: Double = 15, models: [String: String] = [:]) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("affluence-serve-test-\(UUID().uuidString)")
        let modelDir = folder.appendingPathComponent("models")
        try FileManager.default.createDirectory(at: modelDir, withIntermediateDirectories: true)
        try Self.model.write(to: modelDir.appendingPathComponent("small.yaml"), atomically: true, encoding: .utf8)
        for (name, text) in models { try text.write(to: modelDir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        try "version: 1\n".write(to: folder.appendingPathComponent("outside.yaml"), atomically: true, encoding: .utf8)
        var configuration = ServeConfiguration(modelDirectory: modelDir, host: "127.0.0.1", port: 0, token: token, jobs: jobs,
                                               workDirectory: folder.appendingPathComponent("work"))
        configuration.maxQueued = maxQueued
        configuration.unwatchedGrace = grace
        let server = try AffluenceServer(configuration: configuration)
        let port = PortBox()
        task = Task { try await server.run { port.set($0) } }
        var waited = 0
        while port.value == nil, waited < 200 {
            try await Task.sleep(for: .milliseconds(50))
            waited += 1
        }
        guard let p = port.value else { throw URLError(.cannotConnectToHost) }
        base = "http://127.0.0.1:\(p)"
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
        try? FileManager.default.removeItem(at: folder)
    }

    struct Answer {
        var status: Int
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    }

    func get(_ path: String, headers: [String: String] = [:]) async throws -> Answer {
        try await send(path, method: "GET", body: nil, headers: headers)
    }

    func post(_ path: String, _ body: String, headers: [String: String] = [:]) async throws -> Answer {
        try await send(path, method: "POST", body: Data(body.utf8),
                       headers: ["Content-Type": "application/x-www-form-urlencoded"].merging(headers) { $1 })
    }

    func send(_ path: String, method: String, body: Data?, headers: [String: String]) async throws -> Answer {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        request.httpBody = body
        for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
        let (data, response) = try await URLSession.shared.data(for: request)
        return Answer(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: data)
    }

    /// Polls a job until it leaves `queued`/`running` (the polls keep it watched).
    func wait(job id: String, seconds: Double = 120) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let status = try await get("/api/jobs/\(id)").json
            if let state = status["state"] as? String, !["queued", "running"].contains(state) { return status }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await get("/api/jobs/\(id)").json
    }
}

final class PortBox: @unchecked Sendable {
    private let lock = NSLock()
    private var port: Int?
    func set(_ p: Int) { lock.withLock { port = p } }
    var value: Int? { lock.withLock { port } }
}
