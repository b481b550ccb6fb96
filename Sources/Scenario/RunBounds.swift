/// The largest values a run can honour, each derived from what the kernel or the outputs
/// can represent, and defined once here. `validate` refuses a model beyond one of them
/// with a located error, so a value it accepts never traps or exhausts memory in `run`.
///
/// Values that are merely large are legal: a think time of 1e300 s or a heavy-tailed draw
/// that overflows to infinity is an event that never fires within the run (the kernel
/// keeps such events pending, see `EventCalendar.lastBucket`).
public enum RunBounds {
    /// Workers in one pool (servers × `workers_per_server`, at any time of the run).
    /// Events carry worker counts as `Int32` (they keep the event small, see
    /// `WorldEvent`), so a count above `Int32.max` cannot be scheduled.
    public static let maxWorkers = Int(Int32.max)

    /// Simulated seconds in one run (`end` − `start`). The clock is a `Double` in seconds:
    /// below 2^32 s (136 years) its resolution, one unit in the last place, is at most
    /// 2^(32−53) s ≈ 0.5 µs, well below the millisecond, the language's finest unit; past
    /// it, events a few microseconds apart would fire at the same instant.
    public static let maxDurationSeconds: Double = 4_294_967_296

    /// The most events (requests, arrivals) a rate may produce over the run: 2^53, the
    /// largest count a `Double` holds exactly. Counts are accumulated and written as
    /// `Double`s; beyond it adding one request no longer changes the total.
    public static let maxExactCount: Double = 9_007_199_254_740_992

    /// Values one replication records: report intervals × series (per pool, platform,
    /// segment and attack metric). Each is a `Double` in memory (2^24 of them: 128 MiB)
    /// and a line of `timeseries.csv` of about 80 bytes (≈ 1.3 GB), the same order as the
    /// France day's 484 MB peak; `event_limit` bounds the events the same way.
    public static let maxSeriesValues = 1 << 24

    /// Values held at once by a run's replications: every replication's series stay in
    /// memory until they are aggregated, 2^27 `Double`s (1 GiB), half the 2 GB memory the
    /// design allows a run.
    public static let maxHeldValues = 1 << 27

    /// A suggested duration, rounded up to a whole second (a millisecond below one second).
    static func roundedUp(_ seconds: Double) -> Double {
        seconds >= 1 ? seconds.rounded(.up) : (seconds * 1000).rounded(.up) / 1000
    }

    /// `x` to three significant digits, for messages: `1.5e13`, `16.8M`, `12.3`.
    static func approximate(_ x: Double) -> String {
        guard x.isFinite else { return "infinitely many" }
        guard x >= 1e12 else { return x >= 1000 ? Validation.format(x) : Units.formatNumber((x * 100).rounded() / 100) }
        var mantissa = x, exponent = 0
        while mantissa >= 10 { mantissa /= 10; exponent += 1 }
        return "\(Units.formatNumber((mantissa * 100).rounded() / 100))e\(exponent)"
    }

    /// The error for a run whose recorded values exceed ``maxSeriesValues`` (per
    /// replication) or ``maxHeldValues`` (all replications); nil when within both.
    /// `intervals` report intervals of a `duration`-second run.
    public static func outputProblem(duration: Double, intervals: Int, series: Int, replications: Int) -> String? {
        let perReplication = Double(intervals) * Double(series)
        if perReplication > Double(maxSeriesValues) {
            let shortest = roundedUp(duration * Double(series) / Double(maxSeriesValues))
            return "the run would record \(intervals) intervals × \(series) series = \(Validation.format(perReplication)) values per replication, "
                + "above the limit of \(Validation.format(Double(maxSeriesValues))) (about 1.3 GB of timeseries.csv); "
                + "use a `report_interval` of at least \(Units.formatDuration(shortest)) or a shorter run"
        }
        let held = perReplication * Double(replications)
        if held > Double(maxHeldValues) {
            return "\(replications) replications × \(intervals) intervals × \(series) series = \(Validation.format(held)) values held in memory, "
                + "above the limit of \(Validation.format(Double(maxHeldValues))) (1 GiB); use at most "
                + "\(Int(Double(maxHeldValues) / perReplication)) replications, a longer `report_interval` or a shorter run"
        }
        return nil
    }
}

extension Int {
    /// `x` rounded toward zero, saturated to `Int.min...Int.max` (NaN is 0): for a figure
    /// derived from user input (a heavy-tailed mean, a huge rate) where `Int(x)` would trap.
    /// Equal to `Int(x)` wherever that does not trap.
    @inlinable
    public init(saturating x: Double) {
        if x.isNaN { self = 0 } else if x >= 0x1p63 { self = .max } else if x < -0x1p63 { self = .min } else { self.init(x) }
    }
}
