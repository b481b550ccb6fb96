import Foundation

/// `path=value` as written on the command line: `--set`, `--vary`, and the assignments
/// `capacity` builds from `--resource`.
///
/// The split is at the first `=` outside square brackets, because a path may select a
/// list item by id (`segments[id=idf-secondary].active_share=80%`): splitting at the very
/// first `=` would cut the selector in two. Every option that takes an assignment splits
/// it here, so the path syntax `--set` documents holds for all of them.
public enum PathAssignment {
    /// The path and the value of `text`, both trimmed of spaces; nil when there is no `=`
    /// or the path is empty. The value may be empty (the caller decides whether that means
    /// anything).
    ///
    /// A `[` left open (`segments[id=a.size=3`) splits at the last `=`, so the path parser
    /// gets the whole path and can say which `]` is missing.
    public static func split(_ text: String) -> (path: String, value: String)? {
        var depth = 0
        var split: String.Index? = nil
        var lastEquals: String.Index? = nil
        for index in text.indices where split == nil {
            switch text[index] {
            case "[": depth += 1
            case "]": depth = max(0, depth - 1)
            case "=":
                lastEquals = index
                if depth == 0 { split = index }
            default: break
            }
        }
        guard let at = split ?? (depth > 0 ? lastEquals : nil) else { return nil }
        let path = text[..<at].trimmingCharacters(in: .whitespaces)
        guard !path.isEmpty else { return nil }
        return (path, text[text.index(after: at)...].trimmingCharacters(in: .whitespaces))
    }

    /// The keys and ids a path walks through, `[id=web]` read as `web`
    /// (`pools[id=web].servers` → `pools`, `web`, `servers`); nil when it does not parse
    /// or selects an item by index.
    public static func names(_ path: String) -> [String]? {
        guard case .success(let parsed) = OverridePath.parse(path) else { return nil }
        var names: [String] = []
        for step in parsed.steps {
            switch step {
            case .key(let name), .id(let name): names.append(name)
            case .index: return nil
            }
        }
        return names
    }

    /// Whether two paths name the same place: a list item selected by `[id=web]` or by
    /// `.web` is the same item. Paths that do not parse compare as written.
    public static func sameTarget(_ a: String, _ b: String) -> Bool {
        guard case .success(let x) = OverridePath.parse(a), case .success(let y) = OverridePath.parse(b) else { return a == b }
        func normal(_ step: OverridePath.Step) -> OverridePath.Step {
            if case .id(let id) = step { return .key(id) }
            return step
        }
        return x.steps.map(normal) == y.steps.map(normal)
    }
}
