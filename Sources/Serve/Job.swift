import Foundation
import Hummingbird
import Scenario

/// A simulation or comparison the page asked for, from the queue to its folder.
///
/// Its state changes on the worker thread that runs it and is read by request handlers;
/// one lock guards it. Listeners (the page's event streams) hear every change.
final class Job: @unchecked Sendable {
    enum Kind: String, Sendable, Codable { case simulate, compare }
    enum State: String, Sendable, Codable { case queued, running, done, failed, cancelled }

    /// The work itself, run on a thread of its own (see ``JobRunner``).
    enum Work: Sendable {
        case simulate(Scenario, modelPath: String, command: [String])
        case compare([(label: String, scenario: Scenario)], base: Scenario, descriptions: [String: String], modelPath: String, command: [String])
    }

    struct Status: Sendable, Codable {
        var id: String
        var kind: Kind
        var model: String
        var state: State
        /// 0…1.
        var progress: Double
        var message: String
        /// Files of the finished folder, by name.
        var files: [String]
        /// The command line that writes the same files.
        var command: String
        var query: String
    }

    let id: String
    let kind: Kind
    let model: String
    let work: Work
    let folder: URL
    let query: String
    let created = Date()

    private let lock = NSLock()
    private var state: State = .queued
    private var progress = 0.0
    private var message = "waiting for a free slot"
    private var files: [String] = []
    private var cancelRequested = false
    private var lastSeen = Date()
    private var listeners: [UUID: AsyncStream<ByteBuffer>.Continuation] = [:]

    init(id: String, kind: Kind, model: String, work: Work, folder: URL, query: String) {
        self.id = id
        self.kind = kind
        self.model = model
        self.work = work
        self.folder = folder
        self.query = query
    }

    var command: [String] {
        switch work {
        case .simulate(_, _, let command), .compare(_, _, _, _, let command): return command
        }
    }

    var status: Status {
        lock.withLock {
            Status(id: id, kind: kind, model: model, state: state, progress: progress, message: message, files: files,
                   command: command.map(Self.shellQuoted).joined(separator: " "), query: query)
        }
    }

    var isFinished: Bool { lock.withLock { [.done, .failed, .cancelled].contains(state) } }
    var isCancelRequested: Bool { lock.withLock { cancelRequested } }

    static func shellQuoted(_ word: String) -> String {
        word.allSatisfy({ $0.isLetter || $0.isNumber || "-_./=:,%@+".contains($0) }) && !word.isEmpty
            ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    // MARK: Watching

    /// Marks the job as looked at now (a status request).
    func touch() { lock.withLock { lastSeen = Date() } }

    /// Whether nobody has watched the job for `grace` seconds (no event stream open).
    func isUnwatched(grace: Double, now: Date) -> Bool {
        lock.withLock { listeners.isEmpty && now.timeIntervalSince(lastSeen) > grace }
    }

    /// A stream of server-sent events: the status now, then at every change, ending after the final one.
    func events() -> AsyncStream<ByteBuffer> {
        let key = UUID()
        let (stream, continuation) = AsyncStream<ByteBuffer>.makeStream(bufferingPolicy: .bufferingNewest(8))
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            self.lock.withLock {
                self.listeners[key] = nil
                self.lastSeen = Date()
            }
        }
        let first = status
        let finished = lock.withLock { () -> Bool in
            lastSeen = Date()
            let done = [.done, .failed, .cancelled].contains(state)
            if !done { listeners[key] = continuation }
            return done
        }
        continuation.yield(Self.event(first))
        if finished { continuation.finish() }
        return stream
    }

    /// A comment line to every listener: a stream whose page has gone fails to write and ends.
    func heartbeat() {
        let all = lock.withLock { Array(listeners.values) }
        for c in all { c.yield(ByteBuffer(string: ": keep-alive\n\n")) }
    }

    static func event(_ status: Status) -> ByteBuffer {
        let data = (try? JSONEncoder.sorted.encode(status)) ?? Data("{}".utf8)
        return ByteBuffer(string: "event: status\ndata: " + String(decoding: data, as: UTF8.self) + "\n\n")
    }

    private func publish(final: Bool = false) {
        let s = status
        let all = lock.withLock { () -> [AsyncStream<ByteBuffer>.Continuation] in
            let all = Array(listeners.values)
            if final { listeners.removeAll() }
            return all
        }
        let event = Self.event(s)
        for c in all {
            c.yield(event)
            if final { c.finish() }
        }
    }

    // MARK: Transitions

    /// Asks the job to stop: a queued job stops at once, a running one between two
    /// replications (or compared runs). Returns whether anything changed.
    @discardableResult
    func cancel(reason: String) -> Bool {
        let changed = lock.withLock { () -> Bool in
            guard ![.done, .failed, .cancelled].contains(state), !cancelRequested else { return false }
            cancelRequested = true
            if state == .queued {
                state = .cancelled
                message = reason
            } else {
                message = reason + "; stopping after the run in progress"
            }
            return true
        }
        if changed { publish(final: isFinished) }
        return changed
    }

    /// Moves a queued job to running; false when it was cancelled meanwhile.
    func start() -> Bool {
        let ok = lock.withLock { () -> Bool in
            guard state == .queued, !cancelRequested else { return false }
            state = .running
            message = "running"
            return true
        }
        if ok { publish() }
        return ok
    }

    /// Progress from the worker thread; published at most every 1% to keep streams light.
    func report(progress value: Double, message text: String) {
        let changed = lock.withLock { () -> Bool in
            // After a cancel the message says so until the job stops.
            guard state == .running, !cancelRequested else { return false }
            let moved = (value - progress) >= 0.01 || text != message
            progress = max(progress, min(1, value))
            message = text
            return moved
        }
        if changed { publish() }
    }

    func finish(_ final: State, message text: String, files written: [String] = []) {
        lock.withLock {
            state = final
            message = text
            files = written
            if final == .done { progress = 1 }
        }
        publish(final: true)
    }
}

extension JSONEncoder {
    /// Keys sorted, so answers are stable byte for byte.
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }
}
