import ArgumentParser
import Foundation

/// How many replications run, from which seed, on how many cores.
///
/// The group checks what holds for every command (at least one replication, one job);
/// commands that report intervals ask for at least two in their own `validate()`.
struct ReplicationOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: SeedArgument.help, transform: SeedArgument.parse)
    var seed: UInt64?

    @Option(help: "Replications (per policy, point or searched value; default: the scenario's).")
    var replications: Int?

    @Option(help: "Runs in parallel (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        if let replications, replications < 1 { throw ValidationError("--replications must be at least 1 (got \(replications))") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1 (got \(jobs))") }
    }

    /// A usage error when fewer than `minimum` replications are asked for (`why` says what needs them).
    func require(atLeast minimum: Int, for why: String) throws {
        if let replications, replications < minimum {
            throw ValidationError("--replications must be at least \(minimum) \(why) (got \(replications))")
        }
    }
}
