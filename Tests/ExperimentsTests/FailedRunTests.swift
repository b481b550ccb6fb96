import Foundation
import Scenario
import Testing
import World
@testable import Experiments

/// A run that cannot be built is reported, never skipped: a skipped run would shift every
/// later result onto the wrong replication or policy.
@Suite("Failed runs are reported, not dropped")
struct FailedRunTests {
    /// The M/M/1 model, with a report interval so short its world refuses to build (the
    /// output bound); the scenario itself is only changed in memory, past validation.
    static func unbuildable() throws -> Scenario {
        var scenario = try ScenarioLoader.load(path: TempModel.repositoryRoot + "/models/validation/mm1.yaml",
                                               overrides: [Override(path: "duration", value: "10min"), Override(path: "warmup", value: "0s")])
        scenario.reportInterval = 1e-6
        return scenario
    }

    static func buildable() throws -> Scenario {
        try ScenarioLoader.load(path: TempModel.repositoryRoot + "/models/validation/mm1.yaml",
                                overrides: [Override(path: "duration", value: "10min"), Override(path: "warmup", value: "0s")])
    }

    @Test("the parallel task runner throws the build error of any task, whichever thread meets it", arguments: [1, 2])
    func runTasksThrows(jobs: Int) throws {
        let good = try Self.buildable(), bad = try Self.unbuildable()
        // The bad scenario is second: with the old `try? … else { continue }` the first
        // replications would have come back alone, as if they were all.
        let error = try #require(throws: WorldBuildError.self) {
            _ = try Compare.runTasks([good, bad], tasks: [(0, 0), (0, 1), (1, 0), (0, 2)], seed: 1, jobs: jobs, progress: nil)
        }
        #expect(error.message.contains("values per replication"), "\(error.message)")
        #expect(try Compare.runTasks([good], tasks: [(0, 0), (0, 1)], seed: 1, jobs: jobs, progress: nil).count == 2)
    }

    @Test("replications, sweeps and compares throw the build error with its message")
    func entryPointsThrow() throws {
        let bad = try Self.unbuildable()
        let e1 = try #require(throws: WorldBuildError.self) { _ = try Replications.run(bad, indices: [0, 1, 2], jobs: 2) }
        #expect(e1.message.contains("intervals"))
        let e2 = try #require(throws: WorldBuildError.self) {
            _ = try Compare.run([("base", try Self.buildable()), ("bad", bad)], baseline: "base", metrics: [], stopping: .fixed(2), jobs: 2)
        }
        #expect(e2.message.contains("intervals"))
    }

    @Test("the first failure is kept and stops the workers")
    func firstFailure() {
        let failure = FirstFailure()
        #expect(!failure.happened)
        #expect(failure.attempt { () throws(WorldBuildError) in 3 } == 3)
        #expect(throws: Never.self) { try failure.rethrow() }
        let bad = try? Self.unbuildable()
        #expect(failure.attempt { () throws(WorldBuildError) in try World(scenario: bad!) } == nil)
        #expect(failure.happened)
        #expect(throws: WorldBuildError.self) { try failure.rethrow() }
    }

    @Test("more replications than the memory bound allows is refused before any run")
    func heldValues() throws {
        let error = try #require(throws: WorldBuildError.self) { try Replications.checkHeld(try Self.buildable(), runs: 1_000_000_000) }
        #expect(error.message.contains("1000000000 replications × 10 intervals"), "\(error.message)")
        #expect(throws: Never.self) { try Replications.checkHeld(try Self.buildable(), runs: 10) }
    }
}

/// The simulation runs heavy tails; the analytic twin's formulas cannot, and say so (the
/// run then writes no twin rows) instead of trapping.
@Suite("The analytic twin and heavy tails")
struct TwinHeavyTailTests {
    @Test("a service time without a finite or integrable mean is a twin error, not a trap", arguments: [
        ("pareto(shape: 0.1, scale: 1ms)", "needs finite means"),
        ("lognormal(mu: 1000, sigma: 0.6)", "needs finite means"),
        ("exponential(mean: 1e308s)", "too long for the analytic twin"),
        ("empirical(values: [1s, 1e300s])", "too long for the analytic twin"),
    ])
    func refuses(service: String, message: String) throws {
        let scenario = try ScenarioLoader.load(path: TempModel.repositoryRoot + "/models/validation/mm1.yaml",
                                               overrides: [Override(path: "pools.server.service_time", value: service)])
        let error = try #require(throws: SweepError.self) { _ = try AnalyticTwin(scenario) }
        #expect("\(error)".contains(message), "\(error)")
    }

    @Test("a heavy tail with a finite mean still has a twin")
    func finiteMean() throws {
        let scenario = try ScenarioLoader.load(path: TempModel.repositoryRoot + "/models/validation/mm1.yaml",
                                               overrides: [Override(path: "pools.server.service_time", value: "pareto(shape: 1.5, scale: 0.3s)")])
        let twin = try AnalyticTwin(scenario)
        #expect(twin.pools.allSatisfy { $0.offeredLoad.isFinite && $0.offeredLoad > 0 })
    }
}
