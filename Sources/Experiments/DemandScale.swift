import Scenario

/// A demand multiplier applied to a loaded scenario: the "what if 20% more pupils log in"
/// knob of sweeps (`--vary demand_scale=…`) and of the saturation search (`--scale`).
///
/// Scaling a segment multiplies its size, so its first and repeat visits scale together
/// and its intent curve keeps its shape; scaling a source multiplies its rate (or every
/// point of its rate curve). The random streams are keyed by source name, not by count, so
/// on common random numbers the scaled day is the same day with more (or fewer) people.
public struct DemandScale: Sendable, Hashable, CustomStringConvertible {
    /// What is scaled: `demand` (every segment and source), `segments`, `segments.<id>`,
    /// `sources` or `sources.<id>`.
    public let target: String

    public init(_ target: String) throws(SweepError) {
        // `segments[id=x]` names the same item as `segments.x`, as in --set paths.
        guard let parts = PathAssignment.names(target), let head = parts.first, parts.count <= 2,
              ["demand", "segments", "sources"].contains(head), head != "demand" || parts.count == 1 else {
            throw .invalid("--scale \(target): expected demand, segments, segments.<id> (or segments[id=<id>]), sources or sources.<id>")
        }
        self.target = target
        self.parts = parts
    }

    /// `target` as names: `["segments", "idf-secondary"]`.
    private let parts: [String]

    public var description: String { target }

    /// The scenario with the chosen demand multiplied by `factor`; fails on an unknown id.
    public func apply(_ factor: Double, to scenario: Scenario) throws(SweepError) -> Scenario {
        guard factor >= 0, factor.isFinite else { throw .invalid("demand multiplier \(factor): expected a finite number ≥ 0") }
        var s = scenario
        let id = parts.count > 1 ? parts[1] : nil
        let segments = parts[0] == "demand" || parts[0] == "segments"
        let sources = parts[0] == "demand" || parts[0] == "sources"
        var touched = 0
        if segments {
            for i in s.segments.indices where id == nil || s.segments[i].id == id {
                s.segments[i].size *= factor
                touched += 1
            }
        }
        if sources {
            for i in s.sources.indices where id == nil || s.sources[i].id == id {
                if let rate = s.sources[i].rate { s.sources[i].rate = rate * factor }
                if var curve = s.sources[i].rateCurve {
                    curve.rates = curve.rates.map { $0 * factor }
                    s.sources[i].rateCurve = curve
                }
                touched += 1
            }
        }
        if touched == 0 {
            let known = (segments ? scenario.segments.map(\.id) : []) + (sources ? scenario.sources.map(\.id) : [])
            throw .invalid("--scale \(target): no such \(parts[0] == "sources" ? "source" : "segment") in \(scenario.name)"
                           + (known.isEmpty ? "" : " (expected one of \(known.joined(separator: ", ")))"))
        }
        return s
    }
}
