#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fixed-memory histogram of positive durations with logarithmic buckets, for response
/// time quantiles without keeping the observations (O(1) memory per entity and interval).
///
/// Buckets split each doubling from 100 µs to ~28 h into 16, so a reported quantile is
/// within a bucket's relative width (2^(1/16) − 1 ≈ 4.4%) of the true one.
/// Values below the range count in the first bucket and above it in the last.
struct LogHistogram {
    static let minimum = 1e-4
    static let subBuckets = 16.0
    static let bucketCount = 16 * 30

    private(set) var counts = [UInt32](repeating: 0, count: LogHistogram.bucketCount)
    private(set) var total: UInt64 = 0

    @inline(__always)
    mutating func record(_ seconds: Double) {
        record(bucket: Self.bucket(of: seconds))
    }

    /// The bucket that `seconds` falls in (computed once when it goes into several histograms).
    @inline(__always)
    static func bucket(of seconds: Double) -> Int {
        if seconds <= minimum { return 0 }
        // Clamped as a Double first: an infinite response time falls in the last bucket.
        return Int(min(Double(bucketCount - 1), log2(seconds / minimum) * subBuckets))
    }

    /// Counts one observation in bucket `index` (from ``bucket(of:)``).
    @inline(__always)
    mutating func record(bucket index: Int) {
        counts[index] &+= 1
        total &+= 1
    }

    /// The q-quantile (0 < q < 1); NaN when empty.
    ///
    /// The rank's place among its bucket's observations sets where inside the bucket the value
    /// lies (observations spread evenly on the log scale within a bucket), as a histogram's CDF
    /// is interpolated. Returning the bucket's midpoint instead made every replication whose
    /// quantile fell in the same bucket report the same value, so a confidence interval across
    /// replications shrank to nothing and capacity searches claimed a confidence they did not
    /// have. The value stays inside its bucket: within 4.4% of the true quantile.
    func quantile(_ q: Double) -> Double {
        guard total > 0 else { return .nan }
        let rank = max(1, UInt64((q * Double(total)).rounded(.up)))
        var seen: UInt64 = 0
        for (i, c) in counts.enumerated() where c > 0 {
            if seen + UInt64(c) >= rank {
                // The rank-th observation is the k-th of this bucket's c: at (k − ½) / c of its width.
                let within = (Double(rank - seen) - 0.5) / Double(c)
                return Self.minimum * exp2((Double(i) + within) / Self.subBuckets)
            }
            seen += UInt64(c)
        }
        return .nan
    }

    mutating func reset() {
        for i in 0..<counts.count { counts[i] = 0 }
        total = 0
    }
}

/// The time integral of a piecewise-constant level (sessions, busy workers, queue length),
/// for time averages per interval and over the measured part of the run.
struct LevelIntegral {
    private(set) var value = 0.0
    private var lastChange = 0.0
    /// ∫ since the start of the current interval.
    private(set) var intervalArea = 0.0
    /// ∫ since the end of the warm-up.
    private(set) var runArea = 0.0
    private(set) var peak = 0.0
    var measuring = false

    @inline(__always)
    mutating func set(_ newValue: Double, at now: Double) {
        let area = value * (now - lastChange)
        intervalArea += area
        if measuring { runArea += area }
        lastChange = now
        value = newValue
        if newValue > peak { peak = newValue }
    }

    @inline(__always)
    mutating func add(_ delta: Double, at now: Double) { set(value + delta, at: now) }

    /// Closes the interval at `now` and returns its area.
    mutating func closeInterval(at now: Double) -> Double {
        set(value, at: now)
        defer { intervalArea = 0 }
        return intervalArea
    }

    mutating func startMeasuring(at now: Double) {
        set(value, at: now)
        runArea = 0
        measuring = true
    }
}
