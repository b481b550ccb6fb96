import Experiments
import Foundation
import Scenario
import Testing
import World

/// How a model under `models/` is run for the invariant checks: the file as written where
/// it is fast enough, otherwise with overrides that keep it valid and keep its character.
struct InvariantCase: Sendable, CustomTestStringConvertible {
    let file: String
    let policy: String?
    let overrides: [[String]]
    let replications: Int

    var testDescription: String { policy.map { "\(file) --policy \($0)" } ?? file }

    /// Overrides per model. Textbook models are shortened (the invariants hold for any
    /// horizon). The France day runs as a 1% sample (`sample: 1%`, docs/scenario-format.md
    /// "Sampling"): every population and every capacity (pools, queues, caps, admission
    /// rates) at 1%, so loads keep their ratios and the whole day (SSO, quotas, session and
    /// idle limits, re-logins, comebacks) still happens in seconds; so do the models that
    /// extend it (its sibling studies and later days). Set AFFLUENCE_FULL_FRANCE=1 to run the
    /// day itself at full scale (one replication, tens of minutes).
    static func plan(_ file: String) -> (overrides: [[String]], replications: Int) {
        switch file {
        case _ where file != "france-2021-04-06.yaml" && extendsFrance(file): return ([["sample", "1%"]], 1)
        case "france-2021-04-06.yaml":
            let full = ProcessInfo.processInfo.environment["AFFLUENCE_FULL_FRANCE"] == "1"
            return ([["sample", full ? "100%" : "1%"]], 1)
        case "validation/mtg-infinity.yaml": return ([], 4)
        case _ where file.hasPrefix("validation/"): return ([["duration", "8h"], ["warmup", "1h"]], 4)
        default: return ([], 4)
        }
    }

    static func extendsFrance(_ file: String) -> Bool {
        guard let s = try? ScenarioLoader.load(path: Models.root + "/" + file) else { return false }
        return s.files.dropFirst().contains { $0.hasSuffix("/france-2021-04-06.yaml") }
    }

    /// Policies of a model that the simulator can run (France's P2–P5 use waiting rooms,
    /// token buckets and time windows, not simulated yet), and whose runs stay short.
    static let skippedPolicies: Set<String> = ["france-2021-04-06.yaml"]

    static let all: [InvariantCase] = Models.all.flatMap { file -> [InvariantCase] in
        let (overrides, replications) = plan(file)
        var cases = [InvariantCase(file: file, policy: nil, overrides: overrides, replications: replications)]
        if !skippedPolicies.contains(file), let names = try? ScenarioLoader.policyNames(path: Models.root + "/" + file) {
            cases += names.map { InvariantCase(file: file, policy: $0, overrides: overrides, replications: replications) }
        }
        return cases
    }
}

/// Figures that are a ratio and NaN exactly when their denominator is zero (no requests, no
/// queue exits, no workers, no logins, no visits, no first pages), or a clock time that is
/// NaN when the event did not happen (never saturated, not recovered within the horizon).
enum DocumentedNaN {
    /// `workers` (and `utilization`) are NaN in every interval of a `servers: unlimited` pool.
    static let poolSeries: Set<String> = ["utilization", "mean_wait_s", "p50_response_s", "p95_response_s", "workers"]
    /// The waiting-room series are NaN on platforms without a room.
    static let platformSeries: Set<String> = ["session_cap", "attempts_per_success", "error_share",
                                              "waiting_room_users", "admitted_from_room", "balked", "reneged_room"]
    static let summary: Set<String> = [
        "utilization", "mean_wait", "mean_wait_served_s", "mean_response", "p_wait", "p_blocked", "p_abandon", "p_timeout", "p95_response_s",
        "p_wait_over_target", "share_response_within_target",
        "attempts_per_success", "p_throttled_locally", "login_work_amplification", "share_never_in", "share_in", "mean_time_to_first_page_s",
        "p50_time_to_first_page_s", "p95_time_to_first_page_s",
        "saturation_onset_clock_s", "saturated_until_clock_s", "saturated_share",
        "overload_onset_clock_s", "overloaded_until_clock_s", "overloaded_share",
        "refusal_onset_clock_s", "refusing_until_clock_s", "refusing_share",
        "p_room_wait", "mean_room_wait_s", "mean_room_wait_admitted_s", "p_room_balk", "p_room_renege",
        // Attacks: no burst recovered (or none at all), no attack inside the run, a pool without workers.
        "mean_burst_recovery_s", "max_burst_recovery_s", "attack_end_clock_s", "recovery_after_attack_s", "share_capacity_left",
    ]

