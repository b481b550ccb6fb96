import Foundation

/// Makes items on several threads and hands them on in index order, a few at a time.
///
/// A run's timeseries files are formatted one part (a replication) per task: the parts are
/// independent, so formatting them on every core shortens the serial tail after the
/// simulations, while consuming them in index order keeps the file's bytes the same for any
/// number of threads. Items are made in windows of `jobs`, so at most `jobs` of them are
/// held at once (a France replication's part is tens of megabytes).
enum OrderedParallel {
    /// Calls `make` for every index in `0..<count`, up to `jobs` at a time, and `consume`
    /// with each result in index order on the calling thread.
    static func forEach<Item: Sendable>(
        count: Int, jobs: Int, make: @Sendable (Int) -> Item, consume: (Int, Item) throws -> Void
    ) rethrows {
        let window = max(1, jobs)
        guard window > 1 else {
            for index in 0..<count { try consume(index, make(index)) }
            return
        }
        for start in stride(from: 0, to: count, by: window) {
            let size = min(window, count - start)
            let slots = IndexedSlots<Item>(count: size)
            DispatchQueue.concurrentPerform(iterations: size) { offset in
                slots.store(make(start + offset), at: offset)
            }
            for (offset, item) in slots.take().enumerated() { try consume(start + offset, item) }
        }
    }
}

/// One slot per work item, each written once from a worker thread and read in index order
/// once the workers are done: what lets a parallel map give results that do not depend on
/// the number of threads (``OrderedParallel`` here, `ParallelRuns` in the experiments).
public final class IndexedSlots<Item>: @unchecked Sendable {
    private var items: [Item?]
    private let lock = NSLock()

    public init(count: Int) { items = Array(repeating: nil, count: count) }

    public func store(_ item: Item, at index: Int) {
        lock.lock()
        items[index] = item
        lock.unlock()
    }

    /// The filled slots in index order, emptying them.
    public func take() -> [Item] {
        lock.lock()
        defer { lock.unlock() }
        let filled = items.compactMap { $0 }
        items = []
        return filled
    }
}
