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

    public var description: String { "\(metric)@\(entity)" }

    public var direction: Direction {
        if metric.hasPrefix("share_never") || metric.hasPrefix("p_") { return .lowerIsBetter }
        if metric.hasPrefix("share_") || metric.hasPrefix("goodput") || metric.hasPrefix("users_in")
            || metric.hasPrefix("throughput") || metric == "admitted_from_room" { return .higherIsBetter }
        return .lowerIsBetter
    }

    public var unit: String {
        metric == "refusals_per_success" ? "ratio" : MetricUnits.unit(of: metric)
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
        if metric.hasPrefix("share_in_by_"), let k = t.checkpointClocks.firstIndex(where: { Self.label($0) == metric.dropFirst(12) }) {
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
        return run.summary(metric, entity) ?? .nan
    }

    /// `0900` for 09:00.
    static func label(_ clock: Double) -> Substring {
        let c = Int(clock.rounded())
        let h = c / 3600, m = (c % 3600) / 60
        return Substring((h < 10 ? "0" : "") + String(h) + (m < 10 ? "0" : "") + String(m))
    }
}