    static func allowed(_ kind: EntityKind, _ metric: String, series: Bool) -> Bool {
        if !series { return summary.contains(metric) || metric.hasPrefix("share_in_by_") }
        switch kind {
        case .pool: return poolSeries.contains(metric)
        case .platform: return platformSeries.contains(metric)
        case .attack: return metric == "share_capacity_left"
        default: return false
        }
    }
}

@Suite("Invariants on every model under models/")
struct InvariantTests {
    @Test("users are conserved, counters are whole and never negative, NaN only where documented",
          arguments: InvariantCase.all)
    func invariants(_ model: InvariantCase) throws {
        let scenario = try Models.load(model.file, model.overrides.map { ($0[0], $0[1]) }, policy: model.policy)
        let runs = try replicate(scenario, model.replications)
        #expect(runs.count == model.replications)
        let measuredFrom = Int((scenario.warmup / scenario.reportInterval).rounded(.up))
        for run in runs {
            var log = InvariantLog()
            try RunInvariants.conservation(run, &log)
            try RunInvariants.signs(run, &log)
            try RunInvariants.counters(run, measuredFrom: measuredFrom, &log)
            log.record()
        }
    }

    /// Little's law for the queue of each pool: the time-average queue length equals the
    /// rate of queue exits (services started + reneging) times the mean wait of those exits,
    /// up to what is still queued at the boundaries of the measured period. The tolerance is
    /// the 99.9% t interval of the per-replication gap plus that boundary term, estimated
    /// from the run itself: (queue at the end × wait at the end + workers × mean wait) / T.
    /// Every pool counts, those that drop expired requests too: a dropped request's time in
    /// the queue is part of `mean_wait`, and drops are part of the queue's departures.
    @Test("Little's law holds for every pool queue (L = λW over the measured period)", arguments: InvariantCase.all)
    func littlesLaw(_ model: InvariantCase) throws {
        let scenario = try Models.load(model.file, model.overrides.map { ($0[0], $0[1]) }, policy: model.policy)
        guard model.replications >= 2 else {
            // One replication (the France model): a single gap is checked against the boundary term alone.
            try checkLittle(try replicate(scenario, 1), scenario: scenario, statistical: false)
            return
        }
        try checkLittle(try replicate(scenario, model.replications), scenario: scenario, statistical: true)
    }

    func checkLittle(_ runs: [RunResult], scenario: Scenario, statistical: Bool) throws {
        let first = try #require(runs.first)
        let pools = Set(first.summary.filter { $0.kind == .pool }.map(\.entity)).sorted()
        let measuredFrom = Int((scenario.warmup / scenario.reportInterval).rounded(.up))
        let measured = scenario.duration - Double(measuredFrom) * scenario.reportInterval
        let confidence = familyConfidence(comparisons: pools.count)
        for pool in pools {
            var gaps: [Double] = [], allowances: [Double] = [], levels: [Double] = []
            for run in runs {
                let queue = try run.value("mean_queue", pool)
                let wait = try run.value("mean_wait", pool)
                let arrived = try run.sum("arrived", pool, measuredFrom..<run.intervalCount)
                let abandon = try run.value("p_abandon", pool)
                let dropped = try run.sum("dropped", pool, measuredFrom..<run.intervalCount)
                let exits = try run.value("throughput_per_s", pool) * measured + (arrived > 0 ? abandon * arrived : 0) + dropped
                guard wait.isFinite else {
                    #expect(queue == 0, "\(pool): no queue exits but a mean queue of \(queue)")
                    continue
                }
                gaps.append(queue - exits / measured * wait)
                let queueSeries = try run.values("mean_queue", pool)
                let waitSeries = try run.values("mean_wait_s", pool).map { $0.isFinite ? $0 : 0 }
                let workers = try run.values("workers", pool).filter(\.isFinite).max() ?? 0  // NaN: unlimited, where nobody waits
                let lastWait = waitSeries.last ?? 0
                let firstWait = measuredFrom > 0 ? waitSeries[measuredFrom] : 0
                let firstQueue = measuredFrom > 0 ? queueSeries[measuredFrom - 1] : 0
                allowances.append(((queueSeries.last ?? 0) * lastWait + firstQueue * firstWait + workers * wait) / measured)
                levels.append(queue)
            }
            if gaps.isEmpty { continue }
            let allowance = allowances.reduce(0, +) / Double(allowances.count)
            if statistical && gaps.count >= 2 {
                let interval = MeanInterval(gaps, confidence: confidence)
                #expect(abs(interval.mean) <= interval.halfWidth + allowance + 1e-12 * (levels.max() ?? 0),
                        "\(pool): L − λW = \(interval), boundary allowance \(allowance), mean queue \(levels)")
            } else {
                #expect(abs(gaps[0]) <= allowance + 1e-12 * levels[0],
                        "\(pool): L − λW = \(gaps[0]), boundary allowance \(allowance), mean queue \(levels[0])")
            }
        }
    }
}
