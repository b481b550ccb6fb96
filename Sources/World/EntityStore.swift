#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The rows of an entity table (users, jobs) in one block of memory that asks the kernel
/// for huge pages.
///
/// Events touch users and jobs in random order, and a nationwide day keeps hundreds of
/// thousands of them: with 4 KiB pages nearly every access misses the TLB and waits for a
/// page walk. Linux backs a block advised with `MADV_HUGEPAGE` by 2 MiB pages (when
/// `/sys/kernel/mm/transparent_hugepage/enabled` is `always` or `madvise`, the usual
/// settings), which cover a table of that size with a few TLB entries.
///
/// A reference type without copy-on-write: rows are read and written through the pointer
/// with no uniqueness check on each access (a runtime call per write with an array). The
/// table that owns a store is therefore not a value: like the world's random streams, it
/// belongs to one ``World`` and one thread. Rows must be trivial values (no references),
/// so growing moves bytes and freeing releases nothing.
final class EntityStore<Row> {
    private(set) var rows: UnsafeMutablePointer<Row>
    private(set) var count = 0
    private var capacity: Int
    private var mappedBytes: Int

    static var hugePage: Int { 2 << 20 }

    /// What a row is ("user", "job"), for the message of a failed index check.
    private let entity: StaticString

    init(of entity: StaticString, initialCapacity: Int = 1024) {
        precondition(_isPOD(Row.self), "EntityStore rows must be trivial values")
        self.entity = entity
        (rows, mappedBytes) = Self.map(rows: initialCapacity)
        capacity = mappedBytes / MemoryLayout<Row>.stride
    }

    deinit { Self.unmap(rows, bytes: mappedBytes) }

    /// Row `i`, which must have been appended (a bounds check, not a uniqueness check).
    subscript(i: Int) -> Row {
        @inline(__always) get {
            precondition(i >= 0 && i < count, "no such \(entity)")
            return rows[i]
        }
        @inline(__always) _modify {
            precondition(i >= 0 && i < count, "no such \(entity)")
            yield &rows[i]
        }
    }

    /// Adds `row` at the end (index `count` before the call).
    ///
    /// - Complexity: amortised O(1); growing doubles the block and copies the rows.
    @inline(__always)
    func append(_ row: Row) {
        if count == capacity { grow() }
        (rows + count).initialize(to: row)
        count += 1
    }

    private func grow() {
        let (bigger, bytes) = Self.map(rows: 2 * capacity)
        bigger.moveInitialize(from: rows, count: count)
        Self.unmap(rows, bytes: mappedBytes)
        rows = bigger
        mappedBytes = bytes
        capacity = bytes / MemoryLayout<Row>.stride
    }

    /// A zeroed block for at least `n` rows, rounded up to whole huge pages.
    private static func map(rows n: Int) -> (UnsafeMutablePointer<Row>, Int) {
        let wanted = max(1, n) * MemoryLayout<Row>.stride
        let bytes = (wanted + hugePage - 1) / hugePage * hugePage
        #if os(Linux)
        let raw = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let raw, raw != UnsafeMutableRawPointer(bitPattern: -1) else {
            fatalError("EntityStore: cannot map \(bytes) bytes: \(String(cString: strerror(errno)))")
        }
        // Advice only: without transparent huge pages the block simply keeps 4 KiB pages.
        _ = madvise(raw, bytes, MADV_HUGEPAGE)
        #else
        guard let raw = calloc(1, bytes) else { fatalError("EntityStore: cannot allocate \(bytes) bytes") }
        #endif
        return (raw.bindMemory(to: Row.self, capacity: bytes / MemoryLayout<Row>.stride), bytes)
    }

    private static func unmap(_ rows: UnsafeMutablePointer<Row>, bytes: Int) {
        #if os(Linux)
        munmap(UnsafeMutableRawPointer(rows), bytes)
        #else
        free(UnsafeMutableRawPointer(rows))
        #endif
    }
}
