import Stochastics

/// What a platform's gates saw over a stretch of time.
struct GateCounters {
    /// Users who reached the waiting room's decision (let through or queued).
    var roomArrivals = 0.0
    var roomEntered = 0.0
    var admittedFromRoom = 0.0
    var balked = 0.0
    var reneged = 0.0
    /// Time spent in the room by those who left it (released or reneged).
    var roomWaitSum = 0.0
    var bucketRefused = 0.0
    var windowRefused = 0.0
    /// Refused by a session cap (at the edge or after the login).
    var capRefused = 0.0

    mutating func reset() { self = GateCounters() }

    /// Two gates' counts together (a platform's gates of one kind, in its summary).
    static func + (a: GateCounters, b: GateCounters) -> GateCounters {
        GateCounters(roomArrivals: a.roomArrivals + b.roomArrivals, roomEntered: a.roomEntered + b.roomEntered,
                     admittedFromRoom: a.admittedFromRoom + b.admittedFromRoom, balked: a.balked + b.balked,
                     reneged: a.reneged + b.reneged, roomWaitSum: a.roomWaitSum + b.roomWaitSum,
                     bucketRefused: a.bucketRefused + b.bucketRefused, windowRefused: a.windowRefused + b.windowRefused,
                     capRefused: a.capRefused + b.capRefused)
    }
}

/// One user waiting in a room; stale once the user's action stamp moves on.
struct RoomEntry {
    var user: Int32
    var generation: UInt32
    var since: Double
}

/// A queue of room entries taken FIFO or uniformly at random (swap with the head, pop).
struct RoomQueue {
    private(set) var entries: [RoomEntry] = []
    private(set) var head = 0

    var count: Int { entries.count - head }

    mutating func append(_ e: RoomEntry) { entries.append(e) }

    /// The next entry: the oldest, or a uniform pick drawn from `stream`.
    mutating func pop(random stream: RandomStream?) -> RoomEntry? {
        guard head < entries.count else { return nil }
        if let stream, entries.count - head > 1 {
            let k = head + stream.index(below: entries.count - head)
            entries.swapAt(head, k)
        }
        let e = entries[head]
        head += 1
        if head >= 4096, head * 2 >= entries.count {
            entries.removeFirst(head)
            head = 0
        }
        return e
    }

    /// Fisher–Yates shuffle of everyone waiting (the pre-queue at the start).
    mutating func shuffle(_ stream: RandomStream) {
        var i = entries.count - 1
        while i > head {
            let k = head + stream.index(below: i - head + 1)
            entries.swapAt(i, k)
            i -= 1
        }
    }
}

/// One gate's state (``PlatformGate``): a waiting room's queues (two classes: reserved
/// segments first), a token bucket's tokens, a cap's latch, and counters.
struct GateState {
    var queues = [RoomQueue(), RoomQueue()]
    /// Users really waiting (entries minus stale ones).
    var waiting = 0
    var roomLevel = LevelIntegral()
    var releasePending = false
    /// Rate outflow: the earliest time of the next release.
    var nextRelease = -Double.infinity
    var started = true
    /// Outflow observed over the last interval, for the displayed wait (slot outflow).
    var observedRate = Double.nan
    var intervalReleases = 0.0
    var tokens = 0.0
    var lastRefill = 0.0
    /// A session cap, once switched on by its activation threshold, stays on.
    var capLatched = false
    var interval = GateCounters()
    var run = GateCounters()
    var measuring = false
    /// The gate's own stream: random-order picks and the pre-queue shuffle never touch users' draws.
    var stream: RandomStream?

    @inline(__always)
    mutating func count(_ change: (inout GateCounters) -> Void) {
        change(&interval)
        if measuring { change(&run) }
    }
}
