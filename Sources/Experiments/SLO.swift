import Stochastics
import World

/// A service-level objective: terms joined by `and`, each a metric compared with a
/// threshold, e.g. `p95(time_to_first_page) <= 2min and share_never_in <= 1%`.
///
/// A term without `[entity]` must hold for every entity that reports the metric (every
/// segment for `p95(time_to_first_page)`, every platform and segment for
/// `share_never_in`): an objective for "the users", not for an average of them. Parse
/// with ``SLOParser``.
public struct SLO: Sendable, Hashable, CustomStringConvertible {
    public enum Comparison: String, Sendable, Hashable {
        case atMost = "<=", below = "<", atLeast = ">=", above = ">"

        /// Whether `value` is on the good side of `threshold`.
        public func holds(_ value: Double, _ threshold: Double) -> Bool {
            switch self {
            case .atMost: value <= threshold
            case .below: value < threshold
            case .atLeast: value >= threshold
            case .above: value > threshold
            }
        }

        /// Whether larger values are worse (the one-sided bound to check is the upper one).
        var upperIsWorse: Bool { self == .atMost || self == .below }
    }

    public struct Term: Sendable, Hashable, CustomStringConvertible {
        /// The summary metric read from each run (`p95_time_to_first_page_s`), or ``SLO/saturated``.
        public let metric: String
        /// The entity id, or nil for every entity reporting the metric.
        public let entity: String?
        public let comparison: Comparison
        /// In the metric's own unit: seconds, a share in [0, 1], a clock time in seconds.
        public let threshold: Double
        /// As written, for messages.
        public let text: String

        public var description: String { text }
    }

    public let terms: [Term]
    public let text: String

    public var description: String { text }

    /// A derived per-run figure: 1 when the entity's saturation onset exists (it saturated
    /// for 5 minutes in a row at some point), else 0. Its mean is the share of replications
    /// that saturated.
    public static let saturated = "saturated"

    /// The objective of `affluence saturation` when none is given: no pool saturates in
    /// any replication.
    public static let noSaturation = SLO(terms: [Term(metric: saturated, entity: nil, comparison: .atMost, threshold: 0,
                                                      text: "saturated <= 0")],
                                         text: "saturated <= 0 (no pool saturates in any replication)")
}

/// How an objective fared on a set of replications.
public struct SLOVerdict: Sendable {
    /// One term on one entity.
    public struct Check: Sendable {
        public let term: SLO.Term
        public let kind: EntityKind
        public let entity: String
        public let estimate: Estimate
        /// The one-sided 95% bound on the mean on the side that could break the objective
        /// (upper for `<=`), NaN with fewer than two replications.
        public let bound: Double
        /// The mean meets the threshold.
        public let holds: Bool
        /// The one-sided 95% bound meets it too: the objective holds with 95% confidence.
        public let confident: Bool
    }

    public let slo: SLO
    public let checks: [Check]
    /// Terms that no entity reports with a number in these runs.
    public let missing: [SLO.Term]

    /// Every term holds on its mean for every entity (the search's decision).
    public var holds: Bool { missing.isEmpty && checks.allSatisfy(\.holds) }
    /// Every term holds with 95% one-sided confidence.
    public var confident: Bool { missing.isEmpty && checks.allSatisfy(\.confident) }

    /// The check closest to failing (smallest margin relative to the threshold), for summaries.
    public var tightest: Check? {
        checks.min { margin($0) < margin($1) }
    }

    private func margin(_ c: Check) -> Double {
        let scale = max(abs(c.term.threshold), 1e-12)
        let m = c.term.comparison.upperIsWorse ? c.term.threshold - c.estimate.mean : c.estimate.mean - c.term.threshold
        return m / scale
    }
}

extension SLO {
    /// Evaluates every term on `runs` (replications of one configuration).
    public func evaluate(_ runs: [RunResult]) -> SLOVerdict {
        var checks: [SLOVerdict.Check] = []
        var missing: [Term] = []
        for term in terms {
            let found = Self.values(of: term.metric, entity: term.entity, in: runs)
            var any = false
            for (kind, entity, values) in found {
                let e = Estimate(values)
                guard e.mean.isFinite else { continue }
                any = true
                var bound = Double.nan
                if e.count > 1 {
                    let t = StudentT.quantile(0.95, degreesOfFreedom: e.count - 1) * e.standardDeviation / Double(e.count).squareRoot()
                    bound = term.comparison.upperIsWorse ? e.mean + t : e.mean - t
                }
                // A figure identical in every replication (e.g. no saturation anywhere) has no spread: its bound is itself.
                if e.count > 1, e.standardDeviation == 0 { bound = e.mean }
                let holds = term.comparison.holds(e.mean, term.threshold)
                checks.append(.init(term: term, kind: kind, entity: entity, estimate: e, bound: bound, holds: holds,
                                    confident: holds && bound.isFinite && term.comparison.holds(bound, term.threshold)))
            }
            if !any { missing.append(term) }
        }
        return SLOVerdict(slo: self, checks: checks, missing: missing)
    }

    /// Per entity reporting `metric` (or only `entity`), its value in each run, in run order.
    static func values(of metric: String, entity: String?, in runs: [RunResult]) -> [(EntityKind, String, [Double])] {
        guard let first = runs.first else { return [] }
        let source = metric == saturated ? "saturation_onset_clock_s" : metric
        var keys: [(EntityKind, String)] = []
        for v in first.summary where v.metric == source && (entity == nil || v.entity == entity) {
            if !keys.contains(where: { $0 == (v.kind, v.entity) }) { keys.append((v.kind, v.entity)) }
        }
        // A named entity that is both a platform and a pool: the kind users see first.
        if entity != nil, keys.count > 1,
           let kind = ExpectationMetrics.kindPreference.first(where: { k in keys.contains { $0.0 == k } }) {
            keys = keys.filter { $0.0 == kind }
        }
        return keys.map { key in
            let values = runs.map { run -> Double in
                let v = run.summary.first { $0.kind == key.0 && $0.entity == key.1 && $0.metric == source }?.value ?? .nan
                return metric == saturated ? (v.isFinite ? 1 : 0) : v
            }
            return (key.0, key.1, values)
        }
    }
}
