import Experiments
import Foundation
import Hummingbird
import Output
import Scenario
import ZIPFoundation

/// `affluence serve`: the what-if page of each model in a folder, over HTTP.
///
/// Every request is checked before it reaches a route (``Guard``): the token when one is
/// set, the Host header on a loopback server (so a page elsewhere cannot reach it by DNS
/// rebinding), the query string's size. Routes read bodies only up to a limit, look model
/// names and file names up in lists rather than joining them onto paths, and answer a bad
/// value with the located error `affluence validate` would print, by field.
public struct AffluenceServer: Sendable {
    let configuration: ServeConfiguration
    let catalog: ModelCatalog
    let queue: JobQueue
    let answers = AnswerCache()

    public init(configuration: ServeConfiguration) throws {
        if let problem = configuration.problem { throw ServeStartError(description: problem) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: configuration.modelDirectory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ServeStartError(description: "\(configuration.modelDirectory.path): not a folder (expected the folder of the models to serve)")
        }
        try FileManager.default.createDirectory(at: configuration.workDirectory, withIntermediateDirectories: true)
        self.configuration = configuration
        catalog = ModelCatalog(directory: configuration.modelDirectory)
        queue = JobQueue(configuration: configuration)
    }

    /// Serves until SIGINT or SIGTERM; `listening` gets the port once the socket is bound.
    public func run(listening: @escaping @Sendable (Int) -> Void) async throws {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: Guard(configuration: configuration))
        addRoutes(to: router)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in listening(channel.localAddress?.port ?? 0) })
        let sweeper = Task.detached { [queue] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                queue.sweep()
            }
        }
        defer {
            sweeper.cancel()
            try? FileManager.default.removeItem(at: configuration.workDirectory)
        }
        try await app.runService()
    }

    // MARK: Routes

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in Self.html(Assets.index(models: catalog.names())) }
        router.get("/m/:model") { _, context in
            let name = try context.parameters.require("model")
            guard catalog.path(of: name) != nil else { return Self.failure(.notFound("no model `\(name.prefix(64))`")) }
            return Self.html(Assets.page(model: name))
        }
        router.get("/assets/app.js") { _, _ in Self.text(Assets.script, type: "text/javascript; charset=utf-8") }
        router.get("/assets/app.css") { _, _ in Self.text(Assets.style, type: "text/css; charset=utf-8") }

        router.get("/api/models") { _, _ in Self.json(["models": catalog.names()]) }
        router.get("/api/models/:model") { _, context in
            Self.answer { () throws(ServeError) in try Self.json(ModelInfo(try model(context))) }
        }
        router.get("/api/models/:model/twin") { request, context in
            Self.answer { () throws(ServeError) in
                let name = try Self.name(context)
                let info = try model(context)
                let setting = try Setting.parse(try Self.query(request), knobs: info.scenario.knobs,
                                                maxReplications: configuration.maxReplications)
                let key = name + "?" + setting.query(knobs: info.scenario.knobs) + "@\(info.stamp)"
                if let cached = answers.get(key) { return Self.jsonData(cached) }
                let scenario = try catalog.load(name, setting: setting, knobs: info.scenario.knobs)
                let view = try TwinView(scenario: scenario)
                guard let data = try? JSONEncoder.sorted.encode(view) else { throw .badRequest("the twin's answer could not be encoded") }
                answers.put(key, data)
                return Self.jsonData(data)
            }
        }
        router.post("/api/models/:model/simulate") { request, context in
            let form = try await Self.form(request)
            return Self.answer { () throws(ServeError) in try Self.json(try simulate(context, form: form).status, status: .accepted) }
        }
        router.post("/api/models/:model/compare") { request, context in
            let form = try await Self.form(request)
            return Self.answer { () throws(ServeError) in try Self.json(try compare(context, form: form).status, status: .accepted) }
        }
        router.post("/api/models/:model/save") { request, context in
            let form = try await Self.form(request)
            return Self.answer { () throws(ServeError) in try Self.json(try save(context, form: form), status: .created) }
        }
        router.get("/api/jobs") { _, _ in Self.json(JobList(jobs: queue.statuses, counts: queue.counts)) }
        router.get("/api/jobs/:id") { _, context in
            Self.answer { () throws(ServeError) in
                let job = try job(context)
                job.touch()
                return Self.json(job.status)
            }
        }
        router.get("/api/jobs/:id/events") { _, context in
            Self.answer { () throws(ServeError) in
                let job = try job(context)
                return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                                body: .init(asyncSequence: job.events()))
            }
        }
        router.post("/api/jobs/:id/cancel") { _, context in
            Self.answer { () throws(ServeError) in
                let job = try job(context)
                job.cancel(reason: "cancelled from the page")
                return Self.json(job.status)
            }
        }
        router.get("/api/jobs/:id/files/:file") { _, context in
            let file: (Job, String)
            do throws(ServeError) { file = try finishedFile(context) } catch { return Self.failure(error) }
            let (job, name) = file
            let type = name.hasSuffix(".html") ? "text/html; charset=utf-8" : name.hasSuffix(".csv") ? "text/csv; charset=utf-8" : "application/json"
            let body = try await FileIO().loadFile(path: job.folder.appendingPathComponent(name).path, context: context)
            var headers: HTTPFields = [.contentType: type, .xContentTypeOptions: "nosniff"]
            if !name.hasSuffix(".html") { headers[.contentDisposition] = "attachment; filename=\"\(job.id)-\(name)\"" }
            return Response(status: .ok, headers: headers, body: body)
        }
        router.get("/api/jobs/:id/download.zip") { _, context in
            let job: Job
            do throws(ServeError) { job = try self.job(context) } catch { return Self.failure(error) }
            guard job.status.state == .done else { return Self.failure(.conflict("job \(job.id) is not done")) }
            let zip = job.folder.deletingLastPathComponent().appendingPathComponent("\(job.id).zip")
            if !FileManager.default.fileExists(atPath: zip.path) {
                let partial = zip.appendingPathExtension("part")
                try? FileManager.default.removeItem(at: partial)
                try FileManager.default.zipItem(at: job.folder, to: partial, shouldKeepParent: false)
                try FileManager.default.moveItem(at: partial, to: zip)
            }
            let body = try await FileIO().loadFile(path: zip.path, context: context)
            return Response(status: .ok, headers: [.contentType: "application/zip",
                                                   .contentDisposition: "attachment; filename=\"\(job.model)-\(job.id).zip\""], body: body)
        }
    }

    // MARK: Work

    struct Loaded {
        var scenario: Scenario
        var stamp: String
    }

    private func model(_ context: BasicRequestContext) throws(ServeError) -> Loaded {
        let name = try Self.name(context)
        guard let path = catalog.path(of: name) else { throw .notFound("no model `\(name.prefix(64))`") }
        let stamp = ((try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)?.timeIntervalSince1970).map { String($0) } ?? ""
        if let cached = answers.model(name, stamp: stamp) { return Loaded(scenario: cached, stamp: stamp) }
        let scenario = try catalog.load(name)
        for knob in scenario.knobs where Setting.runFields.contains(knob.id) {
            throw .invalid([Diagnostic(location: knob.location, message: "knob id `\(knob.id)` is the page's own run setting", expected: "another id")])
        }
        answers.putModel(name, stamp: stamp, scenario)
        return Loaded(scenario: scenario, stamp: stamp)
    }

    private func job(_ context: BasicRequestContext) throws(ServeError) -> Job {
        guard let id = context.parameters.get("id"), id.count == 16, id.allSatisfy(\.isHexDigit), let job = queue.job(id) else {
            throw .notFound("no such job")
        }
        return job
    }

    /// A file of a finished job's folder, by a name the folder lists: `../x` is no such file.
    private func finishedFile(_ context: BasicRequestContext) throws(ServeError) -> (Job, String) {
        let job = try job(context)
        let name = context.parameters.get("file") ?? ""
        let status = job.status
        guard status.state == .done else { throw .conflict("job \(job.id) is \(status.state.rawValue)") }
        guard status.files.contains(name) else { throw .notFound("job \(job.id) has no file `\(name.prefix(64))`") }
        return (job, name)
    }

    private func newJob(_ kind: Job.Kind, model name: String, work: Job.Work, query: String) throws(ServeError) -> Job {
        var bytes = [UInt8](repeating: 0, count: 8)
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255) }
        let id = bytes.map { String(format: "%02x", $0) }.joined()
        let folder = configuration.workDirectory.appendingPathComponent(id).appendingPathComponent(kind == .simulate ? "run" : "compare")
        do { try FileManager.default.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true) } catch {
            throw .badRequest("cannot create the job's folder: \(error)")
        }
        let job = Job(id: id, kind: kind, model: name, work: work, folder: folder, query: query)
        try queue.submit(job)
        return job
    }

    private func checkBudget(_ scenarios: [Scenario]) throws(ServeError) {
        let events = scenarios.reduce(0.0) { $0 + $1.estimatedEvents * Double($1.replications) }
        guard events <= configuration.maxJobEvents else {
            throw .fields([FieldError(field: "sample", message: String(format: "?sample:1:1: error: this job would simulate about %.2g events, above the page's budget of %.2g (expected a smaller `sample` or fewer replications)", events, configuration.maxJobEvents))])
        }
    }

    func simulate(_ context: BasicRequestContext, form: [(name: String, value: String)]) throws(ServeError) -> Job {
        let name = try Self.name(context)
        let info = try model(context)
        let knobs = info.scenario.knobs
        let setting = try Setting.parse(form, knobs: knobs, maxReplications: configuration.maxReplications)
        let scenario = try catalog.load(name, setting: setting, knobs: knobs)
        try checkBudget([scenario])
        let (overrides, policy) = setting.composition(knobs: knobs)
        let command = ["affluence", "run", "\(catalog.directory.lastPathComponent)/\(name).yaml"]
            + overrides.flatMap { ["--set", "\($0.override.path)=\($0.override.value)"] } + (policy.map { ["--policy", $0] } ?? [])
        return try newJob(.simulate, model: name, work: .simulate(scenario, modelPath: catalog.path(of: name)!, command: command),
                          query: setting.query(knobs: knobs))
    }

    func compare(_ context: BasicRequestContext, form: [(name: String, value: String)]) throws(ServeError) -> Job {
        let name = try Self.name(context)
        let info = try model(context)
        let knobs = info.scenario.knobs
        let shared = form.filter { Setting.runFields.contains($0.name) }
        let queries = form.filter { $0.name == "setting" }.map(\.value)
        guard form.allSatisfy({ $0.name == "setting" || Setting.runFields.contains($0.name) }) else {
            throw .badRequest("a comparison takes `setting=<query>` fields and the run settings \(Setting.runFields.joined(separator: ", "))")
        }
        guard (2...configuration.maxCompareSettings).contains(queries.count) else {
            throw .badRequest("a comparison needs 2 to \(configuration.maxCompareSettings) settings (got \(queries.count))")
        }
        var settings: [(label: String, scenario: Scenario)] = []
        var descriptions: [String: String] = [:]
        for (n, query) in queries.enumerated() {
            guard query.utf8.count <= configuration.maxQueryBytes else { throw .badRequest("setting \(n + 1) is too long") }
            let pairs = try FormData.parse(Substring(query)).filter { !Setting.runFields.contains($0.name) } + shared
            let setting = try Setting.parse(pairs, knobs: knobs, maxReplications: configuration.maxReplications)
            let label = "setting-\(n + 1)"
            settings.append((label, try catalog.load(name, setting: setting, knobs: knobs)))
            descriptions[label] = setting.summary(knobs: knobs)
        }
        if settings[0].scenario.replications < 2 { throw .fields([FieldError(field: "replications", message: "?replications:1:1: error: a comparison needs paired runs (expected at least 2 replications)")]) }
        try checkBudget(settings.map(\.scenario))
        let base = try catalog.load(name, setting: try Setting.parse(shared, knobs: knobs, maxReplications: configuration.maxReplications), knobs: knobs)
        // No command line compares knob settings: the manifest names the process that did, and
        // comparison.csv describes each setting (policy_description).
        let command = ["affluence", "serve", catalog.directory.lastPathComponent]
        return try newJob(.compare, model: name,
                          work: .compare(settings, base: base, descriptions: descriptions, modelPath: catalog.path(of: name)!, command: command),
                          query: FormData.encode(form))
    }

    struct Saved: Codable {
        var path: String
        var command: String
        var text: String
    }

    func save(_ context: BasicRequestContext, form: [(name: String, value: String)]) throws(ServeError) -> Saved {
        let name = try Self.name(context)
        let info = try model(context)
        let knobs = info.scenario.knobs
        guard let target = form.first(where: { $0.name == "save_as" })?.value else { throw .badRequest("missing `save_as` (the new file's name)") }
        let setting = try Setting.parse(form.filter { $0.name != "save_as" }, knobs: knobs, maxReplications: configuration.maxReplications)
        let scenario = try catalog.load(name, setting: setting, knobs: knobs)
        let (overrides, policy) = setting.composition(knobs: knobs)
        let saved = SavedScenario(model: name, scenarioName: scenario.name, overrides: overrides.map(\.override), policy: policy)
        let path = try saved.write(name: target, catalog: catalog)
        answers.clearModels()
        let command = "affluence run \(catalog.directory.lastPathComponent)/\(target).yaml" + (policy.map { " --policy \($0)" } ?? "")
        return Saved(path: path, command: command, text: saved.text)
    }

    // MARK: Helpers

    static func name(_ context: BasicRequestContext) throws(ServeError) -> String {
        guard let name = context.parameters.get("model"), ModelCatalog.isName(name) else { throw .notFound("no such model") }
        return name
    }

    static func query(_ request: Request) throws(ServeError) -> [(name: String, value: String)] {
        try FormData.parse(Substring(request.uri.query ?? "")).filter { $0.name != "token" }
    }

    /// The form body, read up to the size limit (413 beyond).
    static func form(_ request: Request) async throws -> [(name: String, value: String)] {
        var request = request
        let limit = request.headers[.contentLength].flatMap(Int.init)
        if let limit, limit > Guard.maxBody { throw HTTPError(.contentTooLarge, message: "the body is larger than \(Guard.maxBody) bytes") }
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: Guard.maxBody) } catch {
            throw HTTPError(.contentTooLarge, message: "the body is larger than \(Guard.maxBody) bytes")
        }
        do { return try FormData.parse(Substring(String(buffer: buffer))) } catch {
            throw HTTPError(.badRequest, message: "malformed form body")
        }
    }

    static func answer(_ body: () throws(ServeError) -> Response) -> Response {
        do { return try body() } catch { return failure(error) }
    }

    struct Failure: Codable {
        var error: String
        var fields: [FieldError]
    }

    static func failure(_ error: ServeError) -> Response {
        switch error {
        case .badRequest(let m): return json(Failure(error: m, fields: []), status: .badRequest)
        case .fields(let f): return json(Failure(error: f.map(\.message).joined(separator: "\n"), fields: f), status: .badRequest)
        case .invalid(let d):
            return json(Failure(error: d.map(\.description).joined(separator: "\n"), fields: d.map { FieldError(field: "", message: $0.description) }),
                        status: .unprocessableContent)
        case .notFound(let m): return json(Failure(error: m, fields: []), status: .notFound)
        case .forbidden(let m): return json(Failure(error: m, fields: []), status: .forbidden)
        case .conflict(let m): return json(Failure(error: m, fields: []), status: .conflict)
        case .tooMany(let m): return json(Failure(error: m, fields: []), status: .tooManyRequests)
        }
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        jsonData((try? JSONEncoder.sorted.encode(value)) ?? Data("{}".utf8), status: status)
    }

    static func jsonData(_ data: Data, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func text(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func html(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8",
                                        .contentSecurityPolicy: "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'self'",
                                        .xContentTypeOptions: "nosniff"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// Why the server cannot start (exit 64).
public struct ServeStartError: Error, CustomStringConvertible {
    public let description: String
}

struct JobList: Codable {
    var jobs: [Job.Status]
    var counts: [String: Int]
}

/// What the page needs to draw a model's controls.
struct ModelInfo: Codable {
    struct KnobInfo: Codable {
        var id: String
        var label: String
        var kind: String
        var path: String?
        var min: Double?
        var max: Double?
        var step: Double?
        var unit: String?
        var choices: [String]?
        var value: String
    }

    var name: String
    var description: String?
    var knobs: [KnobInfo]
    var seed: UInt64
    var replications: Int
    var sample: Double
    var policies: [String]

    init(_ loaded: AffluenceServer.Loaded) {
        let s = loaded.scenario
        name = s.name
        description = s.description
        seed = s.seed
        replications = s.replications
        sample = s.sample * 100
        policies = s.policyNames
        knobs = s.knobs.map { k in
            switch k.kind {
            case .number(let path, let range, let step, let unit):
                return KnobInfo(id: k.id, label: k.label, kind: "number", path: path, min: range.lowerBound, max: range.upperBound,
                                step: step, unit: unit.rawValue, choices: nil, value: k.modelValue.description)
            case .policy(let choices):
                return KnobInfo(id: k.id, label: k.label, kind: "policy", path: nil, min: nil, max: nil, step: nil, unit: nil,
                                choices: choices, value: k.modelValue.description)
            }
        }
    }
}

/// Twin answers and loaded models, by model, file stamp and setting: a page moving a knob
/// back and forth is answered from memory. Bounded: cleared whole past 512 answers or 64 MB
/// (a France-sized answer, its charts included, is some hundreds of kilobytes).
final class AnswerCache: @unchecked Sendable {
    private let lock = NSLock()
    private var twins: [String: Data] = [:]
    private var bytes = 0
    private var models: [String: (stamp: String, scenario: Scenario)] = [:]
    static let capacity = 512
    static let capacityBytes = 64 << 20

    func get(_ key: String) -> Data? { lock.withLock { twins[key] } }
    func put(_ key: String, _ data: Data) {
        lock.withLock {
            if twins.count >= Self.capacity || bytes + data.count > Self.capacityBytes {
                twins.removeAll()
                bytes = 0
            }
            twins[key] = data
            bytes += data.count
        }
    }
    func model(_ name: String, stamp: String) -> Scenario? {
        lock.withLock { models[name].flatMap { $0.stamp == stamp ? $0.scenario : nil } }
    }
    func putModel(_ name: String, stamp: String, _ scenario: Scenario) {
        lock.withLock {
            if models.count >= 64 { models.removeAll() }
            models[name] = (stamp, scenario)
        }
    }
    func clearModels() { lock.withLock { models.removeAll() } }
}
