import Scenario
import World

extension CompareMetric {
    /// The metrics `compare` reads when none is asked for, chosen from what the model has,
    /// so that no default reads n/a because the model lacks its entity:
    ///
    /// - who got in: the first and last "in by" checkpoints inside the run and the mean
    ///   time to a first page, for the pupils when the model has segments of pupils, else
    ///   for every segment pooled;
    /// - what the gates cost: refusals per successful login when any policy has a gate that
    ///   can refuse, forced logouts when any has a session time limit or an idle timeout;
    /// - when saturation started and ended, on the platform with the most demand (on the
    ///   pool with the most servers when the model has no platform).
    ///
    /// `scenarios` are the base and every policy, so a gate only a policy adds counts.
    public static func defaults(for scenarios: [Scenario]) -> [CompareMetric] {
        guard let base = scenarios.first else { return [] }
        var chosen: [CompareMetric] = []
        let pupils = CompareMetric(metric: "", entity: "pupils")
        let group = base.segments.contains { pupils.includesSegment($0.id) }
            ? "pupils" : base.segments.map(\.id).joined(separator: "+")
        if !group.isEmpty {
            let checkpoints = Checkpoints.metricNames(start: base.start, end: base.end)
            for name in [checkpoints.first, checkpoints.count > 1 ? checkpoints.last : nil].compactMap({ $0 }) {
                chosen.append(CompareMetric(metric: name, entity: group))
            }
            chosen.append(CompareMetric(metric: "mean_time_to_first_page_s", entity: group))
        }
        let gates = scenarios.flatMap(\.gates).map(\.kind)
        if !base.platforms.isEmpty {
            if gates.contains(where: \.canRefuse) { chosen.append(CompareMetric(metric: refusalsPerSuccess, entity: "*")) }
            if gates.contains(where: \.logsOut) { chosen.append(CompareMetric(metric: "forced_logouts", entity: "*")) }
        }
        if let entity = busiestPlatform(base) ?? base.pools.max(by: { $0.workers < $1.workers })?.id {
            chosen.append(CompareMetric(metric: "saturation_onset_clock_s", entity: entity))
            chosen.append(CompareMetric(metric: "saturated_until_clock_s", entity: entity))
        }
        return chosen
    }

    /// The platform the most active users use (the first in file order among equals).
    static func busiestPlatform(_ scenario: Scenario) -> String? {
        var users: [String: Double] = [:]
        for segment in scenario.segments {
            for use in segment.platforms { users[use.platform, default: 0] += segment.activeMembers * use.share }
        }
        return scenario.platforms.map(\.id).max { (users[$0] ?? 0) < (users[$1] ?? 0) }
    }
}

extension Gate.Kind {
    /// Whether the gate can turn a login away (refused at the edge or after login).
    var canRefuse: Bool {
        switch self {
        case .sessionCap, .waitingRoom, .tokenBucket, .timeWindows, .priority: true
        case .noControl, .sessionTimeLimit, .idleTimeout: false
        }
    }

    /// Whether the gate ends sessions the user did not end.
    var logsOut: Bool {
        switch self {
        case .sessionTimeLimit, .idleTimeout: true
        default: false
        }
    }
}
