import ArgumentParser
import Output

/// The `affluence` command tree. Each subcommand parses, calls a library, and prints.
@main
struct Affluence: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "affluence",
        abstract: "Discrete-event capacity simulator for school platforms under nationwide demand.",
        version: AffluenceVersion.current,
        subcommands: [Run.self, Compare.self, Merge.self, Report.self, SweepCommand.self, CalibrateCommand.self, CapacityCommand.self, SaturationCommand.self, EstimateCommand.self, ServeCommand.self, Validate.self, Check.self, Bench.self]
    )
}
