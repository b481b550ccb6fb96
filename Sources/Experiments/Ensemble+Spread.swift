import Foundation
import Metrics

extension Ensemble {
    /// One summary figure over the ensemble: pooled over every member's runs, and the spread
    /// of its per-member means (the parameter uncertainty).
    public struct FigureSpread: Sendable {
        public let kind: EntityKind
        public let entity: String
        public let metric: String
        public let unit: String
        /// Members run.
        public let members: Int
        /// Members whose runs gave the figure at least once (a saturation that never came
        /// gives none).
        public let membersWithValue: Int
        /// Over all member × replication runs: what summary.csv holds.
        public let pooled: Estimate
        /// Each member's mean over its replications (NaN when it has none), in member order.
        public let memberMeans: [Double]
        /// The 5th, 50th and 95th percentiles of the finite ``memberMeans``.
        public let p05: Double
        public let p50: Double
        public let p95: Double
    }

    /// The spread of every summary figure of the first run, from runs in member-major order
    /// (`figures[m * replications + r]`), figures matched by (kind, entity, metric).
    public static func spread(figures: [[SummaryFigure]], members: Int, replications: Int) -> [FigureSpread] {
        guard let first = figures.first, members * replications == figures.count else { return [] }
        struct Key: Hashable { let kind: String, entity: String, metric: String }
        let lookups = figures.map { run in
            Dictionary(run.map { (Key(kind: $0.kind, entity: $0.entity, metric: $0.metric), $0.value) }, uniquingKeysWith: { a, _ in a })
        }
        return first.map { figure in
            let key = Key(kind: figure.kind, entity: figure.entity, metric: figure.metric)
            let values = lookups.map { $0[key] ?? .nan }
            let means = (0..<members).map { m in Estimate(Array(values[(m * replications)..<((m + 1) * replications)])).mean }
            let (p05, p50, p95) = percentiles(means)
            return FigureSpread(kind: EntityKind(rawValue: figure.kind) ?? .run, entity: figure.entity, metric: figure.metric,
                                unit: figure.unit, members: members, membersWithValue: means.filter(\.isFinite).count,
                                pooled: Estimate(values), memberMeans: means, p05: p05, p50: p50, p95: p95)
        }
    }

    /// One policy against the baseline on one metric, member by member.
    public struct PolicySpread: Sendable {
        public let metric: CompareMetric
        public let policy: String
        public let baseline: String
        public let members: Int
        /// Members where the paired difference is defined.
        public let membersWithDifference: Int
        /// The share of members in which the policy ranks before the baseline (the rank
        /// `compare` gives within the member: the metric's direction, censored runs first);
        /// nil for a metric the catalogue calls neither better way (`visits`, `utilization`).
        public let shareBetter: Double?
        /// Each member's mean paired difference (policy − baseline), NaN when undefined.
        public let differences: [Double]
        public let p05: Double
        public let p50: Double
        public let p95: Double
    }

    /// The pooled comparison (every member's replications one after another, still paired
    /// across policies) and each policy's spread against the baseline between members.
    ///
    /// - Parameter values: `values[policy][metric][m * replications + r]`.
    public static func compare(values: [String: [[Double]]], members: Int, replications: Int, policies: [String],
                               baseline: String, metrics: [CompareMetric]) -> (pooled: Compare.Result, spreads: [PolicySpread]) {
        let pooled = Compare.compare(values: values, replications: members * replications, policies: policies,
                                     baseline: baseline, metrics: metrics)
        let perMember = (0..<members).map { m in
            Compare.compare(values: values.mapValues { $0.map { Array($0[(m * replications)..<((m + 1) * replications)]) } },
                            replications: replications, policies: policies, baseline: baseline, metrics: metrics)
        }
        var spreads: [PolicySpread] = []
        for (mi, metric) in metrics.enumerated() {
            let ranked = metric.censoring != nil || metric.catalogueDirection != .neither
            for (pi, policy) in policies.enumerated() where policy != baseline {
                guard let bi = policies.firstIndex(of: baseline) else { continue }
                let differences = perMember.map { $0.entries[mi][pi].difference?.mean ?? .nan }
                let better = perMember.filter { result in
                    let (p, b) = (result.entries[mi][pi].rank, result.entries[mi][bi].rank)
                    return p > 0 && b > 0 && p < b
                }.count
                let (p05, p50, p95) = percentiles(differences)
                spreads.append(PolicySpread(metric: metric, policy: policy, baseline: baseline, members: members,
                                            membersWithDifference: differences.filter(\.isFinite).count,
                                            shareBetter: ranked && members > 0 ? Double(better) / Double(members) : nil,
                                            differences: differences, p05: p05, p50: p50, p95: p95))
            }
        }
        return (pooled, spreads)
    }

    /// The 5th, 50th and 95th percentiles of the finite values (NaN when there are none).
    static func percentiles(_ values: [Double]) -> (Double, Double, Double) {
        let sorted = values.filter(\.isFinite).sorted()
        return (percentile(sorted, 0.05), percentile(sorted, 0.5), percentile(sorted, 0.95))
    }

    /// The p-quantile of sorted values, linear between order statistics (Hyndman & Fan
    /// type 7, R's and NumPy's default): x[h] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]), h = (n − 1)p.
    public static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard let first = sorted.first else { return .nan }
        guard sorted.count > 1 else { return first }
        let h = Double(sorted.count - 1) * p
        let lower = Int(h.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
    }
}
