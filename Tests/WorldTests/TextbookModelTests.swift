import Experiments
import QueueingTheory
import Scenario
import Testing
import World

/// One textbook system under `models/validation/` and what queueing theory says it does.
struct TextbookCase: Sendable, CustomTestStringConvertible {
    let file: String
    /// `--set` overrides that shorten the run (never change the system), chosen so each case
    /// runs in under ~8 s while every interval stays well under 10% of its formula's value
    /// (the test checks that, so a shortening that makes the comparison toothless fails).
    let overrides: [[String]]
    let replications: Int
    let pool: String
    /// Summary metric → the formula's value.
    let expected: [String: Double]

    var testDescription: String { file }

    static let all: [TextbookCase] = {
        let mm1 = MMc(servers: 1, arrivalRate: 0.9, serviceRate: 1)
        let mmc = MMc(servers: 10, arrivalRate: 9, serviceRate: 1)
        let b = erlangB(servers: 10, load: 8)
        let mmck = MMcK(servers: 3, capacity: 10, arrivalRate: 2.7, serviceRate: 1)
        // lognormal(mean: 1s, cv: 1.5): squared coefficient of variation 2.25.
        let mg1 = MG1(arrivalRate: 0.8, meanService: 1, serviceSCV: 2.25)
        let erlangA = ErlangA(servers: 10, arrivalRate: 10, serviceRate: 1, abandonmentRate: 0.1)
        return [
            TextbookCase(file: "validation/mm1.yaml", overrides: [], replications: 10, pool: "server", expected: [
                "utilization": mm1.utilization, "mean_wait": mm1.meanWait, "p_wait": mm1.probabilityOfWait,
                "mean_queue": mm1.meanQueueLength, "p_blocked": 0, "p_abandon": 0,
            ]),
            TextbookCase(file: "validation/mmc-erlang-c.yaml", overrides: [["duration", "15h"]], replications: 10, pool: "servers", expected: [
                "utilization": mmc.utilization, "mean_wait": mmc.meanWait, "p_wait": mmc.probabilityOfWait,
                "mean_queue": mmc.meanQueueLength, "p_blocked": 0, "p_abandon": 0,
            ]),
            TextbookCase(file: "validation/mmcc-erlang-b.yaml", overrides: [["duration", "15h"]], replications: 10, pool: "trunks", expected: [
                // A loss system: nobody waits; carried load a(1 − B) on c servers.
                "p_blocked": b, "utilization": 8 * (1 - b) / 10, "busy_workers": 8 * (1 - b),
                "throughput_per_s": 8 * (1 - b), "mean_wait": 0, "p_wait": 0, "mean_queue": 0, "p_abandon": 0,
            ]),
            TextbookCase(file: "validation/mmck.yaml", overrides: [["duration", "30h"]], replications: 10, pool: "servers", expected: [
                "p_blocked": mmck.probabilityBlocked, "utilization": mmck.utilization, "mean_wait": mmck.meanWait,
                "p_wait": mmck.probabilityOfWait, "mean_queue": mmck.meanQueueLength,
                "throughput_per_s": mmck.throughput, "p_abandon": 0,
            ]),
            TextbookCase(file: "validation/mg1-lognormal.yaml", overrides: [["duration", "200h"]], replications: 10, pool: "server", expected: [
                "utilization": mg1.utilization, "mean_wait": mg1.meanWait, "p_wait": mg1.probabilityOfWait,
                "mean_queue": mg1.meanQueueLength, "p_blocked": 0, "p_abandon": 0,
            ]),
            TextbookCase(file: "validation/erlang-a.yaml", overrides: [["duration", "12h"]], replications: 10, pool: "agents", expected: [
                "p_abandon": erlangA.probabilityAbandon, "mean_queue": erlangA.meanQueueLength,
                "p_wait": erlangA.probabilityOfWait, "utilization": erlangA.utilization,
                "mean_wait": erlangA.meanWait, "p_blocked": 0,
            ]),
        ]
    }()
}

@Suite("The validation models reproduce their queueing formulas")
struct TextbookModelTests {
    /// Each figure must lie in the replications' t interval at 99.9% family-wise confidence
    /// (Bonferroni over the figures compared), and that interval must be narrow enough
    /// (half-width ≤ 10% of the formula's value) for the comparison to mean something.
    /// Figures the formula puts at exactly zero (no blocking with an unlimited queue, no
    /// waiting in a loss system) must be exactly zero in every replication.
    @Test("replication means match the formula within a 99.9% t interval", arguments: TextbookCase.all)
    func matchesFormula(_ textbook: TextbookCase) throws {
        let scenario = try Models.load(textbook.file, textbook.overrides.map { ($0[0], $0[1]) })
        let runs = try replicate(scenario, textbook.replications)
        #expect(runs.count == textbook.replications)
        let aggregated = Aggregation.summarize(runs)
        let random = textbook.expected.filter { $0.value != 0 }
        let confidence = familyConfidence(comparisons: random.count)
        for (metric, formula) in textbook.expected.sorted(by: { $0.key < $1.key }) {
            let row = try #require(aggregated.first { $0.kind == .pool && $0.entity == textbook.pool && $0.metric == metric },
                                   "no summary \(metric) for \(textbook.pool)")
            if formula == 0 {
                #expect(row.values.allSatisfy { $0 == 0 }, "\(metric): expected exactly 0, got \(row.values)")
                continue
            }
            let interval = MeanInterval(row.values, confidence: confidence)
            #expect(interval.contains(formula), "\(textbook.file) \(metric): formula \(formula), simulated \(interval)")
            #expect(interval.halfWidth <= 0.10 * abs(formula),
                    "\(textbook.file) \(metric): interval \(interval) too wide to test the formula \(formula)")
            // Aggregation's own 95% estimate is the same mean over the same replications.
            #expect(abs(row.estimate.mean - interval.mean) <= 1e-12 * max(1, abs(interval.mean)))
        }
    }
}
