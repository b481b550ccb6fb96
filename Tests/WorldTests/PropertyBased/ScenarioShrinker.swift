/// Shrinks a failing scenario to a small one that still fails the same way.
///
/// Greedy: it tries candidates from the largest cut to the smallest — drop the policy run,
/// remove an entity (a pool, a segment, a gate, an attack, a policy…) together with what
/// refers to it, or only the references to it; drop any key but `id`; drop a list item;
/// halve a number — and keeps the first candidate that is still valid and still `fails`,
/// until none is. A candidate the loader refuses is simply not kept.
struct ScenarioShrinker {
    /// Whether a candidate still fails the way the original did.
    let fails: (GeneratedCase) -> Bool
    /// Most candidates tried (each is a run): shrinking stops there with what it has.
    var budget = 3_000
    private(set) var tried = 0

    init(budget: Int = 3_000, fails: @escaping (GeneratedCase) -> Bool) {
        self.budget = budget
        self.fails = fails
    }

    /// Top-level keys that are never removed (the loader needs them, or removing them
    /// makes a different kind of scenario).
    static let kept: Set<String> = ["version", "id", "start"]

    mutating func shrink(_ start: GeneratedCase) -> GeneratedCase {
        var current = start
        improving: while tried < budget {
            for candidate in Self.candidates(current) {
                guard tried < budget else { break improving }
                tried += 1
                if fails(candidate) {
                    current = candidate
                    continue improving
                }
            }
            break
        }
        return current
    }

    /// Every one-step simplification of `c`, largest first.
    static func candidates(_ c: GeneratedCase) -> [GeneratedCase] {
        var out: [GeneratedCase] = []
        if c.policy != nil { out.append(GeneratedCase(tree: c.tree, policy: nil)) }
        // Whole entities, with everything that mentions them, then with only the references cut.
        for entry in c.tree.entries {
            for item in entry.value.items {
                guard let id = item.id else { continue }
                out.append(GeneratedCase(tree: removingCascade(id, from: c.tree), policy: c.policy))
                out.append(GeneratedCase(tree: removingReferences(to: id, from: removing(id, from: c.tree)), policy: c.policy))
            }
            if entry.key == "policies" {
                for policy in entry.value.entries where policy.key != c.policy {
                    out.append(GeneratedCase(tree: removingKey(policy.key, under: "policies", from: c.tree), policy: c.policy))
                }
            }
        }
        // Every smaller value anywhere in the tree.
        out += simpler(c.tree, top: true).map { GeneratedCase(tree: $0, policy: c.policy) }
        return out.filter { $0.tree != c.tree || $0.policy != c.policy }
    }

    /// The tree without the list item `id` (in any top-level list).
    static func removing(_ id: String, from tree: YAMLTree) -> YAMLTree {
        .map(tree.entries.map { entry in
            guard case .list(let items) = entry.value else { return entry }
            return .init(key: entry.key, value: .list(items.filter { $0.id != id }))
        })
    }

    /// The tree without `id` and without every top-level item or policy that mentions it,
    /// and what mentions those in turn.
    static func removingCascade(_ id: String, from tree: YAMLTree) -> YAMLTree {
        var gone = [id], result = tree
        while let next = gone.popLast() {
            var entries: [YAMLTree.Entry] = []
            for entry in result.entries {
                switch entry.value {
                case .list(let items):
                    var kept: [YAMLTree] = []
                    for item in items {
                        if item.id == next { continue }
                        if item.mentions(next), let other = item.id { gone.append(other); continue }
                        kept.append(item)
                    }
                    entries.append(.init(key: entry.key, value: .list(kept)))
                case .map(let inner) where entry.key == "policies":
                    entries.append(.init(key: entry.key, value: .map(inner.filter { !$0.value.mentions(next) })))
                default:
                    entries.append(entry)
                }
            }
            result = .map(entries)
        }
        return result
    }

    /// The tree with every reference to `id` cut: list items equal to it or naming it
    /// (`{platform: id, share: …}`), keys whose value it is, override paths through it.
    static func removingReferences(to id: String, from tree: YAMLTree) -> YAMLTree {
        switch tree {
        case .scalar:
            return tree
        case .list(let items):
            return .list(items.filter { item in
                if item.scalarText == id { return false }
                return !item.entries.contains { $0.value.scalarText == id }
            }.map { removingReferences(to: id, from: $0) })
        case .map(let entries):
            return .map(entries.filter { $0.value.scalarText != id && !tree.pathMentions($0.key, id) }
                .map { .init(key: $0.key, value: removingReferences(to: id, from: $0.value)) })
        }
    }

    static func removingKey(_ key: String, under parent: String, from tree: YAMLTree) -> YAMLTree {
        .map(tree.entries.map { entry in
            guard entry.key == parent else { return entry }
            return .init(key: entry.key, value: .map(entry.value.entries.filter { $0.key != key }))
        })
    }

    /// Each one-step simplification of a value: a key or item removed, or a smaller scalar.
    static func simpler(_ tree: YAMLTree, top: Bool = false) -> [YAMLTree] {
        switch tree {
        case .scalar(let s):
            return smallerScalars(s).map { .scalar($0) }
        case .list(let items):
            var out: [YAMLTree] = []
            for k in items.indices {
                var fewer = items
                fewer.remove(at: k)
                out.append(.list(fewer))
            }
            for k in items.indices {
                for smaller in simpler(items[k]) {
                    var changed = items
                    changed[k] = smaller
                    out.append(.list(changed))
                }
            }
            return out
        case .map(let entries):
            var out: [YAMLTree] = []
            for k in entries.indices where !kept.contains(entries[k].key) && !(top && entries[k].key == "pools") {
                var fewer = entries
                fewer.remove(at: k)
                out.append(.map(fewer))
            }
            for k in entries.indices where entries[k].key != "id" {
                for smaller in simpler(entries[k].value) {
                    var changed = entries
                    changed[k].value = smaller
                    out.append(.map(changed))
                }
            }
            return out
        }
    }

    /// Smaller forms of a scalar: a whole number halved or 1 (or 0), a duration in a unit
    /// halved, a distribution replaced by its plain mean.
    static func smallerScalars(_ s: String) -> [String] {
        if let n = Int(s) {
            return n > 1 ? Array(Set([n / 2, 1, 0])).sorted().map(String.init) : []
        }
        for unit in ["ms", "min", "s", "h"] where s.hasSuffix(unit) {
            if let n = Int(s.dropLast(unit.count)), n > 1 { return ["\(n / 2)\(unit)"] }
            return []
        }
        // A distribution with a `mean: X` parameter: the deterministic X.
        if s.contains("("), let range = s.range(of: "mean: ") {
            let value = s[range.upperBound...].prefix { $0 != "," && $0 != ")" }
            if !value.isEmpty { return [String(value)] }
        }
        return []
    }
}
