import Stochastics

/// Collects diagnostics while the typed scenario is read from the located tree.
///
/// Readers return `nil` after recording an error, so one pass reports every problem
/// it can instead of stopping at the first; the caller builds placeholder values and
/// the loader throws if anything was recorded.
final class DecodeContext {
    let sources: SourceSet
    private(set) var diagnostics: [Diagnostic] = []
    /// Where each entity id was defined, by kind ("pool", "segment"…), for messages.
    var definitions: [String: [String: Location]] = [:]

    /// The run's length in seconds once the root's `start`/`end` are read: a rate is
    /// refused when its count over the run would exceed ``RunBounds/maxExactCount``.
    var runSeconds: Double = 0

    init(sources: SourceSet) { self.sources = sources }

    func error(_ location: Location, _ message: String, expected: String? = nil) {
        diagnostics.append(sources.diagnostic(location, message, expected: expected))
    }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    // MARK: Mappings

    /// The keys of a mapping checked against its table: unknown keys are errors with a
    /// suggestion, so typos never pass silently.
    func fields(_ node: ConfigNode, _ table: KeyTable) -> Fields? {
        guard case .mapping(let entries, _) = node else {
            error(node.location, "\(table.title) must be a mapping, found \(node.kindName)",
                  expected: "`key: value` lines such as `\(table.keys.first?.example ?? "")`")
            return nil
        }
        for entry in entries where table[entry.key] == nil {
            error(entry.keyLocation, "unknown key `\(entry.key)` in \(table.title)\(Suggestions.didYouMean(entry.key, table.keyNames))",
                  expected: "one of \(table.keyNames.joined(separator: ", "))")
        }
        return Fields(node: node, table: table, context: self)
    }

    // MARK: Scalars

    /// The text of a scalar, or an error naming what was expected.
    func scalar(_ node: ConfigNode, _ what: String) -> ConfigNode.Scalar? {
        guard case .scalar(let s) = node, !node.isNull else {
            error(node.location, "found \(node.kindName)", expected: what)
            return nil
        }
        return s
    }

    /// Runs a unit parser and moves its error offset onto the scalar's column.
    func parse<T>(_ node: ConfigNode, _ what: String, _ parser: (String) -> Result<T, Units.Failure>) -> T? {
        guard let s = scalar(node, what) else { return nil }
        switch parser(s.text) {
        case .success(let v): return v
        case .failure(let f):
            let column = s.text.contains("\n") ? 0 : f.offset + (s.isPlain ? 0 : 1)
            error(s.location.shifted(by: column), f.message, expected: f.expected)
            return nil
        }
    }

    func text(_ node: ConfigNode) -> String? { scalar(node, "text")?.text }

    /// An id: letters, digits, `_` and `-`, so it can appear in dotted override paths.
    func identifier(_ node: ConfigNode) -> String? {
        guard let s = scalar(node, "an identifier such as `ode_hdf`") else { return nil }
        guard Self.isIdentifier(s.text) else {
            error(s.location, "`\(s.text)` is not a valid identifier",
                  expected: "letters, digits, `_` and `-`, starting with a letter or digit")
            return nil
        }
        return s.text
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.count <= 100,
              first.properties.isAlphabetic || ("0"..."9").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }

    /// One id or a list of ids.
    func identifiers(_ node: ConfigNode) -> [String]? {
        if case .sequence(let items, _) = node { return items.compactMap { identifier($0) } }
        return identifier(node).map { [$0] }
    }

    func duration(_ node: ConfigNode, allowNegative: Bool = false) -> Double? {
        parse(node, Units.durationExpected) { Units.duration($0, allowNegative: allowNegative) }
    }

    func positiveDuration(_ node: ConfigNode) -> Double? {
        guard let d = duration(node) else { return nil }
        guard d > 0 else { error(node.location, "duration must be positive", expected: Units.durationExpected + ", above zero"); return nil }
        return d
    }

    /// A rate; zero and negative rates are meaningless wherever the language takes one.
    /// A rate of zero or more: a point of a rate curve, which may touch zero.
    func rateOrZero(_ node: ConfigNode) -> Double? {
        guard let r = parse(node, Units.rateExpected, Units.rate) else { return nil }
        guard r >= 0 else {
            error(node.location, "rate \(node.scalarText ?? "") is negative", expected: "a rate of zero or more such as `0/s` or `9/s`")
            return nil
        }
        return r
    }

