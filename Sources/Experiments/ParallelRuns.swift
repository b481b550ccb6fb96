import Foundation
import Output
import World

/// Simulation work spread over threads: the one parallel map that replications, compare
/// policies, sweep points and calibration waves all run through.
///
/// Work item k builds its world (`build(k)`: a scenario and a replication, so its random
/// numbers are fixed by the item, never by the thread) and `finish(k, &world)` runs it and
/// keeps what the caller needs. Results are stored by item, so they are the same for any
/// number of threads. A world that fails to build stops the workers and is thrown: an item
/// is never skipped, which would shift every later result onto the wrong run.
enum ParallelRuns {
    static func map<T>(count: Int, jobs: Int, build: @Sendable (Int) throws(WorldBuildError) -> World,
                       finish: @Sendable (Int, inout World) -> T) throws(WorldBuildError) -> [T] {
        guard count > 0 else { return [] }
        let slots = IndexedSlots<T>(count: count)
        let next = Counter()
        let failure = FirstFailure()
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, count))) { _ in
            while !failure.happened, let k = next.take(below: count) {
                guard var world = failure.attempt({ () throws(WorldBuildError) in try build(k) }) else { return }
                slots.store(finish(k, &world), at: k)
            }
        }
        try failure.rethrow()
        return slots.take()
    }
}

/// The first error met by worker threads that build worlds; the workers stop taking work
/// and the caller throws it.
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
