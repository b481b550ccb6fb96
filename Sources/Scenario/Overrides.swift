/// Dotted override paths, as written after `--set` and in a policy's `set:`:
/// `pools.ode_idf.servers`, `segments[id=idf-secondary].active_share`,
/// `segments.idf-secondary.intent.bumps[0].at`.
///
/// A step names a mapping key, or — on a list of items with `id` — an item's id. An
/// override may add a key the file left at its default, but only one the schema knows:
/// an unknown path is an error with a suggestion, never a silent no-op.
struct OverridePath: Sendable {
    enum Step: Sendable, Equatable {
        case key(String)
        case id(String)
        case index(Int)
    }

    let text: String
    let steps: [Step]

    static func describe(_ step: Step) -> String {
        switch step {
        case .key(let k): return "`\(k)`"
        case .id(let id): return "`[id=\(id)]`"
        case .index(let n): return "`[\(n)]`"
        }
    }

    /// Parses a path; on error gives the offset (in characters) and a message.
    static func parse(_ text: String) -> Result<OverridePath, Units.Failure> {
        let s = Array(text)
        var steps: [Step] = []
        var i = 0
        let expected = "a path such as `pools.ode_idf.servers` or `segments[id=idf-secondary].active_share`"
        while i < s.count {
            let start = i
            var name = ""
            while i < s.count, s[i] != ".", s[i] != "[" { name.append(s[i]); i += 1 }
            if name.isEmpty && !(i < s.count && s[i] == "[" && !steps.isEmpty) {
                return .failure(.init(offset: start, message: "empty step in path `\(text)`", expected: expected))
            }
            if !name.isEmpty { steps.append(.key(name)) }
            while i < s.count, s[i] == "[" {
                guard let close = s[i...].firstIndex(of: "]") else {
                    return .failure(.init(offset: i, message: "missing `]` in path `\(text)`", expected: expected))
                }
                let inside = String(s[(i + 1)..<close])
                if inside.hasPrefix("id=") {
                    let id = String(inside.dropFirst(3))
                    guard !id.isEmpty else { return .failure(.init(offset: i, message: "empty id in path `\(text)`", expected: expected)) }
                    steps.append(.id(id))
                } else if let n = Int(inside), n >= 0 {
                    steps.append(.index(n))
                } else {
                    return .failure(.init(offset: i + 1, message: "`[\(inside)]` is not a list selector", expected: "`[id=name]` or `[0]`"))
                }
                i = close + 1
            }
            if i < s.count {
                guard s[i] == "." else { return .failure(.init(offset: i, message: "unexpected `\(s[i])` in path", expected: expected)) }
                i += 1
                if i == s.count { return .failure(.init(offset: i - 1, message: "path `\(text)` ends with `.`", expected: expected)) }
            }
        }
        guard !steps.isEmpty else { return .failure(.init(offset: 0, message: "empty path", expected: expected)) }
        return .success(OverridePath(text: text, steps: steps))
    }
}

enum OverrideApplier {
    /// Where the tree walk is: the node and the schema table describing it (if known).
    private struct Failure: Error {
        var message: String
        var expected: String
    }

    /// Top-level keys an override cannot change, and what to do instead. Both are read
    /// before any override applies, so setting them would be a silent no-op.
    static let fixedKeys: [String: (why: String, expected: String)] = [
        "extends": ("`extends` cannot be overridden: bases are merged before any override applies",
                    "a scenario file whose `extends:` names the base"),
        "version": ("`version` cannot be overridden: it is the language version the file is written in",
                    "a path to a setting, e.g. `pools.ode_idf.servers`"),
    ]

    /// Sets `value` at `path` in `root`. Errors are reported at `location` (the path as written).
    static func apply(_ path: OverridePath, value: ConfigNode, to root: inout ConfigNode,
                      location: Location, sources: SourceSet) -> Diagnostic? {
        if case .key(let key) = path.steps[0], let fixed = fixedKeys[key] {
            return sources.diagnostic(location, "override `\(path.text)`: \(fixed.why)", expected: fixed.expected)
        }
        do {
            try set(&root, path.steps[...], value: value, table: Schema.root, walked: "")
            return nil
        } catch let f as Failure {
            return sources.diagnostic(location, "override `\(path.text)`: \(f.message)", expected: f.expected)
        } catch {
            return sources.diagnostic(location, "override `\(path.text)`: \(error)")
        }
    }

    private static func describe(_ walked: String) -> String { walked.isEmpty ? "the top level" : "`\(walked)`" }

