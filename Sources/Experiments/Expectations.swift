import Scenario
import World

/// What an expectation reads: one metric of one entity, from the run summary, from the
/// report interval containing an instant, or aggregated over the intervals of a window.
public struct ExpectationTarget: Sendable, Hashable {
    public enum Reading: Sendable, Hashable {
        /// The run summary (the measured part, after warm-up).
        case summary
        /// The series value of one report interval (`at:` the interval containing that time).
        case interval(Int)
        /// The series over the intervals whose start lies in [from, to): counts summed,
        /// levels, rates and shares averaged, attempts_per_success as a ratio of sums.
        case window(Range<Int>)
    }

    public let metric: String
    public let kind: EntityKind
    public let entity: String
    public let reading: Reading
    /// How a window's intervals combine when the author chose (an observation's
    /// `aggregate:`); nil: the metric's own rule.
    public var aggregate: Observation.Aggregate? = nil
}

/// An expectation the check cannot evaluate as written, phrased for the model's author.
public struct ExpectationProblem: Error, Sendable, CustomStringConvertible {
    /// `file:line: expectation n (`metric`)`.
    public let place: String
    /// What is wrong with it.
    public let message: String

    public var description: String { "\(place): \(message)" }
}

extension ExpectationTarget {
    /// Resolves `expectation` (the `number`th of `file`, from 1) against `scenario`: which
    /// entity kind it names, and which report intervals it reads.
    public static func resolve(_ expectation: Expectation, number: Int, in scenario: Scenario,
                               file: String) throws(ExpectationProblem) -> ExpectationTarget {
        let place = "\(file)\(expectation.line > 0 ? ":\(expectation.line)" : ""): expectation \(number) (`\(expectation.metric)`)"
        return try resolve(metric: expectation.metric, entity: expectation.entity, at: expectation.at, from: expectation.from,
                           to: expectation.to, place: place, in: scenario)
    }

    /// Resolves one metric of one entity (or the only entity that has it), read from the
    /// summary, at an instant or over a window: what expectations and observations name.
    public static func resolve(metric: String, entity named: String?, at: Double?, from: Double?, to: Double?, place: String,
                               in scenario: Scenario) throws(ExpectationProblem) -> ExpectationTarget {
        let usesSeries = at != nil || from != nil || to != nil
        let kinds = ExpectationMetrics.kindPreference
        let known: (EntityKind) -> Bool = usesSeries
            ? { ExpectationMetrics.isSeries(metric, of: $0) }
            : { ExpectationMetrics.isSummary(metric, of: $0) }
        let names = Self.entityNames(scenario)

        var candidates = kinds.filter(known)
        if candidates.isEmpty {
            let list = usesSeries ? ExpectationMetrics.series : ExpectationMetrics.summary
            let all = kinds.flatMap { list[$0] ?? [] }
            var unique: [String] = []
            for name in all where !unique.contains(name) { unique.append(name) }
            let other = usesSeries ? "summary (drop `at`/`from`/`to`)" : "time series (add `at` or `from`/`to`)"
            let inOther = kinds.contains { usesSeries ? ExpectationMetrics.isSummary(metric, of: $0) : ExpectationMetrics.isSeries(metric, of: $0) }
            throw ExpectationProblem(place: place, message: "`\(metric)` is not a \(usesSeries ? "time-series" : "run summary") metric"
                + (inOther ? "; it is a \(other) metric" : Self.didYouMean(metric, unique))
                + " (known \(usesSeries ? "series" : "summary") metrics: \(unique.joined(separator: ", ")))")
        }
        // Any four digits name a checkpoint share, but a run reports only its own checkpoints.
        if !usesSeries, ExpectationMetrics.isCheckpointShare(metric) {
            let reported = Checkpoints.metricNames(start: scenario.start, end: scenario.end)
            guard reported.contains(metric) else {
                throw ExpectationProblem(place: place, message: "`\(metric)` is not reported by this model (checkpoints inside its run: "
                    + (reported.isEmpty ? "none" : reported.joined(separator: ", ")) + ")")
            }
        }
        let entity: String
        if let named {
            entity = named
            candidates = candidates.filter { names[$0]?.contains(named) ?? false }
            if candidates.isEmpty {
                let kindsWithMetric = kinds.filter(known).map(\.rawValue).joined(separator: " or ")
                throw ExpectationProblem(place: place, message: "`\(named)` is not a \(kindsWithMetric), which is what `\(metric)` measures")
            }
        } else {
            let all = candidates.flatMap { k in (names[k] ?? []).map { (k, $0) } }
            guard all.count == 1 else {
                throw ExpectationProblem(place: place, message: "name the `entity` measured (the model has \(all.count) entities with `\(metric)`: \(all.map(\.1).joined(separator: ", ")))")
            }
            candidates = [all[0].0]
            entity = all[0].1
        }
        let kind = candidates[0]

        let start = scenario.start, width = scenario.reportInterval
        let count = Int((scenario.duration / width).rounded(.up))
        let reading: Reading
        if let at {
            reading = .interval(min(count - 1, max(0, Int(((at - start) / width + 1e-9).rounded(.down)))))
        } else if usesSeries {
            let from = from ?? (start + scenario.warmup)
            let to = to ?? scenario.end
            let indices = (0..<count).filter { i in
                let t = start + Double(i) * width
                return t >= from - 1e-9 && t < to - 1e-9
            }
            guard let first = indices.first, let last = indices.last else {
                throw ExpectationProblem(place: place, message: "the window \(ClockText.format(from))–\(ClockText.format(to)) holds no whole report interval (report_interval is \(ClockText.duration(width)))")
            }
            reading = .window(first..<(last + 1))
        } else {
            reading = .summary
        }
        return ExpectationTarget(metric: metric, kind: kind, entity: entity, reading: reading)
    }

