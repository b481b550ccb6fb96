import Foundation

/// What `affluence serve` was started with, and the limits that keep it serving.
public struct ServeConfiguration: Sendable {
    /// The folder whose `*.yaml` files are served as models; no scenario outside it is read.
    public var modelDirectory: URL
    public var host: String
    /// 0 asks the system for a free port (the port in use is printed when listening).
    public var port: Int
    /// Required on every request when set (`Authorization: Bearer …`, `?token=…` or the cookie it sets).
    public var token: String?
    /// Simulations and comparisons running at once.
    public var jobs: Int
    /// Jobs waiting for a slot; beyond, a new job is refused (429) rather than queued without bound.
    public var maxQueued: Int = 16
    /// A job nobody watches (no open event stream, no status request) for this long is cancelled.
    public var unwatchedGrace: Double = 15
    /// Finished jobs kept (with their folders); the oldest are forgotten and deleted beyond.
    public var keptJobs: Int = 64
    /// Largest query string, in bytes.
    public var maxQueryBytes: Int = 4 * 1024
    /// Most replications a page may ask for.
    public var maxReplications: Int = 20
    /// Most settings one comparison may hold.
    public var maxCompareSettings: Int = 6
    /// Most simulated events (estimated, all replications and settings) one job may cost.
    public var maxJobEvents: Double = 2e9
    /// Where job folders are written.
    public var workDirectory: URL

    public init(modelDirectory: URL, host: String = "127.0.0.1", port: Int = 8080, token: String? = nil, jobs: Int = 1,
                workDirectory: URL? = nil) {
        self.modelDirectory = modelDirectory
        self.host = host
        self.port = port
        self.token = token
        self.jobs = max(1, jobs)
        self.workDirectory = workDirectory ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("affluence-serve-\(ProcessInfo.processInfo.processIdentifier)")
    }

    /// Whether `host` only accepts connections from this machine.
    public static func isLoopback(_ host: String) -> Bool {
        let h = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        return h == "localhost" || h == "::1" || h.hasPrefix("127.")
    }

    /// Why this configuration must not start: a host other than loopback without a token.
    public var problem: String? {
        if !Self.isLoopback(host), (token ?? "").isEmpty {
            return "--host \(host) serves other machines: give --token T (every request must then carry it)"
        }
        if let token, token.count < 16 || !token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.~".contains($0)) }) {
            return "--token: at least 16 characters among letters, digits and -_.~ (it travels in URLs and headers)"
        }
        return nil
    }
}
