import ArgumentParser
import Experiments
import Output
import Scenario

// Option values parsed into the types the libraries take, once for every command, so a
// malformed value is a usage error (exit 64) from argument parsing, before any work.
//
// The dialect and the language are `ExpressibleByArgument`: their values are a closed
// list, which ArgumentParser names in the error and offers as completions. An override
// and a shard are free text with a shape; `init?(argument:)` could only say "invalid",
// so they are parsed by a throwing transform whose message says what was expected.

extension CSVDialect: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public var defaultValueDescription: String { name }
    public static var allValueStrings: [String] { all.map(\.name) }
    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}

extension ReportLanguage: ExpressibleByArgument {
    public static var defaultCompletionKind: CompletionKind { .list(names) }
}

enum OptionValue {
    /// `--set path=value`; paths keep `[id=…]` selectors whole (``PathAssignment``).
    static func override(_ text: String) throws -> Override {
        guard let override = Override(argument: text) else {
            throw ValidationError("--set \(text): expected path=value, e.g. --set pools.ode_idf.servers=40 or --set 'segments[id=idf-secondary].active_share=80%'")
        }
        return override
    }

    /// `--shard i/N`.
    static func shard(_ text: String) throws -> Shard {
        do { return try Shard(parsing: text) } catch { throw ValidationError(error.description) }
    }
}
