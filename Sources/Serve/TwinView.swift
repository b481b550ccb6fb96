import Experiments
import Foundation
import Output
import Scenario

/// The instant answer of the page: the analytic twin of a composed scenario, per platform
/// its pools' offered load against their workers over the day, and the predicted overload
/// onset (the first `saturation.sustain`-long run of intervals whose twin utilisation
/// reaches `saturation.utilization`, the simulator's own overload thresholds).
struct TwinView: Sendable, Codable {
    struct Group: Sendable, Codable {
        /// `platform` or `pool` (a pool no platform uses, fed by sources).
        var kind: String
        var id: String
        var label: String
        /// HH:MM of the predicted overload onset, nil when the twin sees none.
        var onset: String?
        /// The highest twin utilisation of the group's pools over the day.
        var peakUtilization: Double?
        /// The line chart (inline SVG, drawn by the report's chart code).
        var svg: String
    }

    var groups: [Group]
    var milliseconds: Double

    init(scenario: Scenario) throws(ServeError) {
        let clock = ContinuousClock()
        let started = clock.now
        let twin: AnalyticTwin
        do { twin = try AnalyticTwin(scenario) } catch { throw .badRequest("analytic twin: \(error)") }
        let byPool = Dictionary(grouping: twin.pools, by: \.pool)
        var groups: [(String, String, String, [String])] = scenario.platforms.map { ("platform", $0.id, $0.label ?? $0.id, $0.pools) }
        let used = Set(scenario.platforms.flatMap(\.pools))
        for pool in scenario.pools where !used.contains(pool.id) { groups.append(("pool", pool.id, pool.label ?? pool.id, [pool.id])) }
        let sustainIntervals = max(1, Int((scenario.saturation.sustain / twin.interval).rounded(.up)))
        let threshold = scenario.saturation.utilization
        let window = scenario.start...scenario.end
        self.groups = groups.map { kind, id, label, pools in
            var series: [LineChart.Series] = []
            var flagged = Array(repeating: false, count: twin.intervalCount)
            var peak: Double?
            for pool in pools {
                let intervals = (byPool[pool] ?? []).sorted { $0.interval < $1.interval }
                guard !intervals.isEmpty else { continue }
                series.append(.init(name: "\(pool) offered load", points: intervals.map { .init(x: scenario.start + $0.start, y: $0.offeredLoad) }))
                if intervals.allSatisfy({ $0.workers < .max }) {
                    series.append(.init(name: "\(pool) workers", points: intervals.map { .init(x: scenario.start + $0.start, y: Double($0.workers)) }))
                    for p in intervals where p.workers > 0 {
                        let u = p.offeredLoad / Double(p.workers)
                        peak = max(peak ?? 0, u)
                        if u >= threshold, p.interval < flagged.count { flagged[p.interval] = true }
                    }
                }
            }
            var onset: String?
            var run = 0
            for (i, f) in flagged.enumerated() {
                run = f ? run + 1 : 0
                if run == sustainIntervals {
                    onset = ClockTime(secondsOfDay: scenario.start + Double(i + 1 - sustainIntervals) * twin.interval).hoursMinutes
                    break
                }
            }
            let chart = LineChart(title: "\(label): offered load against workers (analytic twin)", yLabel: "erlangs / workers",
                                  series: series, xDomain: window)
            return Group(kind: kind, id: id, label: label, onset: onset, peakUtilization: peak, svg: chart.render())
        }
        milliseconds = (clock.now - started) / .milliseconds(1)
    }
}
