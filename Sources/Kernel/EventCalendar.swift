/// A scheduled event: when, in what order among simultaneous events, and what.
public struct ScheduledEvent<Payload> {
    public let time: Double
    /// Insertion order; breaks ties between events at the same time (first scheduled, first fired).
    public let sequence: UInt64
    public let payload: Payload

    @inlinable
    init(time: Double, sequence: UInt64, payload: Payload) {
        self.time = time
        self.sequence = sequence
        self.payload = payload
    }

    @inlinable @inline(__always)
    func precedes(_ other: ScheduledEvent) -> Bool {
        time < other.time || (time == other.time && sequence < other.sequence)
    }
}

/// The pending events, ordered by (time, sequence): an implicit binary min-heap.
///
/// Events are plain values stored inline in one contiguous buffer: scheduling and
/// firing allocate nothing once the buffer has grown to the largest number of pending
/// events. Kept behind this small type so another structure (a 4-ary heap, a calendar
/// queue) can replace it after a benchmark says so.
///
/// - Complexity: `schedule` and `popNext` are O(log n) for n pending events.
public struct EventCalendar<Payload> {
    @usableFromInline var heap: ContiguousArray<ScheduledEvent<Payload>> = []
    @usableFromInline var nextSequence: UInt64 = 0

    public init() {}

    /// The number of pending events.
    @inlinable public var count: Int { heap.count }
    @inlinable public var isEmpty: Bool { heap.isEmpty }

    /// The time of the next event, if any.
    @inlinable public var nextTime: Double? { heap.first?.time }

    /// Adds an event; among events at the same time it fires after those already scheduled.
    @inlinable
    public mutating func schedule(at time: Double, _ payload: Payload) {
        let event = ScheduledEvent(time: time, sequence: nextSequence, payload: payload)
        nextSequence &+= 1
        heap.append(event)
        siftUp(from: heap.count - 1)
    }

    /// Removes and returns the earliest event.
    @inlinable
    public mutating func popNext() -> ScheduledEvent<Payload>? {
        guard let last = heap.popLast() else { return nil }
        if heap.isEmpty { return last }
        let first = heap[0]
        siftDown(last)
        return first
    }

    @inlinable
    mutating func siftUp(from start: Int) {
        heap.withUnsafeMutableBufferPointer { h in
            let moving = h[start]
            var hole = start
            while hole > 0 {
                let parent = (hole - 1) >> 1
                if !moving.precedes(h[parent]) { break }
                h[hole] = h[parent]
                hole = parent
            }
            h[hole] = moving
        }
    }

    /// Places `moving` starting from the root's hole, moving smaller children up.
    @inlinable
    mutating func siftDown(_ moving: ScheduledEvent<Payload>) {
        heap.withUnsafeMutableBufferPointer { h in
            let n = h.count
            var hole = 0
            while true {
                var child = 2 * hole + 1
                if child >= n { break }
                if child + 1 < n, h[child + 1].precedes(h[child]) { child += 1 }
                if !h[child].precedes(moving) { break }
                h[hole] = h[child]
                hole = child
            }
            h[hole] = moving
        }
    }
}
