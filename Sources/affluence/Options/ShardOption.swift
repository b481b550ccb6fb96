import ArgumentParser
import Experiments

/// `--shard i/N`: run only part i of N of a command's work items into a shard folder that
/// `affluence merge` combines with the other parts.
struct ShardOption: ParsableArguments {
    @Option(help: ArgumentHelp("Run only part i of N (0-based: items i, i+N, … of the command's runs) into a shard folder for `affluence merge`, e.g. 0/4.",
                               valueName: "i/N"),
            transform: OptionValue.shard)
    var shard: Shard?
}
