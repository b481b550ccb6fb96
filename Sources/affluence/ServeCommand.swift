import ArgumentParser
import Foundation
import Serve

/// `affluence serve [MODEL_DIR]`: the what-if page of every model in a folder.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "A local what-if web page over a folder of models: knobs, instant analytic answers, simulations, comparisons.")

    @Argument(help: "Folder of the models to serve (its *.yaml files).", completion: .directory)
    var modelDirectory: String = "models"
    @Option(help: "Address to listen on; anything but loopback needs --token.") var host: String = "127.0.0.1"
    @Option(help: "Port (0: a free one, printed when listening).") var port: Int = 8080
    @Option(help: "A secret every request must carry (Authorization: Bearer T, or ?token=T once in the browser).") var token: String?
    @Option(help: "Simulations and comparisons running at once (more wait in a bounded queue).") var jobs: Int = 1
    @Option(help: .hidden) var unwatchedGrace: Double = 15
    @Option(help: .hidden) var maxQueued: Int = 16

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port \(port): expected 0 to 65535") }
        guard jobs >= 1 else { throw ValidationError("--jobs \(jobs): expected at least 1") }
        guard unwatchedGrace > 0, maxQueued >= 1 else { throw ValidationError("--unwatched-grace and --max-queued must be positive") }
        var configuration = ServeConfiguration(modelDirectory: URL(fileURLWithPath: modelDirectory), host: host, port: port, token: token, jobs: jobs)
        configuration.unwatchedGrace = unwatchedGrace
        if let problem = configuration.problem { throw ValidationError(problem) }
    }

    func run() throws {
        var configuration = ServeConfiguration(modelDirectory: URL(fileURLWithPath: modelDirectory), host: host, port: port, token: token, jobs: jobs)
        configuration.unwatchedGrace = unwatchedGrace
        configuration.maxQueued = maxQueued
        let server: AffluenceServer
        do { server = try AffluenceServer(configuration: configuration) } catch { throw ValidationError("\(error)") }
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        let done = DispatchSemaphore(value: 0)
        let failure = ServeFailure()
        Task.detached {
            do {
                try await server.run { port in
                    FileHandle.standardOutput.write(Data("affluence serve: http://\(host):\(port)/ (\(modelDirectory)); Ctrl-C stops\n".utf8))
                }
            } catch {
                failure.set("\(error)")
            }
            done.signal()
        }
        done.wait()
        if let message = failure.message { throw CommandFailure("serve: \(message)") }
    }
}

private final class ServeFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var text: String?
    func set(_ message: String) { lock.withLock { text = message } }
    var message: String? { lock.withLock { text } }
}
