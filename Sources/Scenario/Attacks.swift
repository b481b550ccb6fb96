import Stochastics

/// Attack traffic: a nominal rate shaped by bursts, windows and ramps, aimed at a target,
/// possibly filtered by a mitigation.
public struct Attack: Sendable, Hashable {
    public enum Target: Sendable, Hashable {
        case pool(String)
        case service(String)
        case gate(String)
    }

    public enum Mode: String, Sendable, Hashable {
        case discrete, fluid, auto
    }

    public var id: String
    /// A name for people (`label:`); reports and the stdout summary show it instead of the id.
    public var label: String?
    public var target: Target
    /// Nominal requests per second (bots × rate per bot when given as a botnet).
    public var rate: Double
    /// Bots, when the rate was given as a botnet.
    public var bots: Double?
    public var bursts: [BurstCampaign]
    public var windows: [Window]
    public var ramps: [Ramp]
    /// `nil`: a page's service time on the target pool.
    public var requestCost: Distribution?
    public var mode: Mode
    /// `auto` mode runs the attack as a fluid rate when its peak rate exceeds this (requests/s).
    public var autoThreshold: Double = 1000
    public var mitigation: Mitigation?

    public struct BurstCampaign: Sendable, Hashable {
        public var count: Int
        public var from: Double
        public var to: Double
        public var duration: Distribution
        public var gap: Distribution
        public var intensity: Double

        public init(count: Int, from: Double, to: Double, duration: Distribution, gap: Distribution, intensity: Double) {
            self.count = count; self.from = from; self.to = to
            self.duration = duration; self.gap = gap; self.intensity = intensity
        }
    }

    public struct Window: Sendable, Hashable {
        public var from: Double
        public var to: Double
        public var intensity: Double

        public init(from: Double, to: Double, intensity: Double) {
            self.from = from; self.to = to; self.intensity = intensity
        }
    }

    public struct Ramp: Sendable, Hashable {
        public var from: Double
        public var to: Double
        public var startIntensity: Double
        public var endIntensity: Double

        public init(from: Double, to: Double, startIntensity: Double, endIntensity: Double) {
            self.from = from; self.to = to; self.startIntensity = startIntensity; self.endIntensity = endIntensity
        }
    }

    public struct Mitigation: Sendable, Hashable {
        public enum OverCapacity: String, Sendable, Hashable { case pass, drop }
        public var start: Double
        public var rampUp: Double
        public var passThrough: Double
        public var falsePositive: Double
        public var filterCapacity: Double?
        public var overCapacity: OverCapacity
        public var perSourceRateLimit: Double?
        public var geoBlockShare: Double
    }

    /// The highest intensity any one window, ramp or burst reaches (overlaps add up at run
    /// time; this is the figure `auto` mode compares with its threshold).
    public var peakIntensity: Double {
        let all = bursts.map(\.intensity) + windows.map(\.intensity) + ramps.map { max($0.startIntensity, $0.endIntensity) }
        return all.max() ?? 0
    }

    /// Whether the attack runs as a fluid rate (`fluid`, or `auto` above the threshold)
    /// rather than request by request.
    public var runsFluid: Bool {
        switch mode {
        case .fluid: return true
        case .discrete: return false
        case .auto: return rate * peakIntensity > autoThreshold
        }
    }

    /// Upper bound of the attack's expected request count (for the event estimate).
    var expectedRequests: Double {
        var total = 0.0
        for b in bursts { total += Double(b.count) * b.duration.mean * b.intensity * rate }
        for w in windows { total += (w.to - w.from) * w.intensity * rate }
        for r in ramps { total += (r.to - r.from) * (r.startIntensity + r.endIntensity) / 2 * rate }
        return total
    }
}

/// A result the simulation must reproduce.
public struct Expectation: Sendable, Hashable {
    public enum Tolerance: Sendable, Hashable {
        /// |simulated − value| ≤ amount (in the value's unit).
        case absolute(Double)
        /// |simulated − value| ≤ share × |value|.
        case relative(Double)
        /// The value lies in the simulation's 95% confidence interval.
        case ci95
    }

    public var metric: String
    public var entity: String?
    public var policy: String?
    /// Clock time of a single instant.
    public var at: Double?
    /// Clock interval measured.
    public var from: Double?
    public var to: Double?
    public var value: Double?
    public var min: Double?
    public var max: Double?
    public var tolerance: Tolerance
    /// The widest allowance at which the check can still decide (`decidable_within`:
    /// absolute or relative only); nil: the check's default rule (``CheckBudget``).
    public var decidableWithin: Tolerance? = nil
    /// Line of the expectation in its scenario file (0 when unknown), for messages.
    public var line: Int = 0
    /// Where the expectation is written (its file may be a base the model extends), so
    /// that checks made above the scenario layer can point at it.
    public var location: Location? = nil
}
