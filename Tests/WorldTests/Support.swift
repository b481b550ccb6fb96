import Experiments
import Foundation
import Scenario
import Stochastics
import Testing
import World

/// The package's `models/` folder and the scenario files under it.
enum Models {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("models").path
    }()

    /// Every scenario file under `models/`, as paths relative to it, sorted.
    static let all: [String] = {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    /// Loads `models/<relative>` with `--set` overrides (in order) and a policy.
    static func load(_ relative: String, _ overrides: [(String, String)] = [], policy: String? = nil) throws -> Scenario {
        try ScenarioLoader.load(path: root + "/" + relative,
                                overrides: overrides.map { Override(path: $0.0, value: $0.1) }, policy: policy)
    }

    /// Loads scenario text written in a test (no file on disk).
    static func load(text: String, name: String, policy: String? = nil) throws -> Scenario {
        try ScenarioLoader.load(text: text, path: root + "/" + name, policy: policy)
    }
}

/// Replication means and their Student t intervals.
struct MeanInterval: CustomStringConvertible {
    let mean: Double
    let halfWidth: Double
    let count: Int

    /// The two-sided `confidence` interval of the mean of `values` (t with n − 1 degrees of freedom).
    init(_ values: [Double], confidence: Double) {
        precondition(values.count >= 2 && values.allSatisfy(\.isFinite), "need ≥ 2 finite values, got \(values)")
        let n = Double(values.count)
        let m = values.reduce(0, +) / n
        let variance = values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)
        mean = m
        count = values.count
        halfWidth = StudentT.twoSidedMultiplier(confidence: confidence, degreesOfFreedom: values.count - 1) * (variance / n).squareRoot()
    }

    func contains(_ x: Double) -> Bool { abs(x - mean) <= halfWidth }

    var description: String { "\(mean) ± \(halfWidth) (n = \(count))" }
}

/// The confidence level that keeps the family-wise error of `comparisons` checks at `1 − level`
/// (Bonferroni): with fixed seeds a correct simulator then fails a whole test with
/// probability at most 0.1%, whatever the number of figures compared.
func familyConfidence(_ level: Double = 0.999, comparisons: Int) -> Double {
    1 - (1 - level) / Double(max(1, comparisons))
}

extension RunResult {
    /// A summary value that must exist.
    func value(_ metric: String, _ entity: String) throws -> Double {
        guard let v = summary(metric, entity) else { throw Missing(what: "summary \(metric) of \(entity)") }
        return v
    }

    /// A series that must exist.
    func values(_ metric: String, _ entity: String) throws -> [Double] {
        guard let v = series(metric, entity) else { throw Missing(what: "series \(metric) of \(entity)") }
        return v
    }

    /// Sum of a series over intervals `range` (half-open, interval indices).
    func sum(_ metric: String, _ entity: String, _ range: Range<Int>) throws -> Double {
        let v = try values(metric, entity)
        return v[range.clamped(to: v.indices)].reduce(0, +)
    }

    /// The index of the interval that starts at clock time `clock` (seconds from midnight).
    func interval(at clock: Double) -> Int { Int(((clock - startClock) / interval).rounded()) }

    /// Every number the run reports, bit for bit, in a fixed order (NaN payloads included).
    var fingerprint: [UInt64] {
        var bits: [UInt64] = [events]
        for s in series { bits.append(contentsOf: s.values.map(\.bitPattern)) }
        bits.append(contentsOf: summary.map(\.value.bitPattern))
        for a in visitAccounts {
            bits.append(contentsOf: [a.visits, a.leftDone, a.leftForced, a.gaveUpNeverIn, a.gaveUpAfterIn, a.presentAtEnd].map(\.bitPattern))
        }
        return bits
    }

    /// Names and entities in order, so two runs are compared figure by figure.
    var layout: [String] {
        series.map { "\($0.kind).\($0.entity).\($0.metric)" } + summary.map { "\($0.kind).\($0.entity).\($0.metric)" }
    }
}

struct Missing: Error, CustomStringConvertible {
    let what: String
    var description: String { "missing \(what)" }
}

/// Runs replications `0..<count` on two threads (results do not depend on it).
func replicate(_ scenario: Scenario, _ count: Int, jobs: Int = 2) throws -> [RunResult] {
    try Replications.run(scenario, indices: Array(0..<count), jobs: jobs)
}

/// Expects loading `text` (as the file `name` under models/) to fail with errors whose
/// message or text contains `message`, every one of them located at `line`.
func expectLocatedError(_ text: String, name: String, message: String, line: Int,
                        sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        _ = try ScenarioLoader.load(text: text, path: Models.root + "/" + name)
        Issue.record("\(message): the model was accepted", sourceLocation: sourceLocation)
    } catch {
        let found = error.diagnostics.filter { $0.message.contains(message) || $0.description.contains(message) }
        #expect(!found.isEmpty, "\(message): \(error.diagnostics.map(\.description))", sourceLocation: sourceLocation)
        #expect(found.allSatisfy { $0.location.line == line }, "line \(line): \(found.map(\.description))", sourceLocation: sourceLocation)
    }
}

/// Clock time `h:m` in seconds from midnight.
func clock(_ h: Int, _ m: Int = 0) -> Double { Double(h * 3600 + m * 60) }

/// Whether replications' values agree with an exact expectation: inside their Student t
/// interval at `confidence`. A sample with no spread has no such interval: when every run
/// saw the same value v, no run deviated, so P(a run deviates) ≤ −ln(1 − confidence)/R (the
/// "rule of three"), and the mean may differ from v by that much times `largestDeviation`,
/// the most a run can deviate (for a count seen in no run, a Poisson mean is that bound
/// itself). Records what it compared when they disagree.
func agrees(_ values: [Double], _ expected: Double, confidence: Double, largestDeviation: Double? = nil) -> Bool {
    if let v = values.first, values.allSatisfy({ $0 == v }) {
        let deviating = -log(1 - confidence) / Double(values.count)
        let allowed = largestDeviation.map { $0 * deviating } ?? (v == 0 ? deviating : 1e-9 * max(1, abs(v)))
        let ok = abs(expected - v) <= allowed
        if !ok { Issue.record("\(v) in all \(values.count) runs, expected \(expected) (allowed \(allowed))") }
        return ok
    }
    let interval = MeanInterval(values, confidence: confidence)
    if !interval.contains(expected) { Issue.record("\(interval) against \(expected)") }
    return interval.contains(expected)
}
