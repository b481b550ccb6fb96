import Experiments
import Scenario
import Testing
import World

/// Models small enough to run several times in a test, covering textbook sources (with
/// reneging and blocking) and platforms (logins, sessions, retries, gates, timeouts).
enum DeterminismCase: String, CaseIterable, Sendable {
    case erlangA = "validation/erlang-a.yaml"
    case mmck = "validation/mmck.yaml"
    case retryStorm = "retry-storm.yaml"
    case sessionGates = "session gates (GateTests)"

    func scenario() throws -> Scenario {
        switch self {
        case .erlangA, .mmck: return try Models.load(rawValue, [("duration", "5h"), ("warmup", "30min")])
        case .retryStorm:
            // Cut at 10:00 (the storm is under way from 09:03) to keep the test short.
            return try Models.load(rawValue, [("end", "10:00"), ("segments.base.intent.curves[0].points", "[[08:00, 1], [10:00, 1]]")])
        case .sessionGates: return try Models.load(text: GateModels.churningCap, name: "session-gates.yaml")
        }
    }
}

@Suite("Determinism: a seed fixes the run")
struct DeterminismTests {
    @Test("the same seed gives a bit-identical RunResult", arguments: DeterminismCase.allCases)
    func sameSeedSameResult(_ model: DeterminismCase) throws {
        let scenario = try model.scenario()
        var first = try World(scenario: scenario, replication: 3, seed: 42)
        var second = try World(scenario: scenario, replication: 3, seed: 42)
        let a = first.run(), b = second.run()
        #expect(a.layout == b.layout)
        #expect(a.fingerprint == b.fingerprint)
        #expect(a.visitAccounts == b.visitAccounts)
        #expect(a.events > 0)
        // The scenario's own seed is what `seed: nil` uses.
        var implicit = try World(scenario: scenario, replication: 3)
        var explicit = try World(scenario: scenario, replication: 3, seed: scenario.seed)
        #expect(implicit.run().fingerprint == explicit.run().fingerprint)
    }

    @Test("different replications and different seeds give different runs", arguments: DeterminismCase.allCases)
    func replicationsDiffer(_ model: DeterminismCase) throws {
        let scenario = try model.scenario()
        var zero = try World(scenario: scenario, replication: 0, seed: 42)
        var one = try World(scenario: scenario, replication: 1, seed: 42)
        var otherSeed = try World(scenario: scenario, replication: 0, seed: 43)
        let a = zero.run(), b = one.run(), c = otherSeed.run()
        #expect(a.layout == b.layout)
        #expect(a.fingerprint != b.fingerprint)
        #expect(a.fingerprint != c.fingerprint)
        #expect(b.fingerprint != c.fingerprint)
        // Not just a last-bit difference: the event counts of two replications differ.
        #expect(a.events != b.events)
    }

    @Test("Replications.run gives the same results on 1 and 2 threads, in replication order",
          arguments: DeterminismCase.allCases)
    func independentOfThreads(_ model: DeterminismCase) throws {
        let scenario = try model.scenario()
        let indices = [0, 1, 2, 5]
        let serial = try Replications.run(scenario, indices: indices, seed: 7, jobs: 1)
        let parallel = try Replications.run(scenario, indices: indices, seed: 7, jobs: 2)
        #expect(serial.count == indices.count)
        #expect(parallel.count == indices.count)
        for (s, p) in zip(serial, parallel) {
            #expect(s.fingerprint == p.fingerprint)
        }
        // Entry k is replication indices[k], whichever thread ran it.
        var fifth = try World(scenario: scenario, replication: 5, seed: 7)
        #expect(serial[3].fingerprint == fifth.run().fingerprint)
        // And the aggregate is the same too.
        #expect(Aggregation.summarize(serial).map(\.estimate.mean.bitPattern) == Aggregation.summarize(parallel).map(\.estimate.mean.bitPattern))
    }
}
