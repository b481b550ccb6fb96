/// When a pool or platform counts as saturated (the scenario's `saturation:` block).
///
/// Saturation is two measures, reported apart (DESIGN.md, "Observations"):
/// *overload*, the servers failing their users (utilisation, latency, timeouts and
/// rejections past a threshold), and *refusal*, the gates turning users away by policy
/// (session caps, token buckets, time windows, waiting-room balks and reneges, an
/// attack filter blocking legitimate requests). Each report interval is flagged or not
/// for each measure; a measure's onset is the start of the first `sustain`-long run of
/// flagged intervals. Every threshold has its default in ``Schema/saturation`` (the
/// documentation's table): the decoder reads an absent key as that text.
public struct SaturationSettings: Sendable, Hashable {
    /// How long a measure must hold, in seconds, for its onset (rounded up to whole
    /// report intervals, at least one).
    public var sustain: Double
    /// A pool is overloaded in an interval when busy / workers reaches this share.
    public var utilization: Double
    /// A pool is overloaded when more than this share of its arrivals timed out or were
    /// rejected; a platform, when more than this share of its interval's outcomes were
    /// failed logins or timed-out pages (not counting requests an attack filter blocked).
    public var failedShare: Double
    /// A pool is overloaded when the interval's 95th percentile response time exceeds
    /// this many seconds; `nil`: latency alone never flags overload.
    public var p95Response: Double?
    /// A platform is refusing when more than this share of its interval's outcomes were
    /// users or requests turned away by policy.
    public var refusedShare: Double

    public init(sustain: Double, utilization: Double, failedShare: Double, p95Response: Double?, refusedShare: Double) {
        self.sustain = sustain
        self.utilization = utilization
        self.failedShare = failedShare
        self.p95Response = p95Response
        self.refusedShare = refusedShare
    }
}
