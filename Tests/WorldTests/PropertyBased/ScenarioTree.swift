/// A scenario file as a small YAML tree: what the property-based generator builds and the
/// shrinker edits, printed as the scenario file a failure reports.
///
/// Only the shapes scenario files use: scalars written as the file writes them (`08:30`,
/// `exponential(mean: 75s)`, `60%`), lists and mappings whose keys keep their order.
indirect enum YAMLTree: Equatable, Sendable {
    case scalar(String)
    case list([YAMLTree])
    case map([Entry])

    struct Entry: Equatable, Sendable {
        var key: String
        var value: YAMLTree
    }

    /// The value under `key` of a mapping.
    subscript(key: String) -> YAMLTree? {
        guard case .map(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    var scalarText: String? {
        if case .scalar(let s) = self { return s }
        return nil
    }

    var items: [YAMLTree] {
        if case .list(let items) = self { return items }
        return []
    }

    var entries: [Entry] {
        if case .map(let entries) = self { return entries }
        return []
    }

    /// The `id` of a list item.
    var id: String? { self["id"]?.scalarText }

    /// Whether `text` appears as a scalar anywhere in this value.
    func mentions(_ text: String) -> Bool {
        switch self {
        case .scalar(let s): return s == text
        case .list(let items): return items.contains { $0.mentions(text) }
        case .map(let entries): return entries.contains { $0.value.mentions(text) || pathMentions($0.key, text) }
        }
    }

    /// Whether an override path such as `pools.web.servers` names `id` as one of its steps.
    func pathMentions(_ path: String, _ id: String) -> Bool {
        path.split(separator: ".").contains { $0 == id }
    }

    /// The flow form of a value: `{id: web, servers: 2}`, `[a, b]`, `exponential(mean: 1s)`.
    var flow: String {
        switch self {
        case .scalar(let s): return s
        case .list(let items): return "[" + items.map(\.flow).joined(separator: ", ") + "]"
        case .map(let entries): return "{" + entries.map { "\($0.key): \($0.value.flow)" }.joined(separator: ", ") + "}"
        }
    }

    /// The scenario file: top-level keys in block style, each list item and each policy on
    /// one line in flow style (the loader reads distributions unquoted inside flow mappings).
    var scenarioFile: String {
        var lines: [String] = []
        for entry in entries {
            switch entry.value {
            case .scalar(let s):
                lines.append("\(entry.key): \(s)")
            case .list(let items):
                if items.isEmpty { lines.append("\(entry.key): []"); continue }
                lines.append("\(entry.key):")
                lines += items.map { "  - \($0.flow)" }
            case .map(let inner):
                if inner.isEmpty { lines.append("\(entry.key): {}"); continue }
                lines.append("\(entry.key):")
                lines += inner.map { "  \($0.key): \($0.value.flow)" }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Its size: scalars counted once each (what shrinking makes smaller).
    var size: Int {
        switch self {
        case .scalar: return 1
        case .list(let items): return 1 + items.reduce(0) { $0 + $1.size }
        case .map(let entries): return 1 + entries.reduce(0) { $0 + $1.value.size }
        }
    }
}

extension YAMLTree: ExpressibleByStringInterpolation {
    init(stringLiteral value: String) { self = .scalar(value) }
}

/// Builds a mapping from key–value pairs in order, leaving out the `nil` ones.
func yamlMap(_ pairs: [(String, YAMLTree?)]) -> YAMLTree {
    .map(pairs.compactMap { key, value in value.map { YAMLTree.Entry(key: key, value: $0) } })
}
