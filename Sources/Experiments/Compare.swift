import Foundation
import Scenario
import Stochastics
import World

/// Policy comparison on common random numbers (DESIGN.md "Experiments").
///
/// Replication k of every policy uses substream k of every source's stream and the same
/// per-user random positions, so the policies see the same arrivals and the same users;
/// the difference between two policies is estimated from paired replications
/// (d_k = x_k(policy) − x_k(baseline)), whose variance is var(x) + var(y) − 2cov(x, y):
/// much smaller than unpaired when the policies react alike to the same day.
public enum Compare {
    /// How many replications: a fixed number, or more until every chosen metric's 95%
    /// half-width is under `relative` × |mean| for every policy (sequential procedure,
    /// Law & Kelton §9.4.1), between `initial` and `maximum` replications.
    public enum Stopping: Sendable {
        case fixed(Int)
        case precision(relative: Double, initial: Int, maximum: Int)
    }

    /// One policy's figure: its estimate, and the paired difference against the baseline.
    public struct Entry: Sendable {
        public let policy: String
        public let metric: CompareMetric
        public let estimate: Estimate
        public let values: [Double]
        /// Paired difference (this − baseline); nil for the baseline itself.
        public let difference: Estimate?
        /// For a saturation time (``CompareMetric/Censoring``): the runs in which the entity
        /// never saturated, and those in which it was still saturated at the end. The
        /// estimate and the difference are over the other runs.
        public let neverSaturated: Int
        public let notRecovered: Int
        /// 1 = best; ties share a rank (1, 1, 3); 0 when the policy has no value at all.
        public var rank: Int

        /// Runs with a figure or a censored one.
        public var runsWithValue: Int { values.filter { !$0.isNaN }.count }

        /// `count` runs as a share of those with a value (NaN when none has).
        public func share(_ count: Int) -> Double {
            runsWithValue > 0 ? Double(count) / Double(runsWithValue) : .nan
        }
    }

    public struct Result: Sendable {
        public let policies: [String]
        public let baseline: String
        public let metrics: [CompareMetric]
        public let replications: Int
        /// Per metric (outer) and policy (inner, in `policies` order).
        public let entries: [[Entry]]
        public let runs: [String: [RunResult]]
        /// Each policy's `description:` (``Scenario/policyDescriptions``), set by ``describe(from:)``.
        public var descriptions: [String: String] = [:]
        /// The kind of entity each metric reads (`segment`, `platform`, `pool`, `attack`), set
        /// by ``describe(from:)``.
        public var entityKinds: [CompareMetric: String] = [:]
        /// The scenario's `label:`s by entity kind and id, set by ``describe(from:)``.
        public var labels: [String: [String: String]] = [:]
        /// The series behind the compared figures (``DaySeries``), each once.
        public var daySeries: [DaySeries] = []
        /// Per policy, every replication's ``DayRun`` (its day series), in replication order.
        public var dayRuns: [String: [DayRun]] = [:]

        /// Takes what the files say about each policy and metric from the base scenario, so
        /// `compare` and `merge` of its shards write the same bytes.
        public mutating func describe(from scenario: Scenario) {
            descriptions = scenario.policyDescriptions
            labels = scenario.labels
            entityKinds = Dictionary(uniqueKeysWithValues: metrics.map { ($0, $0.entityKind(in: scenario).rawValue) })
        }
    }

    /// Runs every policy on replications `0..<n` (growing under `.precision`) and compares.
    ///
    /// - Parameter scenarios: the scenario of each policy, in order (label, scenario).
    public static func run(_ scenarios: [(String, Scenario)], baseline: String, metrics: [CompareMetric],
                           stopping: Stopping, seed: UInt64? = nil, jobs: Int = 1,
                           progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) throws(WorldBuildError) -> Result {
        var runs: [String: [RunResult]] = [:]
        var n = 0
        var target: Int
        let most: Int
        switch stopping {
        case .fixed(let r): (target, most) = (r, r)
        case .precision(_, let initial, let maximum): (target, most) = (initial, max(initial, maximum))
        }
        // Every policy's runs stay in memory until the comparison.
        let (product, overflow) = scenarios.count.multipliedReportingOverflow(by: most)
        for (_, scenario) in scenarios { try Replications.checkHeld(scenario, runs: overflow ? Int.max : product) }
        while true {
            let batch = try runBatch(scenarios, replications: n..<target, seed: seed, jobs: jobs, progress: progress)
            for (label, results) in batch { runs[label, default: []] += results }
            n = target
            guard case .precision(let relative, _, let maximum) = stopping, n < maximum else { break }
            // The largest (half-width / wanted half-width)² over policies and metrics sets the next n.
            var worst = 0.0
            for (label, _) in scenarios {
                for m in metrics {
                    let e = Estimate(runs[label]!.map(m.value(in:)))
                    guard e.count > 1, e.mean.isFinite, abs(e.mean) > 0 else { continue }
                    worst = max(worst, e.halfWidth / (relative * abs(e.mean)))
                }
            }
            if worst <= 1 { break }
            target = min(maximum, max(n + 1, min(2 * n, Int(saturating: (Double(n) * worst * worst).rounded(.up)))))
        }
        var result = compare(runs: runs, policies: scenarios.map(\.0), baseline: baseline, metrics: metrics)
        if let first = scenarios.first?.1 {
            let series = DaySeries.of(metrics, in: first)
            result.daySeries = series
            result.dayRuns = runs.mapValues { $0.map { DayRun($0, series: series) } }
        }
        return result
    }

