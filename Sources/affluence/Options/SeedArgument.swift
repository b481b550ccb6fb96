import ArgumentParser

/// `--seed S`, shared by every command that takes one.
///
/// The option is read unconditionally, so `--seed -1` reaches this check and is told
/// what a seed is, instead of ArgumentParser taking `-1` for an option ("Missing value").
enum SeedArgument {
    static let help = ArgumentHelp("Master seed, a whole number ≥ 0 (default: the scenario's).")

    static func parse(_ text: String) throws -> UInt64 {
        guard let seed = UInt64(text.replacingOccurrences(of: "_", with: "")) else {
            throw ValidationError("`\(text)` is not a seed: expected a whole number ≥ 0 (0 to \(UInt64.max))")
        }
        return seed
    }
}
