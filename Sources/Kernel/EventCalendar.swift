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

/// The pending events, ordered by (time, sequence).
///
/// Two structures behind one interface, chosen by `bucketWidth`:
/// - with an infinite width (the default), one implicit binary min-heap: best when few
///   events are pending (an M/M/c queue holds about c + 1);
/// - with a finite width w, a timing wheel in front of the heap (a calendar queue in the
///   sense of Brown, CACM 1988, simplified): events due in the current bucket
///   [k·w, (k+1)·w) sit in the heap, events of the next `wheelSize` buckets are appended
///   unsorted to their bucket, later ones wait in an overflow heap. When the heap runs
///   dry the next non-empty bucket is heapified in O(bucket size). With millions of
///   pending events (a nationwide day: every user's think timer) the heap stays small
///   enough to live in cache, which a single heap of millions of entries does not.
///
/// Events are plain values stored inline: scheduling and firing allocate nothing once
/// the buffers have grown to their peak.
///
/// - Complexity: O(log h) per operation for a current-bucket heap of h events, amortised
///   O(1) bucket work; O(log n) for the heap-only mode.
public struct EventCalendar<Payload> {
    @usableFromInline var heap: ContiguousArray<ScheduledEvent<Payload>> = []
    @usableFromInline var nextSequence: UInt64 = 0

    // The timing wheel (unused when bucketWidth is infinite).
    @usableFromInline let inverseWidth: Double
    @usableFromInline let usesWheel: Bool
    @usableFromInline var buckets: [ContiguousArray<ScheduledEvent<Payload>>]
    @usableFromInline var overflow: ContiguousArray<ScheduledEvent<Payload>> = []
    /// Absolute index of the bucket whose events are in `heap`.
    @usableFromInline var current: Int64 = 0
    @usableFromInline var wheelCount = 0

    @usableFromInline static var wheelSize: Int64 { 8192 }

    /// A calendar; `bucketWidth` in the model's time unit (see the type's discussion).
    public init(bucketWidth: Double = .infinity) {
        precondition(bucketWidth > 0, "bucket width must be positive")
        usesWheel = bucketWidth.isFinite
        inverseWidth = bucketWidth.isFinite ? 1 / bucketWidth : 0
        buckets = usesWheel ? Array(repeating: [], count: Int(Self.wheelSize)) : []
    }

    /// The number of pending events.
    @inlinable public var count: Int { heap.count + wheelCount + overflow.count }
    @inlinable public var isEmpty: Bool { count == 0 }

    @inlinable @inline(__always)
    func bucket(of time: Double) -> Int64 { Int64((time * inverseWidth).rounded(.down)) }

    /// Adds an event; among events at the same time it fires after those already scheduled.
    @inlinable
    public mutating func schedule(at time: Double, _ payload: Payload) {
        let event = ScheduledEvent(time: time, sequence: nextSequence, payload: payload)
        nextSequence &+= 1
        guard usesWheel else {
            Self.push(event, into: &heap)
            return
        }
        let b = bucket(of: time)
        if b <= current {
            Self.push(event, into: &heap)
        } else if b - current < Self.wheelSize {
            buckets[Int(b & (Self.wheelSize - 1))].append(event)
            wheelCount += 1
        } else {
            Self.push(event, into: &overflow)
        }
    }

    /// The time of the next event, if any (moves the wheel forward when the heap is empty).
    @inlinable
    public mutating func nextTime() -> Double? {
        if heap.isEmpty && usesWheel { refill() }
        return heap.first?.time
    }

    /// The earliest event of the current bucket, without moving the wheel (nil when the
    /// current bucket is exhausted): a hint of what comes next, e.g. for prefetching.
    @inlinable
    public var upcoming: Payload? { heap.first?.payload }

    /// Removes and returns the earliest event.
    @inlinable
    public mutating func popNext() -> ScheduledEvent<Payload>? {
        if heap.isEmpty && usesWheel { refill() }
        return Self.pop(from: &heap)
    }

    /// Removes and returns the earliest event if it is due at or before `horizon`; leaves it
    /// pending otherwise. One look at the heap's top instead of a peek and a pop.
    @inlinable
    public mutating func popNext(notAfter horizon: Double) -> ScheduledEvent<Payload>? {
        if usesWheel && heap.isEmpty { refill() }
        guard let first = heap.first, first.time <= horizon else { return nil }
        return Self.pop(from: &heap)
    }

    /// Advances `current` to the next bucket holding events and moves them into the heap.
    @usableFromInline
    mutating func refill() {
        while heap.isEmpty {
            if wheelCount == 0 {
                guard let first = overflow.first else { return }
                // Nothing on the wheel: jump straight to the overflow's first bucket.
                current = max(current, bucket(of: first.time) - 1)
            }
            current += 1
            let slot = Int(current & (Self.wheelSize - 1))
            if !buckets[slot].isEmpty {
                wheelCount -= buckets[slot].count
                swap(&heap, &buckets[slot])  // reuse the bucket's buffer as the heap
                Self.heapify(&heap)
            }
            while let first = overflow.first, bucket(of: first.time) <= current {
                Self.push(Self.pop(from: &overflow).unsafelyUnwrapped, into: &heap)
            }
        }
    }

    // MARK: Binary heap primitives

    @inlinable
    static func push(_ event: ScheduledEvent<Payload>, into heap: inout ContiguousArray<ScheduledEvent<Payload>>) {
        heap.append(event)
        heap.withUnsafeMutableBufferPointer { h in
            var hole = h.count - 1
            while hole > 0 {
                let parent = (hole - 1) >> 1
                if !event.precedes(h[parent]) { break }
                h[hole] = h[parent]
                hole = parent
            }
            h[hole] = event
        }
    }

    @inlinable
    static func pop(from heap: inout ContiguousArray<ScheduledEvent<Payload>>) -> ScheduledEvent<Payload>? {
        guard let last = heap.popLast() else { return nil }
        if heap.isEmpty { return last }
        let first = heap[0]
        heap.withUnsafeMutableBufferPointer { h in siftDown(last, from: 0, in: h) }
        return first
    }

    /// Places `moving` at `start`'s hole, moving smaller children up.
    @inlinable @inline(__always)
    static func siftDown(_ moving: ScheduledEvent<Payload>, from start: Int,
                         in h: UnsafeMutableBufferPointer<ScheduledEvent<Payload>>) {
        let n = h.count
        var hole = start
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

    /// Floyd's bottom-up heap construction, O(n).
    @usableFromInline
    static func heapify(_ heap: inout ContiguousArray<ScheduledEvent<Payload>>) {
        heap.withUnsafeMutableBufferPointer { h in
            var i = h.count / 2 - 1
            while i >= 0 {
                siftDown(h[i], from: i, in: h)
                i -= 1
            }
        }
    }
}
