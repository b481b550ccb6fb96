import Metrics
import Scenario
import World

/// A figure policies are compared on: a metric of one entity, or pooled over a group.
///
/// Written `metric@entity`. The entity is a platform, pool or segment id; several ids
/// joined by `+`; or `pupils`, every segment whose id names pupils (`secondary`,
/// `primary`, `pupil`). Groups pool the raw counts (not the shares), so
/// `share_in_by_0900@pupils` is all pupils in by 09:00 over all who had arrived by then.
/// Pooled metrics: `share_in_by_HHMM`, `mean_time_to_first_page_s` (segments) and
/// `refusals_per_success`, `forced_logouts` (platforms); any other metric is read from
/// the run summary of a single entity.
public struct CompareMetric: Sendable, Hashable, CustomStringConvertible {
    public enum Direction: Sendable { case higherIsBetter, lowerIsBetter }

    public let metric: String
    public let entity: String

    public init(metric: String, entity: String) {
        self.metric = metric
        self.entity = entity
    }

    /// Parses `metric@entity`.
    public init?(_ text: String) {
        let parts = text.split(separator: "@", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.init(metric: parts[0], entity: parts[1])
    }

    /// Parses `--metric metric@entity` strictly: the metric must be in the catalogue and
    /// every id of the entity written, so a typo is a usage error, never rows with n=0.
    public static func parse(_ text: String) throws(SweepError) -> CompareMetric {
        let example = "e.g. share_in_by_0900@pupils or p95_response_s@ode_idf"
        guard let selector = CompareMetric(text) else {
            throw .invalid("--metric \(text): expected metric@entity, \(example)")
        }
        guard selector.metric == Self.refusalsPerSuccess || SLOParser.isKnown(selector.metric) else {
            let close = SLOParser.knownMetrics.filter { $0.hasPrefix(String(selector.metric.prefix(4))) }.sorted()
            throw .invalid("--metric \(text): `\(selector.metric)` is not a summary metric of the catalogue"
                + (close.isEmpty ? " (see docs/csv-format.md; \(example))" : " (did you mean \(close.joined(separator: ", "))?)"))
        }
        if selector.entity.split(separator: "+", omittingEmptySubsequences: false).contains(where: { $0.isEmpty || $0.hasPrefix("@") || $0.hasSuffix("@") }) {
            throw .invalid("--metric \(text): `\(selector.entity)` is not an entity (expected an id, ids joined by +, `pupils` or `*`; \(example))")
        }
        return selector
    }

    static let refusalsPerSuccess = "refusals_per_success"

    /// Why this selector reads nothing in `scenario` (an entity it lacks, a metric its kind
    /// does not report, a group of a metric that does not pool, a checkpoint outside the
    /// run), or nil when it reads a figure.
    public func problem(in scenario: Scenario) -> String? {
        let names = ExpectationTarget.entityNames(scenario)
        let poolsSegments = metric.hasPrefix("share_in_by_") || metric == "mean_time_to_first_page_s"
        let poolsPlatforms = metric == Self.refusalsPerSuccess || metric == "forced_logouts"
        if metric.hasPrefix("share_in_by_") {
            let reported = Checkpoints.metricNames(start: scenario.start, end: scenario.end)
            guard reported.contains(metric) else {
                return "`\(metric)` is not reported by this model (checkpoints inside its run: "
                    + (reported.isEmpty ? "none" : reported.joined(separator: ", ")) + ")"
            }
        }
        switch entity {
        case "pupils":
            guard poolsSegments else { return "`pupils` pools segments only for share_in_by_HHMM and mean_time_to_first_page_s" }
            guard (names[.segment] ?? []).contains(where: includesSegment) else {
                return "the model has no segment of pupils (an id containing secondary, primary or pupil)"
            }
        case "*":
            guard poolsPlatforms else { return "`*` pools platforms only for refusals_per_success and forced_logouts" }
            guard !scenario.platforms.isEmpty else { return "the model has no platform" }
        default:
            let ids = entity.split(separator: "+").map(String.init)
            let known = ExpectationMetrics.kindPreference.flatMap { (names[$0] ?? []).sorted() }
            for id in ids {
                let kinds = ExpectationMetrics.kindPreference.filter { names[$0]?.contains(id) ?? false }
                guard !kinds.isEmpty else {
                    return "the model has no entity `\(id)`\(ExpectationTarget.didYouMean(id, known)) (expected one of \(known.joined(separator: ", ")), `pupils` or `*`)"
                }
                let pooled = (poolsSegments && kinds.contains(.segment)) || (poolsPlatforms && kinds.contains(.platform))
                if ids.count > 1, !pooled {
                    return "`\(id)` cannot be pooled with others for `\(metric)` (groups a+b pool segments for share_in_by_HHMM and mean_time_to_first_page_s, platforms for refusals_per_success and forced_logouts)"
                }
                if !pooled, !kinds.contains(where: { ExpectationMetrics.isSummary(metric, of: $0) }) {
                    return "`\(id)` (a \(kinds.map(\.rawValue).joined(separator: " and a "))) does not report `\(metric)`"
                }
            }
        }
        return nil
    }

    public var description: String { "\(metric)@\(entity)" }

    /// Which way ranks first, from the catalogue (``MetricSpec/direction``), except that a
    /// saturation onset is a censored clock time ranked later-is-better (never saturated
    /// ranks first, see ``censoring``). A metric the catalogue calls neither better way
    /// (demand, capacity: `visits`, `utilization`) ranks lower-first, as it always has, so a
    /// comparison on it still orders its rows; ``catalogueDirection`` tells the two apart.
    public var direction: Direction {
        if censoring == .onset { return .higherIsBetter }
        return catalogueDirection == .higherIsBetter ? .higherIsBetter : .lowerIsBetter
    }

    /// The catalogue's direction of the metric (`refusals_per_success`, a pooled figure of
    /// compare's own, is lower-is-better).
    public var catalogueDirection: MetricDirection {
        if metric == Self.refusalsPerSuccess { return .lowerIsBetter }
        return MetricCatalog.spec(metric)?.direction ?? .neither
    }

    public var unit: String {
        metric == Self.refusalsPerSuccess ? MetricUnit.ratio.csv : MetricCatalog.csvUnit(of: metric)
    }

    /// A saturation time is censored at the horizon: a run where it never came has no
    /// clock time, but it is not missing. An onset that never came is written +∞ (later
    /// than any); the end of saturation −∞ when the entity never saturated (earlier than
    /// any) and +∞ when it was still saturated at the end of the run (later than any).
    /// ``Compare`` counts these runs apart and ranks on them: never saturated is best,
    /// never recovered worst.
    public enum Censoring: Sendable, Equatable {
        case onset
        /// The end of saturation, with the metric of its onset.
        case end(onset: String)
    }

    /// Ends of saturation by the metric of their onset.
    static let saturationEnds = [
        "saturated_until_clock_s": "saturation_onset_clock_s",
        "overloaded_until_clock_s": "overload_onset_clock_s",
        "refusing_until_clock_s": "refusal_onset_clock_s",
    ]

    public var censoring: Censoring? {
        if metric.hasSuffix("onset_clock_s") { return .onset }
        return Self.saturationEnds[metric].map { .end(onset: $0) }
    }

    /// The kind of entity the selector reads in `scenario`: segments for `pupils` and for
    /// checkpoint shares and first-page times, platforms for `*`, else the kind of its
    /// first id (platforms first, as ``ExpectationMetrics/kindPreference`` orders them).
    public func entityKind(in scenario: Scenario) -> EntityKind {
        if entity == "pupils" || metric.hasPrefix("share_in_by_") || metric == "mean_time_to_first_page_s" { return .segment }
        if entity == "*" { return .platform }
        let names = ExpectationTarget.entityNames(scenario)
        let first = entity.split(separator: "+").first.map(String.init) ?? entity
        return ExpectationMetrics.kindPreference.first { names[$0]?.contains(first) ?? false } ?? .platform
    }

    /// Whether a segment id belongs to the group written `entity`.
    func includesSegment(_ id: String) -> Bool {
        if entity == "pupils" {
            let base = id.split(separator: "@").first.map(String.init) ?? id
            return base.contains("secondary") || base.contains("primary") || base.contains("pupil")
        }
        return entity.split(separator: "+").contains { $0 == id }
    }

    func includesPlatform(_ id: String) -> Bool {
        entity == "*" || entity.split(separator: "+").contains { $0 == id }
    }

    /// The figure in one run (NaN when it has no value, e.g. nobody arrived).
    public func value(in run: RunResult) -> Double {
        let t = run.tallies
        if metric.hasPrefix("share_in_by_"), let k = t.checkpointClocks.firstIndex(where: { Checkpoints.metricName(clock: $0) == metric }) {
            let group = t.segments.filter { includesSegment($0.segment) }
            if !group.isEmpty {
                let arrived = group.reduce(0) { $0 + $1.arrivedBy[k] }
                let inBy = group.reduce(0) { $0 + $1.inBy[k] }
                return arrived > 0 ? inBy / arrived : .nan
            }
        }
        if metric == "mean_time_to_first_page_s" {
            let group = t.segments.filter { includesSegment($0.segment) }
            if !group.isEmpty {
                let n = group.reduce(0) { $0 + $1.firstPages }
                return n > 0 ? group.reduce(0) { $0 + $1.timeToFirstPageSum } / n : .nan
            }
        }
        if metric == "refusals_per_success" || metric == "forced_logouts" {
            let group = t.platforms.filter { includesPlatform($0.platform) }
            if !group.isEmpty {
                let refused = group.reduce(0) { $0 + $1.refused }
                let ok = group.reduce(0) { $0 + $1.successfulLogins }
                if metric == "forced_logouts" { return group.reduce(0) { $0 + $1.forcedLogouts } }
                return ok > 0 ? refused / ok : .nan
            }
        }
        let value = run.summary(metric, entity) ?? .nan
        guard value.isNaN, let censoring else { return value }
        switch censoring {
        case .onset:
            return run.summary(metric, entity) == nil ? .nan : .infinity
        case .end(let onset):
            guard let start = run.summary(onset, entity) else { return .nan }
            return start.isNaN ? -.infinity : .infinity
        }
    }
}
