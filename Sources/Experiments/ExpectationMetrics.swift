import Metrics
import World

/// The metrics an expectation can read, by entity kind and by where they come from: the
/// run summary (no `at`/`from`/`to`) or the per-interval series (with them).
///
/// Read from ``MetricCatalog``, the one list of what `World` writes; a test compares the
/// catalogue with real runs so it cannot drift from the simulator silently.
public enum ExpectationMetrics {
    /// Summary metrics per entity kind, in catalogue order, those that need a feature
    /// included. `share_in_by_HHMM` exists for each of 08:00, 09:00, 10:00, 12:00, 14:00
    /// inside the run.
    public static let summary: [EntityKind: [String]] = Dictionary(
        uniqueKeysWithValues: [EntityKind.pool, .platform, .segment, .attack].map { ($0, MetricCatalog.summaryNames(of: $0)) })

    /// Pool summary metrics written only for pools with a `service_level` (each for its threshold).
    public static let serviceLevelPoolSummary = MetricCatalog.names(requiring: .serviceLevel)

    /// Platform summary metrics written only for platforms with a gate of the kind that
    /// declares them (a waiting room, a token bucket, time windows, a session cap).
    public static let gatedPlatformSummary = GateMetrics.summary

    /// Platform summary metrics written only for platforms whose users' behaviour has
    /// client policies (adaptive throttling, a retry budget or backoff).
    public static let clientPlatformSummary = MetricCatalog.names(requiring: .clientPolicies)

    /// Platform summary metrics written only for platforms with `retry_amplification`.
    public static let amplifiedPlatformSummary = MetricCatalog.names(requiring: .retryAmplification)

    /// Per-interval series metrics per entity kind, in catalogue order.
    public static let series: [EntityKind: [String]] = Dictionary(
        uniqueKeysWithValues: [EntityKind.pool, .platform, .segment, .attack].map { ($0, MetricCatalog.seriesNames(of: $0)) })

    /// Entity kinds tried, in order, when an entity name is used by several kinds (a pool
    /// and a platform are often both called `ode_hdf`): the platform is what users see.
    static let kindPreference: [EntityKind] = [.platform, .pool, .segment, .attack]

    /// How a series is aggregated over the intervals of a `from`/`to` window.
    public typealias WindowAggregation = Metrics.WindowAggregation

    /// The catalogue's window aggregation of a series metric (`.mean` for a name outside
    /// the catalogue, which ``ExpectationTarget`` refuses before reading).
    public static func windowAggregation(of metric: String) -> WindowAggregation {
        MetricCatalog.spec(metric)?.window ?? .mean
    }

    /// How a metric's values read to a person.
    public enum Unit: Sendable, Hashable {
        case number, share, seconds, perSecond, clock
    }

    /// The catalogue's unit as expectations write values: counts, levels, flags and ratios
    /// are plain numbers.
    public static func unit(of metric: String) -> Unit {
        switch MetricCatalog.spec(metric)?.unit {
        case .share: .share
        case .seconds: .seconds
        case .clock: .clock
        case .perSecond: .perSecond
        case .count, .modelCount, .level, .flag, .ratio, nil: .number
        }
    }

    /// Whether `metric` names a summary metric of `kind` (`share_in_by_0900` matches
    /// `share_in_by_HHMM`; the pattern itself does not).
    static func isSummary(_ metric: String, of kind: EntityKind) -> Bool {
        MetricCatalog.isSummary(metric, of: kind)
    }

    static func isSeries(_ metric: String, of kind: EntityKind) -> Bool {
        MetricCatalog.isSeries(metric, of: kind)
    }

    static func isCheckpointShare(_ metric: String) -> Bool {
        metric != "share_in_by_HHMM" && MetricCatalog.spec("share_in_by_HHMM")?.matches(metric) == true
    }
}
