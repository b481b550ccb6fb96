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
        // Compile once up front so a scenario the simulator cannot run fails before any thread starts.
        try checkHeld(scenario, runs: indices.count)
        let results = ResultSlots(count: indices.count)
        let workers = max(1, min(jobs, indices.count))
        let next = Counter()
        let failure = FirstFailure()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while !failure.happened, let k = next.take(below: indices.count) {
                let index = indices[k]
                guard var world = failure.attempt({ () throws(WorldBuildError) in
                    try World(scenario: scenario, replication: index, seed: seed)
                }) else { return }
                results.store(world.run(progress: progress.map { report in { t, e in report(index, t, e) } }), at: k)
            }
        }
        try failure.rethrow()
        return results.values()
    }
}

/// The first error met by worker threads that build worlds. A run that fails to build is
/// never skipped (that would shift every later result onto the wrong replication or
/// policy): the workers stop taking work and the caller throws the error.
final class FirstFailure: @unchecked Sendable {
    private var error: WorldBuildError?
    private let lock = NSLock()

    var happened: Bool {
        lock.lock()
        defer { lock.unlock() }
        return error != nil
    }

    /// The value `body` returns, or nil after recording the error it threw.
    func attempt<T>(_ body: () throws(WorldBuildError) -> T) -> T? {
        switch Result(catching: body) {
        case .success(let value): return value
        case .failure(let e):
            lock.lock()
            if error == nil { error = e }
            lock.unlock()
            return nil
        }
    }

    /// Throws the recorded error, if any; call after the workers have finished.
    func rethrow() throws(WorldBuildError) {
        lock.lock()
        let e = error
        lock.unlock()
        if let e { throw e }
    }
}

extension Replications {
    /// Runs replications `0..<count`, refusing a count beyond the memory bound before the
    /// list of replications is made (`--replications 1000000000` is an error, not 8 GB).
    public static func run(_ scenario: Scenario, count: Int, seed: UInt64? = nil, jobs: Int = 1) throws(WorldBuildError) -> [RunResult] {
        try checkHeld(scenario, runs: count)
        return try run(scenario, indices: Array(0..<count), seed: seed, jobs: jobs)
    }

    /// Refuses `runs` results of `scenario` held in memory together (they stay there until
    /// they are aggregated), before any is run or any per-run array is allocated; also
    /// refuses a scenario whose world cannot be built.
    public static func checkHeld(_ scenario: Scenario, runs: Int) throws(WorldBuildError) {
        try World.checkRecordedValues(scenario, replications: runs)
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