    func rate(_ node: ConfigNode) -> Double? {
        guard let r = parse(node, Units.rateExpected, Units.rate) else { return nil }
        guard r > 0 else {
            error(node.location, "rate \(node.scalarText ?? "") is not positive", expected: "a rate above zero such as `9/s`")
            return nil
        }
        guard exactCount(r, over: node) else { return nil }
        return r
    }

    /// Whether `rate` (per second) keeps its count over the run exactly countable; records
    /// a located error otherwise.
    func exactCount(_ rate: Double, over node: ConfigNode, what: String = "rate") -> Bool {
        guard rate * runSeconds > RunBounds.maxExactCount else { return true }
        let shown = what == "rate" ? node.scalarText ?? "" : RunBounds.approximate(rate) + "/s"
        error(node.location, "\(what) \(shown) would make \(RunBounds.approximate(rate * runSeconds)) events over the \(Units.formatDuration(runSeconds)) run, more than a count holds exactly (2^53 ≈ 9e15)",
              expected: "at most \(RunBounds.approximate(RunBounds.maxExactCount / runSeconds))/s")
        return false
    }

    /// A share in [0, 1]; more than 100% is an error.
    func share(_ node: ConfigNode) -> Double? {
        guard let v = parse(node, Units.shareExpected, Units.share) else { return nil }
        guard v >= 0, v <= 1 else {
            error(node.location, v > 1 ? "share \(node.scalarText ?? "") is over 100%" : "share \(node.scalarText ?? "") is negative",
                  expected: "a share between 0% and 100%")
            return nil
        }
        return v
    }

    func clock(_ node: ConfigNode) -> Double? { parse(node, Units.clockExpected, Units.clock) }

    func number(_ node: ConfigNode, min: Double? = nil, above: Double? = nil) -> Double? {
        guard let v = parse(node, Units.numberExpected, Units.real) else { return nil }
        if let min, v < min { error(node.location, "\(Units.formatNumber(v)) is below \(Units.formatNumber(min))", expected: "a number ≥ \(Units.formatNumber(min))"); return nil }
        if let above, v <= above { error(node.location, "\(Units.formatNumber(v)) is not above \(Units.formatNumber(above))", expected: "a number > \(Units.formatNumber(above))"); return nil }
        return v
    }

    /// A count, possibly with a `k`/`M`/`G` multiplier (`12k`).
    func count(_ node: ConfigNode) -> Double? {
        guard let v = parse(node, Units.countExpected, Units.count) else { return nil }
        guard v >= 0 else { error(node.location, "count \(node.scalarText ?? "") is negative", expected: Units.countExpected); return nil }
        return v
    }

    /// A whole count within Int range.
    func integer(_ node: ConfigNode, min: Int = 0) -> Int? {
        guard let v = parse(node, Units.countExpected, Units.count) else { return nil }
        guard v == v.rounded(), abs(v) < 1e15 else {
            error(node.location, "\(node.scalarText ?? "") is not a whole number", expected: "a whole number"); return nil
        }
        guard Int(v) >= min else {
            error(node.location, "\(node.scalarText ?? "") is below \(min)", expected: "a whole number ≥ \(min)"); return nil
        }
        return Int(v)
    }

