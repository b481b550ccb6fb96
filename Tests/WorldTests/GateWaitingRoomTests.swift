import QueueingTheory
import Scenario
import Testing
@testable import World

/// A FIFO waiting room with slot outflow in front of c session slots, Poisson arrivals
/// and exponential sessions (one page of Exp(1 s), a free login) is the M/M/c queue; with
/// exponential patience in the room it is Erlang A. Long runs, fixed seeds: the tolerances
/// are a few standard errors of 3 × 20 h of simulated time.
@Suite("Waiting room against Erlang C and Erlang A")
struct GateWaitingRoomTests {
    static func model(rate: Double, servers: Int, patience: String) -> String {
        """
        version: 1
        name: room
        start: 00:00
        end: 20:00
        warmup: 1h
        report_interval: 10min
        seed: 11
        behaviours:
          - {id: one, pages_per_session: 1, think_time: 1s, requests_per_page: 1, login_cost: 0, client_timeout: 100h,
             patience: \(patience), retry_delay: 1s, retry_probability: 0%}
        segments:
          - {id: users, size: \(Int(rate * 20 * 3600)), active_share: 100%, platforms: web, behaviour: one,
             intent: {curves: [{share: 100%, interpolation: step, points: [[00:00, 1], [20:00, 1]]}]}}
        platforms:
          - {id: web, pools: web, gate: [room]}
        pools:
          - {id: web, servers: 2000, service_time: exponential(mean: 1s)}
        gates:
          - {id: room, waiting_room: {order: fifo, outflow: slot_freed, capacity: \(servers), shows_wait: false}}
        """
    }

    static func averages(_ text: String, metrics: [String]) throws -> [Double] {
        let scenario = try ScenarioLoader.load(text: text, path: "room.yaml")
        var sums = Array(repeating: 0.0, count: metrics.count)
        for r in 0..<3 {
            var world = try World(scenario: scenario, replication: r)
            let result = world.run()
            for (k, m) in metrics.enumerated() { sums[k] += try #require(result.summary(m, "web")) / 3 }
        }
        return sums
    }

    @Test("FIFO room, slot outflow, infinite patience: P(wait) and mean wait are Erlang C")
    func erlangC() throws {
        let theory = MMc(servers: 10, arrivalRate: 9, serviceRate: 1)
        let v = try Self.averages(Self.model(rate: 9, servers: 10, patience: "1000h"),
                                  metrics: ["p_room_wait", "mean_room_wait_s", "mean_room_wait_admitted_s", "p_room_renege"])
        print("Erlang C: P(wait) sim \(v[0]) theory \(theory.probabilityOfWait); Wq sim \(v[1]) theory \(theory.meanWait); Wq|wait sim \(v[2]) theory \(theory.meanWait / theory.probabilityOfWait)")
        #expect(abs(v[0] - theory.probabilityOfWait) / theory.probabilityOfWait < 0.03)
        #expect(abs(v[1] - theory.meanWait) / theory.meanWait < 0.08)
        // Those who waited waited 1/(cμ − λ) on average (exponential conditional wait).
        let conditional = theory.meanWait / theory.probabilityOfWait
        #expect(abs(v[2] - conditional) / conditional < 0.08)
        #expect(v[3] == 0)
    }

    @Test("FIFO room with exponential patience: P(wait), P(abandon) and mean wait are Erlang A")
    func erlangA() throws {
        let theory = ErlangA(servers: 10, arrivalRate: 10, serviceRate: 1, abandonmentRate: 0.1)
        let v = try Self.averages(Self.model(rate: 10, servers: 10, patience: "exponential(mean: 10s)"),
                                  metrics: ["p_room_wait", "p_room_renege", "mean_room_wait_s"])
        print("Erlang A: P(wait) sim \(v[0]) theory \(theory.probabilityOfWait); P(abandon) sim \(v[1]) theory \(theory.probabilityAbandon); Wq sim \(v[2]) theory \(theory.meanWait)")
        #expect(abs(v[0] - theory.probabilityOfWait) / theory.probabilityOfWait < 0.03)
        #expect(abs(v[1] - theory.probabilityAbandon) / theory.probabilityAbandon < 0.08)
        #expect(abs(v[2] - theory.meanWait) / theory.meanWait < 0.08)
    }
}
