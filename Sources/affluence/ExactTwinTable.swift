import Experiments
import Foundation
import Output
import Scenario

/// `exact.csv` and the stdout lines of `affluence estimate --exact`.
enum ExactTwinTable {
    static let header = [
        "scenario", "entity_kind", "entity_id", "interval_start_clock", "interval_start_s", "mean_in_system", "mean_queue",
        "in_system_at_end", "p_block_at_end", "refused", "abandoned", "served", "refused_cumulative", "abandoned_cumulative",
    ]

    static func write(_ twin: ExactTwin, scenario: Scenario, origin: ClockTime, dialect: CSVDialect, to sink: inout FileSink) throws {
        var refusedSoFar: [String: Double] = [:], abandonedSoFar: [String: Double] = [:]
        let records = twin.rows.map { r -> [CSVField] in
            let key = r.kind.rawValue + "\u{0}" + r.entity
            refusedSoFar[key, default: 0] += r.refused
            abandonedSoFar[key, default: 0] += r.abandoned
            return [.text(scenario.name), .text(r.kind.rawValue), .text(r.entity), .text(ClockTime(origin: origin, plus: r.start).description), .number(r.start),
                    .number(r.meanInSystem), .number(r.meanQueue), .number(r.meanAtEnd), .number(r.blockingAtEnd),
                    .number(r.refused), .number(r.abandoned), .number(r.served),
                    .number(refusedSoFar[key]), .number(abandonedSoFar[key])]
        }
        try CSVTables.write(header: header, records: records, dialect: dialect, to: &sink)
    }

    /// Per pool: the largest mean queue and when; per platform: the largest mean sessions and
    /// when; and the day's refusals, abandonments and completions.
    static func summary(_ twin: ExactTwin, scenario: Scenario, origin: ClockTime) -> String {
        var lines = ["Exact transient twin (Kolmogorov forward equations, from empty)"]
        let entities = scenario.pools.map { (ExactTwin.Kind.pool, $0.id) } + scenario.platforms.map { (ExactTwin.Kind.platform, $0.id) }
        for (kind, id) in entities {
            let rows = twin.rows.filter { $0.kind == kind && $0.entity == id }
            // A pool's queue; a platform's sessions (N less the users in its waiting room).
            let figure = { (r: ExactTwin.Row) in kind == .pool ? r.meanQueue : r.meanInSystem - r.meanQueue }
            guard let peak = rows.max(by: { figure($0) < figure($1) }) else { continue }
            let (what, abandoned, served) = kind == .pool ? ("queue", "abandoned", "served")
                : ("sessions", "left the waiting room", "sessions completed")
            lines.append(String(format: "  %@ %@: largest mean %@ %.3g in the interval from %@; %.4g refused, %.4g %@, %.4g %@",
                                kind.rawValue, id, what, figure(peak), ClockTime(origin: origin, plus: peak.start).description,
                                rows.reduce(0) { $0 + $1.refused }, rows.reduce(0) { $0 + $1.abandoned }, abandoned,
                                rows.reduce(0) { $0 + $1.served }, served))
        }
        return lines.joined(separator: "\n")
    }
}
