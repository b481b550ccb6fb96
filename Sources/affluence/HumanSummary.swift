import Experiments
import Foundation
import Scenario
import World

/// The short text a planner reads on stdout after a run.
struct HumanSummary {
    let scenario: Scenario
    let runs: [RunResult]
    let aggregated: [AggregatedValue]

    func value(_ kind: EntityKind, _ entity: String, _ metric: String) -> Estimate? {
        aggregated.first { $0.kind == kind && $0.entity == entity && $0.metric == metric }?.estimate
    }

    var text: String {
        // A sampled run says so first: its counts are scaled up from a share of the population.
        let sampled = scenario.sample < 1 ? ", a \(String(format: "%g", scenario.sample * 100))% sample scaled to the full population" : ""
        var lines = ["\(scenario.name): \(runs.count) replication(s), \(clock(scenario.start))–\(clock(scenario.end))\(sampled)"]
        for platform in scenario.platforms {
            var parts: [String] = []
            if let onset = value(.platform, platform.id, "saturation_onset_clock_s"), onset.count > 0 {
                // Which measure: the servers (overload) or the gates (refusal), each with its own onset.
                let kinds = [("overload_onset_clock_s", "overloaded"), ("refusal_onset_clock_s", "refusing")].compactMap { metric, label in
                    value(.platform, platform.id, metric).flatMap { $0.count > 0 ? "\(label) from \(clock($0.mean)) (\($0.count)/\(runs.count))" : nil }
                }
                parts.append("saturates at \(clock(onset.mean)) (\(onset.count)/\(runs.count) runs)"
                             + (kinds.isEmpty ? "" : ": " + kinds.joined(separator: " and ")))
            } else {
                parts.append("does not saturate")
            }
            if let peak = value(.platform, platform.id, "peak_desired_sessions"),
               let sessions = value(.platform, platform.id, "peak_active_sessions") {
                parts.append("peak demand \(count(peak.mean)) users for \(count(sessions.mean)) sessions")
            }
            if let share = value(.platform, platform.id, "share_in_by_0900"), share.count > 0 {
                parts.append("\(percent(share.mean)) in by 09:00")
            }
            if let attempts = value(.platform, platform.id, "attempts_per_success"), attempts.count > 0 {
                parts.append(String(format: "%.2f attempts per login", attempts.mean))
            }
            lines.append("  platform \(platform.id): " + parts.joined(separator: ", "))
        }
        for pool in scenario.pools {
            var parts: [String] = []
            for (metric, label) in [("utilization", "utilization"), ("mean_wait", "mean wait"), ("p_wait", "P(wait)"),
                                    ("mean_queue", "mean queue"), ("p_blocked", "P(blocked)"), ("p_abandon", "P(abandon)")] {
                if let e = value(.pool, pool.id, metric), e.count > 0 {
                    parts.append("\(label) \(format(e))")
                }
            }
            lines.append("  pool \(pool.id): " + parts.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    func format(_ e: Estimate) -> String {
        e.halfWidth.isFinite ? String(format: "%.4g ± %.2g", e.mean, e.halfWidth) : String(format: "%.4g", e.mean)
    }

    func clock(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "–" }
        let s = Int(seconds.rounded())
        return String(format: "%02d:%02d", s / 3600, (s % 3600) / 60)
    }

    func count(_ x: Double) -> String { x >= 10_000 ? String(format: "%.0fk", x / 1000) : String(format: "%.0f", x) }
    func percent(_ x: Double) -> String { String(format: "%.0f%%", x * 100) }
}
