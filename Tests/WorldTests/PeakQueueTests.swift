import Scenario
import Testing
import World

@Suite("peak_queue")
struct PeakQueueTests {
    @Test("the longest queue of an M/M/c/K pool is its queue limit once a request was rejected, never more")
    func reachesTheLimit() throws {
        let scenario = try Models.load("validation/mmck.yaml", [("duration", "4h"), ("warmup", "1h")])
        for run in try replicate(scenario, 2) {
            let peak = try #require(run.summary("peak_queue", "servers"))
            #expect(try #require(run.summary("p_blocked", "servers")) > 0)
            #expect(peak == 7)
            let mean = try #require(run.summary("mean_queue", "servers"))
            #expect(peak >= mean)
        }
    }

    @Test("a pool that never queues has a peak of zero; one that does, a whole number above its mean")
    func wholeAndAboveTheMean() throws {
        let idle = """
        version: 1
        name: idle
        duration: 2h
        sources:
          - {id: trickle, rate: 0.01/s, pool: wide}
        pools:
          - {id: wide, servers: 50, service_time: exponential(mean: 1s)}
        """
        let quiet = try #require(try replicate(try Models.load(text: idle, name: "idle.yaml"), 1).first)
        #expect(quiet.summary("peak_queue", "wide") == 0)
        let run = try #require(try replicate(try Models.load("validation/mm1.yaml", [("duration", "4h"), ("warmup", "1h")]), 1).first)
        let pool = try #require(run.summary.first { $0.kind == .pool && $0.metric == "peak_queue" })
        #expect(pool.value > 1 && pool.value == pool.value.rounded())
        let mean = try #require(run.summary("mean_queue", pool.entity))
        #expect(pool.value >= mean)
        #expect(pool.unit == "count")
    }
}
