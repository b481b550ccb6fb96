/// A lexical pass over the YAML text, before libyaml, that refuses what could make
/// composition explode: aliases and very deep nesting.
///
/// Why aliases are refused outright: Yams composes an alias by sharing the anchored
/// node, which is cheap, but anything that walks the tree (including Yams' own check for
/// duplicate keys, which hashes complex keys) visits every expansion, so nine levels of
/// nine aliases ("billion laughs") hang it. Scenario files have their own, safer ways to
/// share settings (`extends:`, behaviour profiles), so an alias is simply an error.
///
/// The scan knows just enough YAML to avoid false alarms: quoted strings, comments,
/// block scalars (`|`, `>`) and plain scalars containing `*` or `&` mid-text.
///
/// It also lets planners write distributions unquoted. `think_time: exponential(mean: 75s)`
/// is not valid YAML (a plain scalar may not contain `: `, and in a flow mapping not `,`),
/// so a value that starts with a distribution name and `(` is wrapped in double quotes up
/// to its matching `)` before libyaml reads it. The wrapped scalars are remembered so
/// they are still treated as plain text at their original columns.
enum YAMLPreflight {
    struct Prepared {
        /// The text given to libyaml.
        var text: String
        /// Line and column (1-based) of each scalar the pass quoted.
        var quoted: Set<Position>
    }

    struct Position: Hashable {
        var line: Int
        var column: Int
    }

    static func check(_ source: SourceText) -> Diagnostic? {
        if case .failure(let d) = prepare(source) { return d }
        return nil
    }

    static func prepare(_ source: SourceText) -> Result<Prepared, Diagnostic> {
        var outputLines: [String] = []
        var quotedPositions = Set<Position>()
        var blockScalarIndent: Int? = nil     // inside a `|`/`>` scalar indented beyond this
        var quote: Character? = nil           // inside a quoted scalar spanning lines
        var flowDepth = 0
        for (index, rawLine) in source.lines.enumerated() {
            let line = Array(rawLine.unicodeScalars.map(Character.init))
            let lineNumber = index + 1
            var rewrites: [(Int, Int)] = []   // [start, end] of distributions to quote
            defer {
                if rewrites.isEmpty {
                    outputLines.append(String(rawLine))
                } else {
                    var out = ""
                    var k = 0
                    for (a, b) in rewrites {
                        out += String(line[k..<a]) + "\"" + String(line[a...b]) + "\""
                        k = b + 1
                        quotedPositions.insert(Position(line: lineNumber, column: a + 1))
                    }
                    out += String(line[k...])
                    outputLines.append(out)
                }
            }
            let indent = line.prefix { $0 == " " }.count
            let blank = line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
            if let parent = blockScalarIndent {
                if blank || indent > parent { continue }
                blockScalarIndent = nil
            }
            func fail(_ column: Int, _ message: String, _ expected: String) -> Diagnostic {
                Diagnostic(location: Location(file: source.name, line: lineNumber, column: column + 1),
                           message: message, expected: expected, sourceLine: source.line(lineNumber))
            }
            if indent > InputLimits.maxDepth * 4 {
                return .failure(fail(indent, "indentation of \(indent) columns is nested too deeply",
                            "at most \(InputLimits.maxDepth * 4) columns"))
            }
            var i = quote == nil ? indent : 0
            var nodeStart = quote == nil      // the next token begins a node
            var blockMarkers = 0
            while i < line.count {
                let c = line[i]
                if let q = quote {
                    if q == "'" && c == "'" {
                        if i + 1 < line.count && line[i + 1] == "'" { i += 2; continue }
                        quote = nil
                    } else if q == "\"" && c == "\\" {
                        i += 2; continue
                    } else if c == q {
                        quote = nil
                    }
                    i += 1
                    continue
                }
                let next: Character? = i + 1 < line.count ? line[i + 1] : nil
                let nextIsBlank = next == nil || next == " " || next == "\t" || next == "\r"
                if c == " " || c == "\t" || c == "\r" { i += 1; continue }
                if c == "#" && (i == 0 || line[i - 1] == " " || line[i - 1] == "\t") { break }
                if nodeStart, c.isLetter, let end = distributionEnd(line, from: i) {
                    rewrites.append((i, end))
                    i = end + 1
                    nodeStart = false
                    continue
                }
                if nodeStart {
                    switch c {
                    case "*":
                        return .failure(fail(i, "YAML aliases (`*name`) are not supported in scenario files",
                                    "a plain value; share settings with `extends:` or a behaviour profile"))
                    case "&", "!":
                        // An anchor or tag: skip its name, a node still follows.
                        while i < line.count && line[i] != " " && line[i] != "\t" { i += 1 }
                        continue
                    case "-", "?":
                        if nextIsBlank {
                            blockMarkers += 1
                            if blockMarkers > InputLimits.maxDepth {
                                return .failure(fail(i, "too many nested list markers on one line",
                                            "at most \(InputLimits.maxDepth)"))
                            }
                            i += 1; continue
                        }
                    case "[", "{":
                        flowDepth += 1
                        if flowDepth > InputLimits.maxDepth {
                            return .failure(fail(i, "brackets nested too deeply", "at most \(InputLimits.maxDepth) levels"))
                        }
                        i += 1; continue
                    case "]", "}":
                        flowDepth = max(0, flowDepth - 1); nodeStart = false
                        i += 1; continue
                    case "\"", "'":
                        quote = c; nodeStart = false
                        i += 1; continue
                    case "|", ">":
                        if flowDepth == 0 { blockScalarIndent = indent }
                        i = line.count; continue
                    default:
                        break
                    }
                    nodeStart = false
                }
                // Inside a plain scalar or after a closed token: look for what starts the next node.
                switch c {
                case ":" where nextIsBlank || (flowDepth > 0 && (next == "," || next == "]" || next == "}")):
                    nodeStart = true
                case "," where flowDepth > 0:
                    nodeStart = true
                case "[", "{":
                    if flowDepth > 0 { flowDepth += 1; nodeStart = true }
                case "]", "}":
                    if flowDepth > 0 { flowDepth -= 1 }
                default:
                    break
                }
                i += 1
            }
        }
        return .success(Prepared(text: outputLines.joined(separator: "\n"), quoted: quotedPositions))
    }

    /// If a distribution (`name(` … `)`) starts at `start`, the index of its closing parenthesis.
    /// Any word followed by `(` counts, so a misspelt family reaches the distribution
    /// parser (and its "did you mean") instead of failing as YAML syntax.
    private static func distributionEnd(_ line: [Character], from start: Int) -> Int? {
        var i = start
        var name = ""
        while i < line.count, line[i].isLetter || line[i] == "_" { name.append(line[i]); i += 1 }
        guard !name.isEmpty, i < line.count, line[i] == "(" else { return nil }
        var depth = 0
        while i < line.count {
            switch line[i] {
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth == 0 { return i }
            case "\"", "'", "#": return nil
            default: break
            }
            i += 1
        }
        return nil
    }
}
