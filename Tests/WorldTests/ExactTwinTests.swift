import Experiments
import Scenario
import Testing
import World

/// Markovian models whose time-varying behaviour the exact twin solves (the Kolmogorov
/// forward equations of the number of requests present), each simulated from empty.
struct MarkovianCase: Sendable, CustomTestStringConvertible {
    let name: String
    let model: String
    var testDescription: String { name }
}

let markovianCases: [MarkovianCase] = [
    MarkovianCase(name: "M/M/c/K from empty", model: """
        version: 1
        name: M/M/5/15 from empty
        end: 00:30
        report_interval: 1min
        sources:
          - {id: arrivals, rate: 4.5/s, pool: servers}
        pools:
          - {id: servers, servers: 5, queue_limit: 10, service_time: exponential(mean: 1s)}
        """),
    MarkovianCase(name: "capacity-schedule steps up, an unlimited queue cut where it is negligible", model: """
        version: 1
        name: capacity steps
        end: 00:30
        report_interval: 1min
        sources:
          - {id: arrivals, rate: 1.8/s, pool: servers}
        pools:
          - {id: servers, servers: 2, service_time: exponential(mean: 1s),
             capacity_schedule: [{at: 00:10, servers: 3}, {at: 00:20, servers: 5}]}
        """),
    MarkovianCase(name: "capacity steps up with a queue limit: arrivals are refused at c(t) + K", model: """
        version: 1
        name: capacity steps with a queue limit
        end: 00:20
        report_interval: 1min
        sources:
          - {id: arrivals, rate: 2.5/s, pool: servers}
        pools:
          - {id: servers, servers: 2, queue_limit: 5, service_time: exponential(mean: 1s),
             capacity_schedule: [{at: 00:10, servers: 4}]}
        """),
    MarkovianCase(name: "Erlang A with step arrivals (5/s, 14/s, 6/s)", model: """
        version: 1
        name: Erlang A with time-varying arrivals
        end: 00:30
        report_interval: 1min
        sources:
          - {id: arrivals, rate_curve: [[00:00, 5/s], [00:10, 14/s], [00:20, 6/s], [00:30, 6/s]], interpolation: step,
             pool: agents, patience: exponential(mean: 30s)}
        pools:
          - {id: agents, servers: 10, service_time: exponential(mean: 1s)}
        """),
    MarkovianCase(name: "M_t/M/c/c loss system with a step in demand", model: """
        version: 1
        name: loss system
        end: 00:30
        report_interval: 1min
        sources:
          - {id: calls, rate_curve: [[00:00, 0.2/s], [00:12, 0.5/s], [00:30, 0.5/s]], interpolation: step, pool: trunks}
        pools:
          - {id: trunks, servers: 20, queue_limit: 0, service_time: exponential(mean: 1min)}
        """),
]

@Suite("The exact transient twin against the simulator")
struct ExactTwinTests {
    /// Every interval's mean queue, busy workers, refusals, abandonments and completions,
    /// over 400 replications, against the chain: inside the simulation's Student t interval
    /// at 99.9% family-wise confidence over every figure compared.
    @Test("the simulator follows the Kolmogorov forward equations at every interval", arguments: markovianCases)
    func simulatorFollowsTheChain(_ c: MarkovianCase) throws {
        let scenario = try Models.load(text: c.model, name: "exact-twin.yaml")
        let twin = try ExactTwin(scenario)
        let runs = try replicate(scenario, 400)
        let pool = scenario.pools[0].id
        #expect(twin.rows.count == runs[0].intervalCount)
        let series = { (metric: String) in try runs.map { try $0.values(metric, pool) } }
        let queue = try series("mean_queue"), busy = try series("busy_workers"), rejected = try series("rejected")
        let reneged = try series("reneged"), served = try series("served")
        let confidence = familyConfidence(comparisons: 5 * twin.rows.count)
        // Busy workers sit at the pool's size in every run when it is saturated: no run can be off by more than that.
        let workers = Double(([scenario.pools[0].servers] + scenario.pools[0].capacitySchedule.map(\.servers)).max()!)
        for (k, row) in twin.rows.enumerated() {
            let checks: [(String, [Double], Double, Double?)] = [
                ("mean queue", queue.map { $0[k] }, row.meanQueue, nil),
                ("busy workers", busy.map { $0[k] }, row.meanInSystem - row.meanQueue, workers),
                ("refused", rejected.map { $0[k] }, row.refused, nil),
                ("abandoned", reneged.map { $0[k] }, row.abandoned, nil),
                ("served", served.map { $0[k] }, row.served, nil),
            ]
            for (what, values, exact, largest) in checks {
                let agreed = agrees(values, exact, confidence: confidence, largestDeviation: largest)
                #expect(agreed, "\(c.name): \(what) in interval \(k), chain \(exact)")
            }
        }
    }

    @Test("models that are not a birth-death chain in one count are refused with the reason", arguments: [
        ("pools: [{id: p, servers: 2, service_time: 1s}]\nsources: [{id: s, rate: 1/s, pool: p}]", "exponential service time"),
        ("pools: [{id: p, servers: 2, service_time: exponential(mean: 1s), capacity_schedule: [{at: 00:10, servers: 1}]}]\nsources: [{id: s, rate: 1/s, pool: p}]",
         "capacity falls at 00:10"),
        ("pools: [{id: p, servers: 2, service_time: exponential(mean: 1s)}]\nsources: [{id: s, rate_curve: [[00:00, 1/s], [00:20, 2/s]], pool: p}]",
         "`step` rate curve"),
        ("pools: [{id: p, servers: 2, service_time: exponential(mean: 1s)}]\nsources: [{id: s, rate: 1/s, pool: p, patience: 10s}]",
         "patience must be exponential"),
    ])
    func refusesNonMarkovianModels(body: String, reason: String) throws {
        let scenario = try Models.load(text: "version: 1\nname: not markovian\nend: 00:30\n" + body, name: "not-markovian.yaml")
        let error = #expect(throws: SweepError.self) { try ExactTwin(scenario) }
        #expect(error?.description.contains(reason) == true, "\(String(describing: error))")
    }
}
