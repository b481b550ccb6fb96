import Foundation

extension ConfigNode {
    /// The node as one line of YAML flow text, for the run manifest.
    var flowText: String {
        switch self {
        case .scalar(let s):
            let needsQuotes = !s.isPlain || s.text.isEmpty || s.text.contains(where: { ",[]{}#\"".contains($0) })
            return needsQuotes ? "\"\(s.text.replacingOccurrences(of: "\"", with: "\\\""))\"" : s.text
        case .sequence(let items, _):
            return "[" + items.map(\.flowText).joined(separator: ", ") + "]"
        case .mapping(let entries, _):
            return "{" + entries.map { "\($0.key): \($0.value.flowText)" }.joined(separator: ", ") + "}"
        }
    }
}

extension ScenarioDecoder {
    /// Checks the shape of `policies:` (names, `set:` mappings, path syntax) without
    /// applying them; each policy is applied and checked in full by the validator.
    func checkPolicies(_ root: ConfigNode) {
        guard let node = root["policies"], !node.isNull else { return }
        guard let entries = node.entries else {
            context.error(node.location, "`policies` must be a mapping of names, found \(node.kindName)", expected: "`policies: {P1: {set: {…}}}`")
            return
        }
        for entry in entries {
            if !DecodeContext.isIdentifier(entry.key) {
                context.error(entry.keyLocation, "`\(entry.key)` is not a valid policy name", expected: "letters, digits, `_` and `-`")
            }
            guard let f = context.fields(entry.value, Schema.policy) else { continue }
            guard let set = f.value("set", { $0 }) else { continue }
            guard let items = set.entries else {
                context.error(set.location, "`set` must be a mapping of paths to values, found \(set.kindName)", expected: "`set: {pools.ode_idf.servers: 40}`")
                continue
            }
            for item in items {
                if case .failure(let failure) = OverridePath.parse(item.key) {
                    context.error(item.keyLocation.shifted(by: failure.offset), failure.message, expected: failure.expected)
                }
            }
        }
    }
}
