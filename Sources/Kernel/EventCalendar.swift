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
/// - with an infinite width (the default), all events are in the *front* (below);
/// - with a finite width w, a timing wheel in front of the heap (a calendar queue in the
///   sense of Brown, CACM 1988, simplified): events due in the current bucket
///   [k·w, (k+1)·w) sit in the front, events of the next `wheelSize` buckets are appended
///   unsorted to their bucket, later ones wait in an overflow heap. When the front runs
///   dry the next non-empty bucket becomes the front in O(bucket size). With millions of
///   pending events (a nationwide day: every user's think timer) the front stays small
///   enough to live in cache, which a single heap of millions of entries does not.
///
/// The front adapts to its size. Up to `sortedLimit` events it is an array sorted latest
/// first: the next event is the last element (popped in O(1)) and an insertion shifts the
/// later events by one. A textbook queue holds about c + 1 events (an M/M/10 about 11), and
/// there one mispredicted branch per insertion beats the three or four per operation of a
/// heap's sift-down. Beyond the limit the front is an implicit binary min-heap; it turns
/// back into a sorted array when it shrinks to a quarter of the limit (the gap keeps a
/// size hovering at the limit from converting at every event). Both orders are the same
/// total order, so the events fire identically whichever form the front has.
///
/// Events are plain values stored inline: scheduling and firing allocate nothing once
/// the buffers have grown to their peak (the wheel's buckets grow to the largest bucket
/// seen in one step, see `append(_:toBucket:)`).
///
/// - Complexity: O(min(n, sortedLimit)) per insertion and O(1) per pop in the sorted form;
///   O(log n) per operation in the heap form; amortised O(1) bucket work on the wheel.
public struct EventCalendar<Payload> {
    /// The current bucket's events (all events without a wheel): sorted latest first while
    /// `frontIsSorted`, a binary min-heap otherwise.
    @usableFromInline var front: ContiguousArray<ScheduledEvent<Payload>> = []
    @usableFromInline var frontIsSorted = true
    @usableFromInline var nextSequence: UInt64 = 0

    // The timing wheel (unused when bucketWidth is infinite).
    @usableFromInline let inverseWidth: Double
    @usableFromInline let usesWheel: Bool
    @usableFromInline var buckets: [ContiguousArray<ScheduledEvent<Payload>>]
    @usableFromInline var overflow: ContiguousArray<ScheduledEvent<Payload>> = []
    /// Absolute index of the bucket whose events are in `front`.
    @usableFromInline var current: Int64 = 0
    @usableFromInline var wheelCount = 0
    /// The largest capacity any bucket has needed: a bucket that must grow grows to it at once.
    @usableFromInline var bucketCapacity = 16

    @usableFromInline static var wheelSize: Int64 { 8192 }
    /// The most events the front keeps as a sorted array: an M/M/c up to c ≈ 20 stays in
    /// the sorted form; a larger front is a heap, as an insertion would shift n/2 events on
    /// average where the heap moves log₂ n.
    @usableFromInline static var sortedLimit: Int { 24 }

    /// A calendar; `bucketWidth` in the model's time unit (see the type's discussion).
    public init(bucketWidth: Double = .infinity) {
        precondition(bucketWidth > 0, "bucket width must be positive")
        usesWheel = bucketWidth.isFinite
        inverseWidth = bucketWidth.isFinite ? 1 / bucketWidth : 0
        buckets = usesWheel ? Array(repeating: [], count: Int(Self.wheelSize)) : []
    }

    /// The number of pending events.
    @inlinable public var count: Int { front.count + wheelCount + overflow.count }
    @inlinable public var isEmpty: Bool { count == 0 }

    /// The last bucket index: every event at or beyond it (a heavy-tailed draw of 1e300 s,
    /// an infinite delay) shares it. 2^62 leaves room for `current + 1` and for the wheel's
    /// `b - current` without overflow, and no run reaches it: with the finest bucket a
    /// model uses (a millisecond) it is 1.5 × 10^8 years away.
    @usableFromInline static var lastBucket: Int64 { 1 << 62 }

    /// The bucket of `time`. Times too far ahead for an Int64 bucket index (or infinite)
    /// go to ``lastBucket``, where they still fire in (time, sequence) order, never trap.
    @inlinable @inline(__always)
    func bucket(of time: Double) -> Int64 {
        let index = (time * inverseWidth).rounded(.down)
        return index < Double(Self.lastBucket) ? Int64(index) : Self.lastBucket
    }

    /// Adds an event; among events at the same time it fires after those already scheduled.
    @inlinable @inline(__always)
    public mutating func schedule(at time: Double, _ payload: Payload) {
        let event = ScheduledEvent(time: time, sequence: nextSequence, payload: payload)
        nextSequence &+= 1
        if usesWheel { scheduleOnWheel(event) } else { insertInFront(event) }
    }