    func bool(_ node: ConfigNode) -> Bool? {
        guard let s = scalar(node, "`true` or `false`") else { return nil }
        switch s.text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: error(s.location, "`\(s.text)` is not a boolean", expected: "`true` or `false`"); return nil
        }
    }

    /// One of a fixed set of words.
    func choice(_ node: ConfigNode, _ options: [String]) -> String? {
        guard let s = scalar(node, "one of \(options.joined(separator: ", "))") else { return nil }
        guard options.contains(s.text) else {
            error(s.location, "`\(s.text)` is not a valid choice\(Suggestions.didYouMean(s.text, options))",
                  expected: "one of \(options.joined(separator: ", "))")
            return nil
        }
        return s.text
    }

    func distribution(_ node: ConfigNode, _ dimension: Dimension) -> Distribution? {
        parse(node, DistributionSyntax.expected) { DistributionSyntax.parse($0, dimension) }
    }

    /// A value that may carry any unit (number, duration, rate or share), for `expect:`.
    func measure(_ node: ConfigNode) -> Double? {
        guard let s = scalar(node, "a number, duration, rate or share") else { return nil }
        if case .success(let v) = Units.count(s.text) { return v }
        if s.text.hasSuffix("%"), case .success(let v) = Units.share(s.text) { return v }
        if s.text.contains("/"), case .success(let v) = Units.rate(s.text) { return v }
        if case .success(let v) = Units.duration(s.text, allowNegative: true) { return v }
        if s.text.contains(":"), case .success(let v) = Units.clock(s.text) { return v }
        error(s.location, "`\(s.text)` is not a number, duration, rate, share or clock time", expected: "e.g. `0.9`, `8.1s`, `12/s`, `5%` or `08:30`")
        return nil
    }

    func date(_ node: ConfigNode) -> ScenarioDate? {
        guard let s = scalar(node, "a date such as `2021-04-06`") else { return nil }
        let parts = s.text.split(separator: "-")
        if parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
           let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
           (1...12).contains(m), (1...Self.daysIn(month: m, year: y)).contains(d) {
            return ScenarioDate(year: y, month: m, day: d)
        }
        error(s.location, "`\(s.text)` is not a valid date", expected: "a date such as `2021-04-06`")
        return nil
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Each item of a list, or an error if the node is not a list.
    func list<T>(_ node: ConfigNode, _ what: String, _ item: (ConfigNode) -> T?) -> [T]? {
        guard case .sequence(let items, _) = node else {
            if node.isNull { return [] }
            error(node.location, "\(what) must be a list, found \(node.kindName)", expected: "a list (`- …` lines or `[…]`)")
            return nil
        }
        return items.compactMap(item)
    }

    /// Whether a list that only means something with items has one. An empty list (or a
    /// key left without a value) is then an error rather than a silent no-op: a `priority`
    /// gate reserving nothing, repeat visits `at: []`, a time window for no segment.
    @discardableResult
    func requireItems(_ node: ConfigNode, _ message: String, expected: String) -> Bool {
        guard node.isNull || node.items?.isEmpty == true else { return true }
        error(node.location, message, expected: expected)
        return false
    }

    /// Records an entity id, reporting duplicates within its kind.
    func define(_ kind: String, _ id: String, at location: Location) {
        if let previous = definitions[kind]?[id] {
            error(location, "duplicate \(kind) id `\(id)` (first defined at \(previous.line):\(previous.column))", expected: "unique ids")
        } else {
            definitions[kind, default: [:]][id] = location
        }
    }
}

/// The keys of one mapping, read against their ``KeySpec``.
struct Fields {
    let node: ConfigNode
    let table: KeyTable
    let context: DecodeContext

    var location: Location { node.location }

    /// The written value of `key`, if any (a YAML null counts as absent).
    subscript(key: String) -> ConfigNode? {
        precondition(table[key] != nil, "key `\(key)` missing from table \(table.name)")
        guard let v = node[key], !v.isNull else { return nil }
        return v
    }

    func has(_ key: String) -> Bool { self[key] != nil }

    /// The value of `key` read by `read`: the written value, else the table's default
    /// (parsed by the same reader), else `nil` — with an error when the key is required.
    func value<T>(_ key: String, _ read: (ConfigNode) -> T?) -> T? {
        if let v = self[key] { return read(v) }
        switch table[key]!.presence {
        case .required:
            // A misspelt key already got "did you mean `key`?"; do not also call it missing.
            let misspelt = (node.entries ?? []).contains { table[$0.key] == nil && Suggestions.closest($0.key, table.keyNames) == key }
            if !misspelt {
                context.error(location, "missing key `\(key)` in \(table.title)", expected: "`\(table[key]!.example)`")
            }
            return nil
        case .optional:
            return nil
        case .defaulted(let text):
            return read(Self.defaultNode(text, at: location))
        }
    }

    /// A default's text as a node located at the mapping that lacks the key.
    static func defaultNode(_ text: String, at location: Location) -> ConfigNode {
        switch text {
        case "[]": return .sequence([], location)
        case "{}": return .mapping([], location)
        default: return .scalar(.init(text: text, isPlain: true, location: location))
        }
    }
}
