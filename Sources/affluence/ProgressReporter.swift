import Foundation

/// One progress line on stderr for long runs: simulated clock, events per second and an
/// estimated time to completion, rewritten in place. Silent unless enabled (by default
/// only when stderr is a terminal).
final class ProgressReporter: @unchecked Sendable {
    let enabled: Bool
    private let start: Double
    private let end: Double
    private let replications: Int
    private let begun = Date()
    private let lock = NSLock()
    /// Per replication: the simulated fraction done.
    private var done: [Int: Double] = [:]
    private var events: [Int: UInt64] = [:]

    static var stderrIsTerminal: Bool { isatty(FileHandle.standardError.fileDescriptor) != 0 }

    init(enabled: Bool, start: Double, end: Double, replications: Int) {
        self.enabled = enabled
        self.start = start
        self.end = end
        self.replications = replications
    }

    @Sendable func report(replication: Int, simulated: Double, eventCount: UInt64) {
        lock.lock()
        defer { lock.unlock() }
        done[replication] = simulated / max(1, end - start)
        events[replication] = eventCount
        let fraction = done.values.reduce(0, +) / Double(replications)
        let elapsed = Date().timeIntervalSince(begun)
        let rate = Double(events.values.reduce(0, +)) / max(elapsed, 1e-3)
        let eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : .nan
        let clock = Int(start + simulated)
        let line = String(format: "\rreplication %d/%d at %02d:%02d  %.1fM events/s  %3.0f%%  ETA %@   ",
                          replication + 1, replications, clock / 3600, (clock % 3600) / 60,
                          rate / 1e6, fraction * 100, eta.isFinite ? "\(Int(eta)) s" : "–")
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
