import Foundation

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
