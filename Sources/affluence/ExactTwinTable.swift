import Experiments
import Foundation
import Output
import Scenario

/// `exact.csv` and the stdout lines of `affluence estimate --exact`.
enum ExactTwinTable {
    static let header = [
        "scenario", "pool", "interval_start_clock", "interval_start_s", "mean_in_system", "mean_queue",
        "in_system_at_end", "p_block_at_end", "refused", "abandoned", "served", "refused_cumulative", "abandoned_cumulative",
    ]

    static func write(_ twin: ExactTwin, scenario: Scenario, origin: ClockTime, to sink: inout FileSink) throws {
        var refusedSoFar: [String: Double] = [:], abandonedSoFar: [String: Double] = [:]
        let records = twin.rows.map { r -> [CSVField] in
            refusedSoFar[r.pool, default: 0] += r.refused
            abandonedSoFar[r.pool, default: 0] += r.abandoned
            return [.text(scenario.name), .text(r.pool), .text(ClockTime(origin: origin, plus: r.start).description), .number(r.start),
                    .number(r.meanInSystem), .number(r.meanQueue), .number(r.meanAtEnd), .number(r.blockingAtEnd),
                    .number(r.refused), .number(r.abandoned), .number(r.served),
                    .number(refusedSoFar[r.pool]), .number(abandonedSoFar[r.pool])]
        }
        try CSVTables.write(header: header, records: records, dialect: .standard, to: &sink)
    }

    /// Per pool: the largest mean queue and when, and the day's refusals and abandonments.
    static func summary(_ twin: ExactTwin, scenario: Scenario, origin: ClockTime) -> String {
        var lines = ["Exact transient twin (Kolmogorov forward equations, from empty)"]
        for pool in scenario.pools {
            let rows = twin.rows.filter { $0.pool == pool.id }
            guard let peak = rows.max(by: { $0.meanQueue < $1.meanQueue }) else { continue }
            lines.append(String(format: "  pool %@: largest mean queue %.3g in the interval from %@; %.4g refused, %.4g abandoned, %.4g served",
                                pool.id, peak.meanQueue, ClockTime(origin: origin, plus: peak.start).description,
                                rows.reduce(0) { $0 + $1.refused }, rows.reduce(0) { $0 + $1.abandoned }, rows.reduce(0) { $0 + $1.served }))
        }
        return lines.joined(separator: "\n")
    }
}
