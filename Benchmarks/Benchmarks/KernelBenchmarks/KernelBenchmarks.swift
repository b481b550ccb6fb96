import Benchmark
import Foundation
import Kernel
import ReferenceModels

// The kernel's speed (DESIGN.md "Performance"), measured with ordo-one/benchmark:
//
// - the canonical M/M/c (c = 10, λ = 9, μ = 1, 10^6 customers, 2·10^6 events) through
//   `MMcSimulation`, the very loop `affluence bench mmc` times; its wall time is compared
//   with the plain C reference by `compare-mmc.sh` (a C loop has no place in a Swift
//   benchmark target: `make bench-suite` prints both and their ratio);
// - the event calendar alone under the hold model (Vaucher & Duval 1975; Jones, CACM 1986):
//   n events pending, each operation pops the earliest and schedules one at now + Exp(1),
//   so the calendar stays at n. Measured at n = 10^3 … 10^6, for the plain binary heap and
//   for the timing wheel in front of it.
//
// Names avoid spaces and slashes: they name the files under Thresholds/.
//
// Gate: allocations in the steady state are zero. The hold benchmarks fill the calendar
// and run a warm-up pass before measuring, so every measured operation must reuse the
// buffers; Thresholds/*.p90.json hold `mallocCountTotal: 0` and the tolerance below is 0
// (`swift package benchmark thresholds check` fails on any allocation).

let benchmarks: @Sendable () -> Void = {
    let zeroMallocs: [BenchmarkMetric: BenchmarkThresholds] = [
        .mallocCountTotal: .init(absolute: [.p0: 0, .p25: 0, .p50: 0, .p75: 0, .p90: 0, .p99: 0, .p100: 0]),
    ]

    // 2 events per customer (arrival and departure).
    let customers = 1_000_000
    Benchmark(
        "MMc_c10_lambda9_mu1_1e6_customers",
        configuration: .init(
            metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident, eventsPerSecond],
            warmupIterations: 1, maxDuration: .seconds(10), maxIterations: 10)
    ) { benchmark in
        let simulation = MMcSimulation(.init(servers: 10, arrivalRate: 9, serviceRate: 1, customers: customers, seed: 1))
        let started = ContinuousClock.now
        benchmark.startMeasurement()
        let result = simulation.run()
        benchmark.stopMeasurement()
        benchmark.measurement(eventsPerSecond, perSecond(result.events, since: started))
        blackHole(result.meanWait.mean)
    }

    for pending in [1_000, 10_000, 100_000, 1_000_000] {
        for (label, width) in [("heap", Double.infinity), ("wheel", HoldModel.wheelBucketWidth(pending: pending))] {
            let model = HoldModel(pending: pending, bucketWidth: width)
            Benchmark(
                "Calendar_hold_\(label)_\(pending)_pending",
                configuration: .init(
                    metrics: [.wallClock, .throughput, .mallocCountTotal],
                    warmupIterations: 1, scalingFactor: .mega, maxDuration: .seconds(5), maxIterations: 20,
                    thresholds: zeroMallocs)
            ) { benchmark in
                model.hold(benchmark.scaledIterations.count)
            }
        }
    }
}

/// Events per second, an ordo-one custom metric (larger is better).
let eventsPerSecond = BenchmarkMetric.custom("events/s", polarity: .prefersLarger, useScalingFactor: false)

func perSecond(_ events: UInt64, since start: ContinuousClock.Instant) -> Int {
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    return Int((Double(events) / seconds).rounded())
}

/// The hold model on an `EventCalendar`: a calendar kept at `pending` events, each hold
/// operation popping the earliest and scheduling a successor Exp(1) later.
///
/// The increments come from a precomputed table (a SplitMix64 draw per entry) so that the
/// measurement is the calendar's, not a random generator's. The calendar lives across
/// iterations: the first (warm-up) iteration grows every buffer to its peak.
final class HoldModel: @unchecked Sendable {
    /// The wheel's bucket width for `pending` events spread over about 10 mean increments:
    /// about 4 events per bucket, but at least 2^-10 (the wheel's 8192 buckets then still
    /// span 8 mean increments, so few events go to the overflow heap). A width fixed for
    /// all n leaves most buckets empty at small n, and the wheel then walks them.
    static func wheelBucketWidth(pending: Int) -> Double { max(1.0 / 1024, 4.0 / Double(pending)) }

    private var calendar: EventCalendar<UInt32>
    private var increments: [Double]
    private var cursor = 0

    init(pending: Int, bucketWidth: Double) {
        var state: UInt64 = 0x5EED
        increments = (0..<65_536).map { _ in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            let u = (Double(z >> 11) + 0.5) * 0x1p-53
            return -log(u)
        }
        calendar = EventCalendar(bucketWidth: bucketWidth)
        for k in 0..<pending { calendar.schedule(at: increments[k & 0xFFFF], UInt32(truncatingIfNeeded: k)) }
    }

    /// `operations` hold operations.
    ///
    /// - Complexity: O(log n) each for the heap; amortised O(1) bucket work plus a heap of
    ///   one bucket's events for the wheel.
    func hold(_ operations: Int) {
        var checksum: UInt32 = 0
        for _ in 0..<operations {
            let event = calendar.popNext().unsafelyUnwrapped
            checksum &+= event.payload
            calendar.schedule(at: event.time + increments[cursor], event.payload)
            cursor = (cursor + 1) & 0xFFFF
        }
        blackHole(checksum)
    }
}