    /// Files an event in the front, a bucket or the overflow (kept out of line: the
    /// heap-only calendar of a small model inlines just the test above).
    @inlinable @inline(never)
    mutating func scheduleOnWheel(_ event: ScheduledEvent<Payload>) {
        let b = bucket(of: event.time)
        if b <= current {
            insertInFront(event)
        } else if b - current < Self.wheelSize {
            append(event, toBucket: Int(b & (Self.wheelSize - 1)))
        } else {
            Self.push(event, into: &overflow)
        }
    }

    /// The time of the next event, if any (moves the wheel forward when the front is empty).
    @inlinable
    public mutating func nextTime() -> Double? {
        if front.isEmpty && usesWheel { refill() }
        return earliestInFront?.time
    }

    /// The earliest event of the current bucket, without moving the wheel (nil when the
    /// current bucket is exhausted): a hint of what comes next, e.g. for prefetching.
    @inlinable
    public var upcoming: Payload? { earliestInFront?.payload }

    /// Removes and returns the earliest event.
    @inlinable
    public mutating func popNext() -> ScheduledEvent<Payload>? {
        if front.isEmpty && usesWheel { refill() }
        return popFront()
    }

    /// Removes and returns the earliest event if it is due at or before `horizon`; leaves it
    /// pending otherwise. One look at the front instead of a peek and a pop.
    @inlinable
    public mutating func popNext(notAfter horizon: Double) -> ScheduledEvent<Payload>? {
        if usesWheel && front.isEmpty { refill() }
        guard let first = earliestInFront, first.time <= horizon else { return nil }
        return popFront()
    }

    // MARK: The front: a sorted array or a heap

    @inlinable
    var earliestInFront: ScheduledEvent<Payload>? { frontIsSorted ? front.last : front.first }

    @inlinable @inline(__always)
    mutating func insertInFront(_ event: ScheduledEvent<Payload>) {
        if frontIsSorted {
            if front.count < Self.sortedLimit {
                Self.insertSorted(event, into: &front)
                return
            }
            // Latest first reversed is earliest first: a sorted array is a valid min-heap.
            front.reverse()
            frontIsSorted = false
        }
        Self.push(event, into: &front)
    }

    @inlinable @inline(__always)
    mutating func popFront() -> ScheduledEvent<Payload>? {
        if frontIsSorted { return front.popLast() }
        let first = Self.pop(from: &front)
        if front.count <= Self.sortedLimit / 4 { sortFront() }
        return first
    }

    /// Turns the front into the sorted form (insertion sort: it holds a handful of events).
    @usableFromInline
    mutating func sortFront() {
        front.withUnsafeMutableBufferPointer { a in
            for i in a.indices.dropFirst() {
                let moving = a[i]
                var hole = i
                while hole > 0, a[hole - 1].precedes(moving) {
                    a[hole] = a[hole - 1]
                    hole -= 1
                }
                a[hole] = moving
            }
        }
        frontIsSorted = true
    }

    /// Inserts into an array sorted latest first, after (deeper than) equal events scheduled
    /// earlier, so that simultaneous events fire in the order they were scheduled.
    @inlinable @inline(__always)
    static func insertSorted(_ event: ScheduledEvent<Payload>, into array: inout ContiguousArray<ScheduledEvent<Payload>>) {
        array.append(event)
        array.withUnsafeMutableBufferPointer { a in
            var hole = a.count - 1
            while hole > 0, a[hole - 1].precedes(event) {
                a[hole] = a[hole - 1]
                hole -= 1
            }
            a[hole] = event
        }
    }

    // MARK: The wheel

    /// Appends to a wheel bucket. A bucket that is full grows straight to the largest
    /// capacity any bucket has needed, so that the buffers, which rotate between the
    /// buckets and the front at every refill, all reach the peak after one revolution
    /// instead of regrowing by doubling in every bucket that receives a small buffer.
    @inlinable @inline(__always)
    mutating func append(_ event: ScheduledEvent<Payload>, toBucket slot: Int) {
        if buckets[slot].count == buckets[slot].capacity { growBucket(slot) }
        buckets[slot].append(event)
        wheelCount += 1
    }

    @usableFromInline
    mutating func growBucket(_ slot: Int) {
        let needed = Swift.max(bucketCapacity, 2 * buckets[slot].capacity)
        bucketCapacity = needed
        buckets[slot].reserveCapacity(needed)
    }

    /// Advances `current` to the next bucket holding events and makes it the front.
    @usableFromInline
    mutating func refill() {
        while front.isEmpty {
            if wheelCount == 0 {
                guard let first = overflow.first else { return }
                // Nothing on the wheel: jump straight to the overflow's first bucket.
                current = max(current, bucket(of: first.time) - 1)
            }
            current += 1
            let slot = Int(current & (Self.wheelSize - 1))
            if !buckets[slot].isEmpty {
                wheelCount -= buckets[slot].count
                swap(&front, &buckets[slot])  // reuse the bucket's buffer as the front
                if front.count <= Self.sortedLimit {
                    sortFront()
                } else {
                    Self.heapify(&front)
                    frontIsSorted = false
                }
            }
            while let first = overflow.first, bucket(of: first.time) <= current {
                insertInFront(Self.pop(from: &overflow).unsafelyUnwrapped)
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
