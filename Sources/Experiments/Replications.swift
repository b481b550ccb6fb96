import Foundation
import Scenario
import World

/// Runs the replications of a scenario, in parallel on up to `jobs` threads.
///
/// Replication k always uses substream k of every random stream, whichever thread runs it,
/// and results are stored by replication index: the output is the same for any `jobs`.
public enum Replications {
    /// Runs replications `indices` of `scenario`; the result has one entry per index, in order.
    public static func run(_ scenario: Scenario, indices: [Int], seed: UInt64? = nil, jobs: Int = 1,
                           progress: (@Sendable (_ replication: Int, _ simulatedSeconds: Double, _ events: UInt64) -> Void)? = nil) throws(WorldBuildError) -> [RunResult] {
        // Compile once up front so a scenario the simulator cannot run fails before any thread starts.
        try checkHeld(scenario, runs: indices.count)
        return try ParallelRuns.map(count: indices.count, jobs: jobs) { k throws(WorldBuildError) in
            try World(scenario: scenario, replication: indices[k], seed: seed)
        } finish: { k, world in
            let index = indices[k]
            return world.run(progress: progress.map { report in { t, e in report(index, t, e) } })
        }
    }
}

extension Replications {
    /// Runs replications `0..<count`, refusing a count beyond the memory bound before the
    /// list of replications is made (`--replications 1000000000` is an error, not 8 GB).
    public static func run(_ scenario: Scenario, count: Int, seed: UInt64? = nil, jobs: Int = 1) throws(WorldBuildError) -> [RunResult] {
        try checkHeld(scenario, runs: count)
        return try run(scenario, indices: Array(0..<count), seed: seed, jobs: jobs)
    }

    /// Refuses `runs` results of `scenario` held in memory together (they stay there until
    /// they are aggregated), before any is run or any per-run array is allocated; also
    /// refuses a scenario whose world cannot be built.
    public static func checkHeld(_ scenario: Scenario, runs: Int) throws(WorldBuildError) {
        try World.checkRecordedValues(scenario, replications: runs)
    }
}
