import Testing
@testable import Kernel

/// A tiny deterministic generator so the kernel's tests depend on nothing but the kernel.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

@Suite("Event calendar")
struct EventCalendarTests {
    /// The reference: every scheduled (time, sequence, payload) kept in an array; the next
    /// event is the minimum by (time, sequence), found by sorting.
    struct Reference {
        var pending: [(time: Double, seq: Int, payload: Int)] = []
        var nextSeq = 0
        mutating func schedule(_ time: Double, _ payload: Int) {
            pending.append((time, nextSeq, payload))
            nextSeq += 1
        }
        mutating func popNext() -> (time: Double, payload: Int)? {
            guard !pending.isEmpty else { return nil }
            pending.sort { ($0.time, $0.seq) < ($1.time, $1.seq) }
            let first = pending.removeFirst()
            return (first.time, first.payload)
        }
    }

    /// Bucket widths: a plain heap, buckets finer than the event spacing, and coarse
    /// buckets whose wheel horizon (8192 buckets) is shorter than the schedules, so the
    /// overflow heap is exercised too.
    static let widths: [Double] = [.infinity, 0.37, 1e-3]

    @Test("pops in (time, sequence) order like a sorted array, over thousands of random schedules",
          arguments: 0..<3000)
    func matchesSortedReference(seed: Int) {
        var rng = SplitMix64(state: UInt64(seed))
        var calendar = EventCalendar<Int>(bucketWidth: Self.widths[seed % 3])
        var reference = Reference()
        // Few distinct times in some schedules, so ties are common and order by sequence matters.
        let distinctTimes = [3, 10, 1000, 100_000][(seed / 3) % 4]
        let operations = 20 + rng.below(200)
        var payload = 0
        var now = 0.0
        for _ in 0..<operations {
            if rng.below(3) < 2 || calendar.isEmpty {
                let time = now + Double(rng.below(distinctTimes))
                calendar.schedule(at: time, payload)
                reference.schedule(time, payload)
                payload += 1
            } else {
                let got = calendar.popNext()
                let want = reference.popNext()
                #expect(got?.time == want?.time && got?.payload == want?.payload)
                now = got?.time ?? now
            }
            #expect(calendar.count == reference.pending.count)
        }
        while let want = reference.popNext() {
            let got = calendar.popNext()
            #expect(got?.time == want.time && got?.payload == want.payload)
        }
        #expect(calendar.popNext() == nil)
    }

    @Test("simultaneous events fire in the order they were scheduled", arguments: widths)
    func tiesAreFirstInFirstOut(width: Double) {
        var calendar = EventCalendar<Int>(bucketWidth: width)
        for i in 0..<100 { calendar.schedule(at: 5, i) }
        var fired: [Int] = []
        while let e = calendar.popNext() { fired.append(e.payload) }
        #expect(fired == Array(0..<100))
    }
}

extension EventCalendarTests {
    @Test("the front turns from a sorted array into a heap and back without changing the order",
          arguments: [Double.infinity, 0.37])
    func frontChangesForm(width: Double) {
        // Waves up to 4× the sorted limit and down to empty cross both conversions many
        // times; few distinct times make ties common.
        var rng = SplitMix64(state: 2024)
        var calendar = EventCalendar<Int>(bucketWidth: width)
        var reference = Reference()
        var payload = 0
        var now = 0.0
        for wave in 0..<40 {
            let peak = 1 + rng.below(4 * EventCalendar<Int>.sortedLimit)
            while calendar.count < peak {
                let time = now + Double(rng.below(wave % 2 == 0 ? 5 : 1000)) * 0.1
                calendar.schedule(at: time, payload)
                reference.schedule(time, payload)
                payload += 1
            }
            let trough = rng.below(EventCalendar<Int>.sortedLimit / 2)
            while calendar.count > trough {
                let got = calendar.popNext()
                let want = reference.popNext()
                #expect(got?.time == want?.time && got?.payload == want?.payload)
                now = got?.time ?? now
            }
        }
        while let want = reference.popNext() {
            let got = calendar.popNext()
            #expect(got?.time == want.time && got?.payload == want.payload)
        }
    }

