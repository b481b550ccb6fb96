import Experiments
import Foundation
import Output
import Scenario
import World

/// The short text a planner reads on stdout after a run, in the run's language (every
/// fixed string from ``ReportPhrase``; numbers with a decimal comma in French, clock times
/// HH:MM in both).
struct HumanSummary {
    let scenario: Scenario
    let runs: [RunResult]
    let aggregated: [AggregatedValue]
    var language: ReportLanguage = .en

    /// The estimate of `metric` of the entity of kind `kind` (its CSV name: `platform`, `pool`).
    func value(_ kind: String, _ entity: String, _ metric: String) -> Estimate? {
        aggregated.first { $0.kind.rawValue == kind && $0.entity == entity && $0.metric == metric }?.estimate
    }

    var text: String {
        let t = language
        // A sampled run says so first: its counts are scaled up from a share of the population.
        let sampled = scenario.sample < 1 ? t.text(.summarySampled, decimal(String(format: "%g", scenario.sample * 100))) : ""
        var lines = [t.text(.summaryHeader, scenario.name, String(runs.count), clock(scenario.start), clock(scenario.end), sampled)]
        for platform in scenario.platforms {
            var parts: [String] = []
            if let onset = value("platform", platform.id, "saturation_onset_clock_s"), onset.count > 0 {
                // Which measure: the servers (overload) or the gates (refusal), each with its own onset.
                let kinds = [("overload_onset_clock_s", ReportPhrase.summaryOverloadedFrom), ("refusal_onset_clock_s", .summaryRefusingFrom)]
                    .compactMap { metric, phrase in
                        value("platform", platform.id, metric).flatMap {
                            $0.count > 0 ? t.text(phrase, clock($0.mean), String($0.count), String(runs.count)) : nil
                        }
                    }
                parts.append(t.text(.summarySaturates, clock(onset.mean), String(onset.count), String(runs.count))
                             + (kinds.isEmpty ? "" : ": " + kinds.joined(separator: t.text(.summaryAnd))))
            } else {
                parts.append(t.text(.summaryNoSaturation))
            }
            if let peak = value("platform", platform.id, "peak_desired_sessions"),
               let sessions = value("platform", platform.id, "peak_active_sessions") {
                parts.append(t.text(.summaryPeak, count(peak.mean), count(sessions.mean)))
            }
            if let share = value("platform", platform.id, "share_in_by_0900"), share.count > 0 {
                parts.append(t.text(.summaryInByNine, percent(share.mean)))
            }
            if let attempts = value("platform", platform.id, "attempts_per_success"), attempts.count > 0 {
                parts.append(t.text(.summaryAttempts, decimal(String(format: "%.2f", attempts.mean))))
            }
            lines.append(t.text(.summaryEntity, t.entityKind("platform"), name(platform.id, platform.label), parts.joined(separator: ", ")))
        }
        let poolFigures: [(String, ReportPhrase)] = [
            ("utilization", .summaryUtilization), ("mean_wait", .summaryMeanWait), ("p_wait", .summaryPWait),
            ("mean_queue", .summaryMeanQueue), ("p_blocked", .summaryPBlocked), ("p_abandon", .summaryPAbandon),
        ]
        for pool in scenario.pools {
            var parts: [String] = []
            for (metric, phrase) in poolFigures {
                if let e = value("pool", pool.id, metric), e.count > 0 {
                    parts.append("\(t.text(phrase)) \(format(e))")
                }
            }
            lines.append(t.text(.summaryEntity, t.entityKind("pool"), name(pool.id, pool.label), parts.joined(separator: ", ")))
        }
        return lines.joined(separator: "\n")
    }

    /// An entity as people call it: its `label:` with the id in brackets (the id is what
    /// `--set` paths and the CSV files use), else the id.
    func name(_ id: String, _ label: String?) -> String {
        label.map { "\($0) [\(id)]" } ?? id
    }

    func format(_ e: Estimate) -> String {
        decimal(e.halfWidth.isFinite ? String(format: "%.4g ± %.2g", e.mean, e.halfWidth) : String(format: "%.4g", e.mean))
    }

    func clock(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "–" }
        let s = Int(seconds.rounded())
        return String(format: "%02d:%02d", s / 3600, (s % 3600) / 60)
    }

    func count(_ x: Double) -> String { x >= 10_000 ? String(format: "%.0fk", x / 1000) : String(format: "%.0f", x) }
    func percent(_ x: Double) -> String { String(format: "%.0f", x * 100) + language.text(.percentSign) }

    /// A number spelled with a decimal point, in the summary's language.
    func decimal(_ text: String) -> String { ValueFormat.decimal(text, language) }
}
