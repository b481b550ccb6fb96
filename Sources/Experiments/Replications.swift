import Foundation
import Scenario
import World

/// Runs the replications of a scenario, in parallel on up to `jobs` threads.
///
/// Replication k always uses substream k of every random stream, whichever thread runs it,
/// and results are stored by replication index: the output is the same for any `jobs`.
public enum Replications {
    /// Runs replications `indices` of `scenario`; the result has one entry per index, in order.
    public static func run(_ scenario: Scenario, indices: [Int], seed: UInt64? = nil, jobs: Int = 1,
                           progress: (@Sendable (_ replication: Int, _ simulatedSeconds: Double, _ events: UInt64) -> Void)? = nil) throws(WorldBuildError) -> [RunResult] {
        // Build once up front so a scenario the simulator cannot run fails before any thread starts.
        _ = try World(scenario: scenario, replication: indices.first ?? 0, seed: seed)
        let results = ResultSlots(count: indices.count)
        let workers = max(1, min(jobs, indices.count))
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let k = next.take(below: indices.count) {
                // The scenario built above, so building it again cannot fail.
                guard var world = try? World(scenario: scenario, replication: indices[k], seed: seed) else { continue }
                let index = indices[k]
                results.store(world.run(progress: progress.map { report in { t, e in report(index, t, e) } }), at: k)
            }
        }
        return results.values()
    }
}

/// A thread-safe take-a-number counter.
final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    func take(below limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}

/// One slot per replication, written once each from worker threads.
final class ResultSlots: @unchecked Sendable {
    private var slots: [RunResult?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ result: RunResult, at index: Int) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    func values() -> [RunResult] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
