import Foundation
import Scenario
import World

extension Ensemble {
    /// Runs replication r of every scenario (one per member, or per policy and member) for
    /// r in `0..<replications`, and keeps what `keep` takes from each run.
    ///
    /// Common random numbers: replication r of every member uses substream r of every
    /// source's stream, so two members differ by their parameters, not by their luck, and
    /// the spread between members is the parameter uncertainty. Item k is scenario
    /// k / replications, replication k % replications, through the one parallel map
    /// (``ParallelRuns``): the result is in that order, the same for any `jobs`.
    public static func run<T>(_ scenarios: [Scenario], replications: Int, seed: UInt64?, jobs: Int,
                              progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil,
                              keep: @Sendable (RunResult) -> T) throws(WorldBuildError) -> [T] {
        let total = scenarios.count * replications
        let done = Counter()
        return try ParallelRuns.map(count: total, jobs: jobs) { k throws(WorldBuildError) in
            try World(scenario: scenarios[k / replications], replication: k % replications, seed: seed)
        } finish: { _, world in
            let kept = keep(world.run())
            progress?((done.take(below: Int.max) ?? 0) + 1, total)
            return kept
        }
    }
}
