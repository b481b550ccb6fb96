import Experiments
import Scenario
import Testing
@testable import World

/// Common random numbers and honest intervals for `affluence compare`.
@Suite("Policy comparison: common random numbers and interval coverage")
struct CompareTests {
    /// A small platform where a session cap and a waiting room both bite.
    static let platformModel = """
        version: 1
        name: crn
        start: 07:00
        end: 10:00
        report_interval: 5min
        replications: 20
        seed: 5
        behaviours:
          - {id: b, pages_per_session: exponential(mean: 4), think_time: exponential(mean: 30s), requests_per_page: 2, login_cost: 2,
             client_timeout: 30s, patience: exponential(mean: 20min), retry_delay: exponential(mean: 1min), retry_probability: 100%}
        segments:
          - {id: pupils, size: 20000, active_share: 80%, platforms: web, behaviour: b, intent: {bumps: [{at: 08:15, sd: 20min}]}}
        platforms:
          - {id: web, pools: web, gate: [cap]}
        pools:
          - {id: web, servers: 4, workers_per_server: 2, queue_limit: 400, service_time: exponential(mean: 50ms)}
        gates:
          - {id: cap, session_cap: {max_sessions: 300, refusal: edge}}
          - {id: room, waiting_room: {order: fifo, outflow: slot_freed, capacity: 300, shows_wait: true}}
        policies:
          bigger: {set: {gates.cap.session_cap.max_sessions: 330}}
          room: {set: {platforms.web.gate: [room]}}
          roombig: {set: {platforms.web.gate: [room], gates.room.waiting_room.capacity: 330}}
        """

    @Test("for a fixed replication every policy sees the same arrivals and the same users; paired differences are tighter")
    func commonRandomNumbers() throws {
        let base = try ScenarioLoader.load(text: Self.platformModel, path: "crn.yaml")
        let bigger = try ScenarioLoader.load(text: Self.platformModel, path: "crn.yaml", policy: "bigger")
        let room = try ScenarioLoader.load(text: Self.platformModel, path: "crn.yaml", policy: "room")
        let roombig = try ScenarioLoader.load(text: Self.platformModel, path: "crn.yaml", policy: "roombig")
        // Same user keys (each user's draws start from (source key, serial)).
        for r in [0, 3] {
            let keys = try [base, bigger, room].map { try World(scenario: $0, replication: r).sourceKeys }
            #expect(keys[0] == keys[1] && keys[0] == keys[2])
        }
        let result = try Compare.run([("base", base), ("bigger", bigger), ("room", room), ("roombig", roombig)], baseline: "base",
                                     metrics: [CompareMetric(metric: "share_in_by_0900", entity: "pupils")],
                                     stopping: .fixed(20), jobs: 2)
        // Same arrival stream: visits per interval identical, replication by replication.
        for k in 0..<20 {
            let visits = ["base", "bigger", "room"].map { result.runs[$0]![k].series("visits", "pupils")! }
            #expect(visits[0] == visits[1] && visits[0] == visits[2])
        }
        #expect(Set((0..<20).map { result.runs["base"]![$0].series("visits", "pupils")! }).count > 1)  // replications differ
        // Two waiting rooms (300 vs 330 slots): users meet the same room in the same order, so
        // their draws stay in step and pairing removes the day-to-day noise. Two session caps
        // (300 vs 330, refusals and retries): paths diverge after the first different refusal,
        // a user's draws then serve other purposes, and pairing gains little — printed, not asserted.
        for (policy, reference) in [("roombig", "room"), ("bigger", "base")] {
            for metric in ["share_in_by_0900", "users_in"] {
                let x = result.runs[policy]!.map { $0.summary(metric, "pupils")! }
                let y = result.runs[reference]!.map { $0.summary(metric, "pupils")! }
                let paired = Compare.pairedDifference(x, y)
                let unpaired = Compare.unpairedHalfWidth(x, y)
                let sx = Estimate(x).standardDeviation, sy = Estimate(y).standardDeviation
                print("CRN \(policy) − \(reference), \(metric): mean \(paired.mean); sd of paired differences \(paired.standardDeviation) vs √(sx² + sy²) = \((sx * sx + sy * sy).squareRoot()); 95% half-width paired \(paired.halfWidth), unpaired \(unpaired)")
                if policy == "roombig" {
                    #expect(paired.halfWidth < unpaired / 3)
                    #expect(paired.standardDeviation * paired.standardDeviation < (sx * sx + sy * sy) / 9)
                }
            }
        }
        #expect(result.entries[0].first { $0.policy == "base" }!.difference == nil)
        #expect(result.entries[0].map(\.rank).sorted() == [1, 2, 3, 4])
    }

    /// M/M/1 (λ = 0.5, μ = 1) after a warm-up of 200 s: the busy share over 2,000 s has mean
    /// ρ = 0.5. Each experiment is 5 replications on its own seed and a Student-t interval.
    @Test("95% intervals cover the true M/M/1 utilisation in 93–97% of 1000 experiments")
    func coverage() throws {
        let text = """
            version: 1
            name: mm1
            duration: 2200s
            warmup: 200s
            report_interval: 100s
            sources:
              - {id: customers, rate: 0.5/s, pool: server}
            pools:
              - {id: server, servers: 1, service_time: exponential(mean: 1s)}
            """
        let scenario = try ScenarioLoader.load(text: text, path: "mm1.yaml")
        let experiments = 1000
        var covered = 0
        for e in 0..<experiments {
            var values: [Double] = []
            for r in 0..<5 {
                var world = try World(scenario: scenario, replication: r, seed: UInt64(1000 + e))
                values.append(try #require(world.run().summary("utilization", "server")))
            }
            let estimate = Estimate(values)
            if abs(estimate.mean - 0.5) <= estimate.halfWidth { covered += 1 }
        }
        let share = Double(covered) / Double(experiments)
        print("coverage of the 95% CI over \(experiments) experiments: \(share)")
        #expect(share >= 0.93 && share <= 0.97)
    }
}
