/// What a metric's values measure, which decides how they are written and read.
///
/// Several units share one CSV spelling (`count` for counts, levels and flags; `s` for
/// durations and clock times) because the files' `unit` column predates the catalogue and
/// scripts read it; the distinction matters for people (HH:MM, thousands, yes/no) and for
/// scaling a sampled run, not for the column.
public enum MetricUnit: Sendable, Hashable, CaseIterable {
    /// Things counted over the run or an interval: requests, visits, logins.
    case count
    /// Things the model itself declares or the simulator does, not people or their
    /// requests: an attack's bursts, the simulator's events. A sample of the users leaves
    /// them as they are (60 declared bursts are 60 bursts at any `sample`).
    case modelCount
    /// A number of things present at once, instantaneous, peak or time-averaged: sessions,
    /// busy workers, queue length.
    case level
    /// 1 or 0.
    case flag
    /// A proportion between 0 and 1.
    case share
    /// A duration in seconds.
    case seconds
    /// A time of day in seconds after midnight (past 86 400 after midnight).
    case clock
    /// Things per second.
    case perSecond
    /// A quotient of two counts that is not a share (attempts per successful login).
    case ratio

    /// The spelling in the `unit` column of `summary.csv` and the comparison files.
    public var csv: String {
        switch self {
        case .count, .modelCount, .level, .flag: "count"
        case .share: "share"
        case .seconds, .clock: "s"
        case .perSecond: "1/s"
        case .ratio: "ratio"
        }
    }

    /// Whether the figure grows with the population: a run on a sample of the users
    /// divides it by the sample's share to speak for everyone.
    public var isExtensive: Bool {
        switch self {
        case .count, .level, .perSecond: true
        case .modelCount, .flag, .share, .seconds, .clock, .ratio: false
        }
    }
}

/// Which way a metric is better, for rankings and for reading a difference.
public enum MetricDirection: Sendable, Hashable {
    case higherIsBetter, lowerIsBetter
    /// Neither way is better in itself (demand, capacity, a clock time that is a fact).
    case neither
}

/// How the per-interval values of a series are combined over a window of intervals
/// (an expectation's `from`/`to`, a chart's coarser bins).
public enum WindowAggregation: Sendable, Hashable {
    /// Counts: summed over the window.
    case sum
    /// Levels, rates and shares: averaged over the intervals that have a value.
    case mean
    /// The largest value in the window.
    case max
    /// A quotient of sums, over the same entity: Σ numerators / Σ denominator
    /// (`attempts_per_success` is Σ attempts_first + Σ attempts_retry over Σ successful_logins).
    case ratio(of: [String], to: String)
}

/// A feature an entity must have for it to report a metric; without it the metric is
/// absent, not zero.
public enum MetricRequirement: Sendable, Hashable, CaseIterable {
    /// A pool with a `service_level`.
    case serviceLevel
    /// A platform with a waiting room among its gates.
    case waitingRoom
    /// A platform with a token bucket.
    case tokenBucket
    /// A platform with time windows.
    case timeWindow
    /// A platform with a session cap.
    case sessionCap
    /// A platform whose users' clients have policies (throttling, retry budget, backoff).
    case clientPolicies
    /// A platform with `retry_amplification`.
    case retryAmplification
}
