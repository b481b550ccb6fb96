import Yams

/// Turns scenario text into a located ``ConfigNode`` tree, or a located diagnostic.
enum YAMLReader {
    static func parse(_ source: SourceText) -> Result<ConfigNode, Diagnostic> {
        if source.text.allSatisfy({ $0.isWhitespace }) {
            return .failure(Diagnostic(location: Location(file: source.name, line: 1, column: 1),
                                       message: "empty file", expected: "a scenario starting with `version: 1`"))
        }
        let prepared: YAMLPreflight.Prepared
        switch YAMLPreflight.prepare(source) {
        case .success(let p): prepared = p
        case .failure(let d): return .failure(d)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: prepared.text)
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, in: source))
        } catch {
            return .failure(Diagnostic(location: Location(file: source.name, line: 1, column: 1),
                                       message: "cannot parse YAML: \(error)"))
        }
        guard let root else {
            return .failure(Diagnostic(location: Location(file: source.name, line: 1, column: 1),
                                       message: "the file holds only comments", expected: "a scenario starting with `version: 1`"))
        }
        var budget = InputLimits.maxNodes
        return convert(root, source, prepared.quoted, depth: 0, budget: &budget)
    }

    /// Parses a `--set` value written in YAML (`40`, `[a, b]`, `{servers: 4}`) located
    /// at `location` in its pseudo-file.
    static func parseValue(_ source: SourceText) -> Result<ConfigNode, Diagnostic> {
        if source.text.isEmpty {
            return .success(.scalar(.init(text: "", isPlain: true,
                                          location: Location(file: source.name, line: 1, column: 1))))
        }
        return parse(source)
    }

    private static func convert(_ node: Node, _ source: SourceText, _ quoted: Set<YAMLPreflight.Position>, depth: Int,
                                budget: inout Int) -> Result<ConfigNode, Diagnostic> {
        let location = Location(file: source.name, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        budget -= 1
        if budget < 0 || depth > InputLimits.maxDepth {
            return .failure(Diagnostic(location: location, message: "document is too large or too deeply nested",
                                       expected: "at most \(InputLimits.maxNodes) values nested \(InputLimits.maxDepth) deep",
                                       sourceLine: source.line(location.line)))
        }
        switch node {
        case .scalar(let s):
            // Distributions the preflight quoted are still the planner's plain text.
            let wasPlain = s.style == .plain || quoted.contains(.init(line: location.line, column: location.column))
            return .success(.scalar(.init(text: s.string, isPlain: wasPlain, location: location)))
        case .sequence(let seq):
            var items: [ConfigNode] = []
            for child in seq {
                switch convert(child, source, quoted, depth: depth + 1, budget: &budget) {
                case .success(let c): items.append(c)
                case .failure(let d): return .failure(d)
                }
            }
            return .success(.sequence(items, location))
        case .mapping(let map):
            var entries: [ConfigNode.Entry] = []
            for (key, value) in map {
                let keyLocation = Location(file: source.name, line: key.mark?.line ?? 1, column: key.mark?.column ?? 1)
                guard case .scalar(let k) = key else {
                    return .failure(Diagnostic(location: keyLocation, message: "a key must be a plain name",
                                               expected: "a key such as `servers`", sourceLine: source.line(keyLocation.line)))
                }
                switch convert(value, source, quoted, depth: depth + 1, budget: &budget) {
                case .success(let v): entries.append(.init(key: k.string, keyLocation: keyLocation, value: v))
                case .failure(let d): return .failure(d)
                }
            }
            return .success(.mapping(entries, location))
        case .alias:
            return .failure(Diagnostic(location: location, message: "YAML aliases are not supported in scenario files",
                                       expected: "a plain value", sourceLine: source.line(location.line)))
        }
    }

    /// libyaml's errors, moved into the compiler format with the problem's own location.
    static func diagnostic(for error: YamlError, in source: SourceText) -> Diagnostic {
        func located(_ mark: Mark, _ message: String, _ expected: String?) -> Diagnostic {
            located(mark.line, mark.column, message, expected)
        }
        func located(_ line: Int, _ column: Int, _ message: String, _ expected: String?) -> Diagnostic {
            Diagnostic(location: Location(file: source.name, line: line, column: column),
                       message: message, expected: expected, sourceLine: source.line(line))
        }
        switch error {
        case .scanner(let context, let problem, let mark, _):
            // "End of stream while scanning a quoted scalar": point at where it began.
            if problem.contains("end of stream"), let context {
                return located(context.mark, "YAML syntax: \(context.text) never closed (\(problem))", nil)
            }
            return located(mark, "YAML syntax: \(problem)\(context.map { " \($0.text)" } ?? "")", nil)
        case .parser(let context, let problem, let mark, _):
            return located(mark, "YAML syntax: \(problem)\(context.map { " \($0.text)" } ?? "")", nil)
        case .composer(let context, let problem, let mark, _):
            let text = problem == "but found another document" ? "more than one YAML document" : "YAML: \(problem)"
            _ = context
            return located(mark, text, problem == "but found another document" ? "a single document (no second `---`)" : nil)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return located(context.mark, "duplicate key `\(duplicates.first ?? "?")`", "each key once per mapping")
        case .reader(let problem, let offset, _, _):
            var line = 1, column = 1
            if let offset {
                for ch in source.text.prefix(offset) { if ch == "\n" { line += 1; column = 1 } else { column += 1 } }
            }
            return located(line, column, "cannot read the text: \(problem)", "UTF-8 text")
        default:
            return Diagnostic(location: Location(file: source.name, line: 1, column: 1), message: "YAML error: \(error)")
        }
    }
}
