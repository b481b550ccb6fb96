import Kernel

/// What happened at a pool over a stretch of time (an interval, or the measured run).
struct PoolCounters {
    var arrived = 0.0
    var served = 0.0
    var timedOut = 0.0
    var rejected = 0.0
    var wasted = 0.0
    var dropped = 0.0
    var reneged = 0.0
    /// Jobs that left the queue (started service, reneged, or were dropped when their client
    /// timed out) and their total and positive waits: every departure from the queue, so
    /// that L = λW holds for the queue whatever the pool does with expired work.
    var queueExits = 0.0
    var waitSum = 0.0
    var waited = 0.0
    /// The part of those that started service: the wait of the served (Erlang A tells the two apart).
    var serviceStarts = 0.0
    var servedWaitSum = 0.0
    var responseSum = 0.0
    var response = LogHistogram()
    /// Queue exits that waited longer than the pool's `service_level.wait`, and served
    /// requests answered within its `service_level.response`: counted against the
    /// threshold as each request leaves, so the shares are exact (the response histogram's
    /// buckets are about 1% wide, too coarse to say on which side of T a response fell).
    var waitedOverTarget = 0.0
    var respondedWithinTarget = 0.0

    /// A job left the queue after waiting `wait` seconds: to a worker, by reneging, or
    /// dropped; `target` is the pool's wait threshold (infinite without one).
    @inline(__always)
    mutating func leftQueue(after wait: Double, target: Double) {
        queueExits += 1
        waitSum += wait
        if wait > 0 { waited += 1 }
        if wait > target { waitedOverTarget += 1 }
    }

    mutating func reset() {
        arrived = 0; served = 0; timedOut = 0; rejected = 0; wasted = 0; dropped = 0; reneged = 0
        queueExits = 0; waitSum = 0; waited = 0; serviceStarts = 0; servedWaitSum = 0; responseSum = 0
        waitedOverTarget = 0; respondedWithinTarget = 0
        response.reset()
    }
}

/// A server pool's state: worker slots, the FIFO queue, and its observations.
struct PoolState {
    var workers: Int
    var busy = 0
    var queue = RingBuffer<Int32>(capacity: 64)
    /// Queued jobs still wanted (the queue also holds dropped jobs until they reach its head).
    var liveQueued = 0
    var onOrder = 0

    var busyLevel = LevelIntegral()
    var queueLevel = LevelIntegral()
    var workersLevel = LevelIntegral()
    var interval = PoolCounters()
    var run = PoolCounters()
    var measuring = false

    init(workers: Int) {
        self.workers = workers
        workersLevel.set(Double(workers), at: 0)
    }

    /// Applies `change` to both the interval's and (after the warm-up) the run's counters.
    @inline(__always)
    mutating func count(_ change: (inout PoolCounters) -> Void) {
        change(&interval)
        if measuring { change(&run) }
    }
}
