import Foundation
import Scenario

/// One varied parameter of a sweep: a scenario path and the values it takes.
///
/// Written on the command line as `path=v1,v2,…` (a list of YAML values, kept as text so
/// `80%`, `30k` or a policy name pass through to the override unchanged) or
/// `path=a:b:step` (numbers from a to b inclusive). The reserved path `demand_scale`
/// multiplies every segment's size and every source's rate (``DemandScale``) instead of
/// setting a scenario key.
public struct SweepParameter: Sendable, Hashable {
    public let path: String
    /// The values in the order given (a range: increasing), as written into overrides.
    public let values: [String]

    public static let demandScalePath = "demand_scale"

    public init(path: String, values: [String]) {
        self.path = path
        self.values = values
    }

    /// Parses `path=v1,v2,…` or `path=a:b:step`.
    public init(parsing text: String) throws(SweepError) {
        guard let (path, spec) = PathAssignment.split(text) else {
            throw .invalid("--vary \(text): expected path=v1,v2,… or path=a:b:step, e.g. pools.ode_idf.servers=16:32:4 or 'pools[id=web].servers=2,4'")
        }
        guard !spec.isEmpty else { throw .invalid("--vary \(text): no values after =") }
        self.path = path
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.count == 3, !spec.contains(","), let a = Double(parts[0]), let b = Double(parts[1]), let s = Double(parts[2]) {
            guard s > 0, s.isFinite else { throw .invalid("--vary \(text): the step must be a number > 0 (got \(parts[2]))") }
            guard a.isFinite, b.isFinite else { throw .invalid("--vary \(text): the range ends must be finite numbers") }
            guard b >= a else { throw .invalid("--vary \(text): the range end \(parts[1]) is below its start \(parts[0])") }
            // Counted as a Double first: a tiny step over a wide range is more steps than an Int holds.
            let steps = ((b - a) / s + 1e-9).rounded(.down)
            guard steps.isFinite, steps < 10_000 else {
                throw .invalid("--vary \(text): \(steps.isFinite ? String(format: "%.0f", steps + 1) : "infinitely many") values (expected at most 10000)")
            }
            let n = Int(steps)
            values = (0...n).map { Self.format(a + Double($0) * s) }
        } else {
            let list = spec.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if let empty = list.firstIndex(where: \.isEmpty) {
                throw .invalid("--vary \(text): value \(empty + 1) is empty")
            }
            values = list
        }
    }

    /// A number as an override value: integers without a decimal point (servers: 40).
    static func format(_ x: Double) -> String {
        let r = (x * 1e9).rounded() / 1e9
        if r == r.rounded(), abs(r) < 1e15 { return String(Int64(r)) }
        return String(r)
    }
}

/// Why a sweep, capacity or saturation search cannot run as asked.
public enum SweepError: Error, Equatable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let why): why
        }
    }
}