    private static func set(_ node: inout ConfigNode, _ steps: ArraySlice<OverridePath.Step>, value: ConfigNode,
                            table: KeyTable?, walked: String) throws {
        guard let step = steps.first else { node = value; return }
        let rest = steps.dropFirst()
        switch node {
        case .mapping(var entries, let location):
            guard case .key(let key) = step else {
                throw Failure(message: "\(describe(walked)) is a mapping, not a list", expected: "a key name after `\(walked)`")
            }
            let spec = table?[key]
            if table != nil, spec == nil {
                throw Failure(message: "unknown key `\(key)` in \(describe(walked))\(Suggestions.didYouMean(key, table!.keyNames))",
                              expected: "one of \(table!.keyNames.joined(separator: ", "))")
            }
            let childTable: KeyTable? = spec?.child.flatMap(Schema.table(named:))
            let nextWalked = walked.isEmpty ? key : "\(walked).\(key)"
            if let i = entries.firstIndex(where: { $0.key == key }) {
                var child = entries[i].value
                if spec?.shape == .namedMap, let next = rest.first, case .key = next {
                    // policies.<name>…: the name is free, the table applies below it.
                    try setNamed(&child, rest, value: value, table: childTable, walked: nextWalked)
                } else {
                    try set(&child, rest, value: value, table: spec?.shape == .value ? nil : childTable, walked: nextWalked)
                }
                entries[i].value = child
            } else {
                guard rest.isEmpty || spec?.shape == .mapping || spec?.shape == .namedMap || (table == nil) else {
                    throw Failure(message: "\(describe(nextWalked)) is not set in the scenario, so it has no items to select",
                                  expected: "a path to an existing item, or the whole list `\(nextWalked)=[…]`")
                }
                var child: ConfigNode = .mapping([], value.location)
                if spec?.shape == .namedMap {
                    try setNamed(&child, rest, value: value, table: childTable, walked: nextWalked)
                } else {
                    try set(&child, rest, value: value, table: childTable, walked: nextWalked)
                }
                entries.append(.init(key: key, keyLocation: value.location, value: child))
            }
            node = .mapping(entries, location)
        case .sequence(var items, let location):
            let index: Int?
            switch step {
            case .index(let n):
                guard n < items.count else {
                    throw Failure(message: "\(describe(walked)) has \(items.count) item\(items.count == 1 ? "" : "s"), no item [\(n)]", expected: "an index below \(items.count)")
                }
                index = n
            case .id(let id), .key(let id):
                index = items.firstIndex { $0.itemID == id }
                if index == nil {
                    let ids = items.compactMap(\.itemID)
                    throw Failure(message: "no item with id `\(id)` in \(describe(walked))\(Suggestions.didYouMean(id, ids))",
                                  expected: ids.isEmpty ? "a list of items with `id`" : "one of \(ids.joined(separator: ", "))")
                }
            }
            var child = items[index!]
            let label: String
            switch step {
            case .index(let n): label = "\(walked)[\(n)]"
            case .id(let id), .key(let id): label = "\(walked)[id=\(id)]"
            }
            try set(&child, rest, value: value, table: table, walked: label)
            items[index!] = child
            node = .sequence(items, location)
        case .scalar:
            if case .key(let key) = step, table?[key] != nil, node.isNull {
                node = .mapping([], node.location)
                try set(&node, steps, value: value, table: table, walked: walked)
                return
            }
            throw Failure(message: "\(describe(walked)) is a single value, it has no \(OverridePath.describe(step))",
                          expected: "a path ending at `\(walked)`")
        }
    }

    /// One step into a map of free names (`policies.P1`), then the table below it.
    private static func setNamed(_ node: inout ConfigNode, _ steps: ArraySlice<OverridePath.Step>, value: ConfigNode,
                                 table: KeyTable?, walked: String) throws {
        guard case .key(let name) = steps.first else {
            try set(&node, steps, value: value, table: nil, walked: walked)
            return
        }
        guard case .mapping(var entries, let location) = node else {
            throw Failure(message: "\(describe(walked)) is not a mapping", expected: "a mapping of names")
        }
        let nextWalked = "\(walked).\(name)"
        if let i = entries.firstIndex(where: { $0.key == name }) {
            var child = entries[i].value
            try set(&child, steps.dropFirst(), value: value, table: table, walked: nextWalked)
            entries[i].value = child
        } else {
            var child: ConfigNode = .mapping([], value.location)
            try set(&child, steps.dropFirst(), value: value, table: table, walked: nextWalked)
            entries.append(.init(key: name, keyLocation: value.location, value: child))
        }
        node = .mapping(entries, location)
    }
}