    /// Summaries, paired differences and ranks from finished runs.
    public static func compare(runs: [String: [RunResult]], policies: [String], baseline: String,
                               metrics: [CompareMetric]) -> Result {
        let values = runs.mapValues { results in metrics.map { m in results.map(m.value(in:)) } }
        return compare(values: values, replications: runs.values.map(\.count).min() ?? 0, policies: policies,
                       baseline: baseline, metrics: metrics, runs: runs)
    }

    /// Summaries, paired differences and ranks from each policy's figures: `values[policy][m][k]`
    /// is metric `metrics[m]` in replication k. What `affluence merge` calls with the figures
    /// read back from compare shards (then `runs` is empty).
    public static func compare(values: [String: [[Double]]], replications: Int, policies: [String], baseline: String,
                               metrics: [CompareMetric], runs: [String: [RunResult]] = [:]) -> Result {
        var table: [[Entry]] = []
        for (mi, m) in metrics.enumerated() {
            let base = values[baseline]?[mi] ?? []
            var row = policies.map { label -> Entry in
                let figures = values[label]![mi]
                let diff = label == baseline ? nil : pairedDifference(figures, base)
                let late = figures.filter { $0 == .infinity }.count, early = figures.filter { $0 == -.infinity }.count
                return Entry(policy: label, metric: m, estimate: Estimate(figures), values: figures, difference: diff,
                             neverSaturated: m.censoring == .onset ? late : early,
                             notRecovered: m.censoring == .onset ? 0 : late, rank: 0)
            }
            let keys = row.map { RankKey($0, direction: m.direction) }
            for i in row.indices where keys[i] != nil {
                row[i].rank = 1 + keys.indices.filter { j in keys[j].map { $0.isBetter(than: keys[i]!) } ?? false }.count
            }
            table.append(row)
        }
        return Result(policies: policies, baseline: baseline, metrics: metrics,
                      replications: replications, entries: table, runs: runs)
    }

    /// What a policy is ranked on: first the share of runs censored on the bad side (never
    /// recovered), then the share censored on the good side (never saturated), then the
    /// mean of the other runs, each in the metric's direction. Equal keys share a rank.
    struct RankKey {
        let worst: Double
        let best: Double
        let mean: Double
        let direction: CompareMetric.Direction

        /// `nil` for a policy with no figure in any run.
        init?(_ e: Entry, direction: CompareMetric.Direction) {
            let n = Double(e.runsWithValue)
            guard n > 0 else { return nil }
            let high = Double(e.values.filter { $0 == .infinity }.count) / n
            let low = Double(e.values.filter { $0 == -.infinity }.count) / n
            (worst, best) = direction == .higherIsBetter ? (low, high) : (high, low)
            mean = e.estimate.mean
            self.direction = direction
        }

        func isBetter(than other: RankKey) -> Bool {
            if worst != other.worst { return worst < other.worst }
            if best != other.best { return best > other.best }
            // Shares equal: both have other runs, or neither (then they tie).
            guard mean.isFinite, other.mean.isFinite, mean != other.mean else { return false }
            return direction == .higherIsBetter ? mean > other.mean : mean < other.mean
        }
    }

    /// Mean and 95% CI of x_k − y_k over replications where both are numbers.
    public static func pairedDifference(_ x: [Double], _ y: [Double]) -> Estimate {
        Estimate(zip(x, y).compactMap { $0.isFinite && $1.isFinite ? $0 - $1 : nil })
    }

    /// Half-width of the 95% CI of mean(x) − mean(y) treating the samples as independent
    /// (Welch), for contrast with the paired interval.
    public static func unpairedHalfWidth(_ x: [Double], _ y: [Double]) -> Double {
        let a = Estimate(x), b = Estimate(y)
        let va = a.standardDeviation * a.standardDeviation / Double(a.count)
        let vb = b.standardDeviation * b.standardDeviation / Double(b.count)
        let df = (va + vb) * (va + vb) / (va * va / Double(a.count - 1) + vb * vb / Double(b.count - 1))
        return StudentTMultiplier.of(df) * (va + vb).squareRoot()
    }

    /// Every (policy, replication) run of a batch spread over `jobs` threads; results stored
    /// by index, so the output does not depend on `jobs`.
    static func runBatch(_ scenarios: [(String, Scenario)], replications: Range<Int>, seed: UInt64?, jobs: Int,
                         progress: (@Sendable (Int, Int) -> Void)?) throws(WorldBuildError) -> [String: [RunResult]] {
        let tasks = scenarios.indices.flatMap { s in replications.map { (s, $0) } }
        let results = try runTasks(scenarios.map(\.1), tasks: tasks, seed: seed, jobs: jobs, progress: progress)
        var out: [String: [RunResult]] = [:]
        for (k, (s, _)) in tasks.enumerated() { out[scenarios[s].0, default: []].append(results[k]) }
        return out
    }

    /// Runs (scenario index, replication) pairs spread over `jobs` threads; one result per
    /// task, in task order, whatever `jobs` is.
    static func runTasks(_ list: [Scenario], tasks: [(Int, Int)], seed: UInt64?, jobs: Int,
                         progress: (@Sendable (Int, Int) -> Void)?) throws(WorldBuildError) -> [RunResult] {
        guard !tasks.isEmpty else { return [] }
        let done = Counter()
        return try ParallelRuns.map(count: tasks.count, jobs: jobs) { k throws(WorldBuildError) in
            try World(scenario: list[tasks[k].0], replication: tasks[k].1, seed: seed)
        } finish: { _, world in
            let result = world.run()
            progress?((done.take(below: Int.max) ?? 0) + 1, tasks.count)
            return result
        }
    }
}

enum StudentTMultiplier {
    static func of(_ degreesOfFreedom: Double) -> Double {
        let df = max(1, Int(degreesOfFreedom.rounded(.down)))
        return StudentT.twoSidedMultiplier(confidence: 0.95, degreesOfFreedom: df)
    }
}