    /// The names each kind of entity has in the simulator's output.
    static func entityNames(_ scenario: Scenario) -> [EntityKind: Set<String>] {
        var segments = Set(scenario.sources.map(\.id))
        for segment in scenario.segments {
            if segment.platforms.count == 1 { segments.insert(segment.id) }
            for use in segment.platforms where segment.platforms.count > 1 { segments.insert("\(segment.id)@\(use.platform)") }
        }
        return [.pool: Set(scenario.pools.map(\.id)), .platform: Set(scenario.platforms.map(\.id)), .segment: segments,
                .attack: Set(scenario.attacks.map(\.id))]
    }

    static func didYouMean(_ word: String, _ options: [String]) -> String {
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var row = Array(0...b.count)
            for i in 1...max(1, a.count) where !a.isEmpty {
                var previous = row[0]
                row[0] = i
                for j in stride(from: 1, through: b.count, by: 1) {
                    let current = row[j]
                    row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                    previous = current
                }
            }
            return a.isEmpty ? b.count : row[b.count]
        }
        let w = Array(word)
        let best = options.map { ($0, distance(w, Array($0))) }.min { $0.1 < $1.1 }
        guard let best, best.1 <= max(2, word.count / 3) else { return "" }
        return "; did you mean `\(best.0)`?"
    }

    /// The figure this target reads in one replication (NaN when the run has none).
    public func value(in run: RunResult) -> Double {
        switch reading {
        case .summary:
            return run.summary.first { $0.kind == kind && $0.entity == entity && $0.metric == metric }?.value ?? .nan
        case .interval(let i):
            guard let values = series(metric, in: run), values.indices.contains(i) else { return .nan }
            return values[i]
        case .window(let range):
            if let aggregate {
                guard let values = series(metric, in: run) else { return .nan }
                let finite = range.filter(values.indices.contains).map { values[$0] }.filter(\.isFinite)
                guard !finite.isEmpty else { return .nan }
                switch aggregate {
                case .mean: return finite.reduce(0, +) / Double(finite.count)
                case .sum: return finite.reduce(0, +)
                case .max: return finite.max()!
                case .min: return finite.min()!
                }
            }
            switch ExpectationMetrics.windowAggregation(of: metric) {
            case .sum:
                guard let values = series(metric, in: run) else { return .nan }
                return range.filter(values.indices.contains).reduce(0) { $0 + (values[$1].isFinite ? values[$1] : 0) }
            case .mean:
                guard let values = series(metric, in: run) else { return .nan }
                let finite = range.filter(values.indices.contains).map { values[$0] }.filter(\.isFinite)
                return finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
            case .max:
                guard let values = series(metric, in: run) else { return .nan }
                let finite = range.filter(values.indices.contains).map { values[$0] }.filter(\.isFinite)
                return finite.max() ?? .nan
            case .ratio(let numerators, let denominator):
                // attempts_per_success: Σ attempts_first + Σ attempts_retry over Σ successful_logins.
                let tops = numerators.compactMap { series($0, in: run) }
                guard tops.count == numerators.count, let bottom = series(denominator, in: run) else { return .nan }
                let idx = range.filter(bottom.indices.contains)
                let top = idx.reduce(0) { sum, i in tops.reduce(sum) { $0 + $1[i] } }
                let total = idx.reduce(0) { $0 + bottom[$1] }
                return total > 0 ? top / total : .nan
            }
        }
    }

    private func series(_ name: String, in run: RunResult) -> [Double]? {
        run.series.first { $0.kind == kind && $0.entity == entity && $0.metric == name }?.values
    }

}
