/// A position in a scenario source: a file (or the pseudo-file of a `--set` argument),
/// a 1-based line and a 1-based column counted in Unicode scalars, as libyaml counts them.
public struct Location: Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = max(1, line)
        self.column = max(1, column)
    }

    /// The same line, `offset` columns further right (for errors inside a scalar).
    func shifted(by offset: Int) -> Location {
        Location(file: file, line: line, column: column + offset)
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// One problem found in a scenario, in the compiler's format so that editors and CI
/// logs make it clickable: `file:line:col: error: <what> (expected <what>)`, then the
/// offending line and a caret under the column.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error, warning, note
    }

    public let location: Location
    public let severity: Severity
    /// What is wrong, phrased for the planner who wrote the file.
    public let message: String
    /// What would have been accepted, when that can be said.
    public let expected: String?
    /// The text of the offending line, when the source is known.
    public let sourceLine: String?

    public init(location: Location, severity: Severity = .error, message: String,
                expected: String? = nil, sourceLine: String? = nil) {
        self.location = location
        self.severity = severity
        self.message = message
        self.expected = expected
        self.sourceLine = sourceLine
    }

    /// `line:col: severity: message (expected …)` without the file: what corpus
    /// files state in their `# expect:` header.
    public var summary: String {
        var text = "\(location.line):\(location.column): \(severity.rawValue): \(message)"
        if let expected { text += " (expected \(expected))" }
        return text
    }

    /// The first line of the compiler format.
    public var headline: String { "\(location.file):\(summary)" }

    /// The full compiler format: the headline, the source line and a caret.
    public var description: String {
        guard let sourceLine else { return headline }
        let shown = String(sourceLine.unicodeScalars.prefix(400).map(Character.init))
        // Keep tabs in the padding so the caret lines up under tab-indented text.
        let pad = shown.unicodeScalars.prefix(location.column - 1).map { $0 == "\t" ? "\t" : " " }.joined()
        return "\(headline)\n\(shown)\n\(pad)^"
    }
}

/// Every problem that stopped a scenario from loading, in source order.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