    @Test("an event scheduled after the wheel moved past an empty stretch still fires first")
    func schedulingBehindTheWheel() {
        var calendar = EventCalendar<Int>(bucketWidth: 1)
        calendar.schedule(at: 50_000, 1)  // beyond the wheel: overflow
        #expect(calendar.nextTime() == 50_000)  // the wheel jumps to its bucket
        calendar.schedule(at: 10, 2)  // earlier than the current bucket
        calendar.schedule(at: 49_999.5, 3)
        #expect(calendar.popNext()?.payload == 2)
        #expect(calendar.popNext()?.payload == 3)
        #expect(calendar.popNext()?.payload == 1)
        #expect(calendar.popNext() == nil)
    }
}

@Suite("Simulator run loop")
struct SimulatorTests {
    enum Tick { case a(Int), b }

    @Test("the clock follows the events and stops at the horizon, leaving later events pending")
    func horizon() {
        var sim = Simulator<Tick>()
        sim.schedule(at: 1, .a(1))
        sim.schedule(at: 2, .a(2))
        sim.schedule(at: 10, .b)
        var seen: [Double] = []
        while sim.next(until: 5) != nil { seen.append(sim.now) }
        #expect(seen == [1, 2])
        #expect(sim.now == 5)
        #expect(sim.pendingEvents == 1)
        #expect(sim.firedEvents == 2)
        #expect(sim.next(until: 20) != nil)
        #expect(sim.now == 10)
        #expect(sim.next(until: 20) == nil)
        #expect(sim.now == 20)
    }

    /// Heavy-tailed delays are legal input: a draw of 1e300 s, or one that overflows to
    /// infinity, must stay pending past any horizon, on the wheel as in the plain heap.
    @Test("events far beyond any horizon, infinite ones too, stay pending and never trap",
          arguments: EventCalendarTests.widths)
    func farFutureEvents(width: Double) {
        var sim = Simulator<Tick>(bucketWidth: width)
        sim.schedule(after: .infinity, .a(0))
        sim.schedule(at: 1e300, .a(1))
        sim.schedule(at: .greatestFiniteMagnitude, .a(2))
        sim.schedule(at: 3, .b)
        sim.schedule(after: 1e308, .a(3))
        #expect(sim.next(until: 100) != nil && sim.now == 3)
        sim.schedule(at: 4, .a(4))
        #expect(sim.next(until: 100) != nil && sim.now == 4)
        #expect(sim.next(until: 100) == nil && sim.now == 100)
        #expect(sim.pendingEvents == 4)
        // With no horizon they fire in time order, the infinite one last.
        var times: [Double] = []
        while sim.next() != nil { times.append(sim.now) }
        #expect(times == [1e300, 1e308, .greatestFiniteMagnitude, .infinity])
    }

    @Test("an event at exactly the horizon fires")
    func eventAtHorizonFires() {
        var sim = Simulator<Tick>()
        sim.schedule(at: 5, .b)
        #expect(sim.next(until: 5) != nil)
    }

    @Test("schedule(after:) is relative to the clock")
    func relativeScheduling() {
        var sim = Simulator<Tick>()
        sim.schedule(at: 3, .b)
        _ = sim.next()
        sim.schedule(after: 2, .a(0))
        _ = sim.next()
        #expect(sim.now == 5)
    }

    @Test("stop ends the loop")
    func stop() {
        var sim = Simulator<Tick>()
        for i in 0..<10 { sim.schedule(at: Double(i), .a(i)) }
        var count = 0
        while sim.next() != nil {
            count += 1
            if count == 3 { sim.stop() }
        }
        #expect(count == 3)
    }

    @Test("lazy cancellation: events stamped with an old generation are recognised as stale")
    func generations() {
        var generations = Generations(count: 2)
        let stamp = generations.current(1)
        #expect(generations.isCurrent(1, generation: stamp))
        generations.cancelAll(1)
        #expect(!generations.isCurrent(1, generation: stamp))
        #expect(generations.isCurrent(0, generation: generations.current(0)))
        generations.ensureCapacity(5)
        #expect(generations.current(4) == 0)
    }
}

@Suite("Ring buffer")
struct RingBufferTests {
    @Test("behaves like an array used as a FIFO queue, across growth and wrap-around", arguments: 0..<200)
    func matchesArray(seed: Int) {
        var rng = SplitMix64(state: UInt64(seed) &+ 99)
        var ring = RingBuffer<Int>(capacity: 1 + rng.below(4))
        var reference: [Int] = []
        for i in 0..<500 {
            if rng.below(5) < 3 {
                ring.append(i)
                reference.append(i)
            } else {
                #expect(ring.popFirst() == (reference.isEmpty ? nil : reference.removeFirst()))
            }
            #expect(ring.count == reference.count)
            #expect(ring.first == reference.first)
        }
    }
}
