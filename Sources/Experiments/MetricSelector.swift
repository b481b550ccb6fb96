import Foundation
import Scenario
import World

/// A summary metric to report, for every entity that has it or for one: `utilization`,
/// `share_never_in[ode_idf]`, or ``SLO/saturated`` (1 when the entity saturated).
public struct MetricSelector: Sendable, Hashable, Codable, CustomStringConvertible {
    public let metric: String
    public let entity: String?

    public init(metric: String, entity: String? = nil) {
        self.metric = metric
        self.entity = entity
    }

    /// Parses `metric` or `metric[entity]`; the metric must be in the catalogue.
    public init(parsing text: String) throws(SweepError) {
        var name = text.trimmingCharacters(in: .whitespaces)
        var entity: String?
        if let open = name.firstIndex(of: "["), name.hasSuffix("]") {
            entity = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
            name = String(name[..<open])
        }
        guard SLOParser.isKnown(name) else {
            throw .invalid("--metric \(text): '\(name)' is not a summary metric of the catalogue (e.g. utilization, share_never_in, p95_time_to_first_page_s, saturated)")
        }
        self.metric = name
        self.entity = entity?.isEmpty == true ? nil : entity
    }

    public var description: String { entity.map { "\(metric)[\($0)]" } ?? metric }

    /// Why a selector naming one entity reads nothing in `scenario` (no such entity, or
    /// one whose kind does not report the metric), or nil. Without an entity it reads
    /// every entity that has the metric, which is never an error.
    public func problem(in scenario: Scenario) -> String? {
        guard let entity else { return nil }
        let names = ExpectationTarget.entityNames(scenario)
        let kinds = ExpectationMetrics.kindPreference.filter { names[$0]?.contains(entity) ?? false }
        guard !kinds.isEmpty else {
            let known = ExpectationMetrics.kindPreference.flatMap { (names[$0] ?? []).sorted() }
            return "the model has no entity `\(entity)`\(ExpectationTarget.didYouMean(entity, known)) (expected one of \(known.joined(separator: ", ")))"
        }
        // `saturated` reads the saturation onset, which pools and platforms report.
        let reported = metric == SLO.saturated ? "saturation_onset_clock_s" : metric
        guard kinds.contains(where: { ExpectationMetrics.isSummary(reported, of: $0) }) else {
            return "`\(entity)` (a \(kinds.map(\.rawValue).joined(separator: " and a "))) does not report `\(metric)`"
        }
        return nil
    }

    /// What a sweep reports when no `--metric` is given: where and when it saturates, and
    /// what users saw.
    public static let sweepDefaults: [MetricSelector] = [
        "saturated", "saturation_onset_clock_s", "saturated_share", "utilization", "p95_response_s",
        "share_never_in", "p95_time_to_first_page_s",
    ].map { MetricSelector(metric: $0) }

    /// Every (kind, entity, value) this selector reads in one run, in the run's summary order.
    public func values(in run: RunResult) -> [(kind: EntityKind, entity: String, value: Double)] {
        SLO.values(of: metric, entity: entity, in: [run]).map { ($0.0, $0.1, $0.2[0]) }
    }
}
