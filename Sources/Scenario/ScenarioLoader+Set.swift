extension ScenarioLoader {
    /// The document's own `set:` overrides, applied in file order right after `extends:`
    /// (before `--set` and the policy), each located at its key: what the what-if page's
    /// "Save as scenario" writes, so a saved setting composes exactly as the page did.
    static func applyFileSet(to root: inout ConfigNode, sources: SourceSet) -> ([Override], [Diagnostic]) {
        guard let node = root["set"], !node.isNull else { return ([], []) }
        guard let entries = node.entries else {
            return ([], [sources.diagnostic(node.location, "`set` must be a mapping of paths to values, found \(node.kindName)",
                                            expected: "`set: {pools.ode_idf.servers: 40}`")])
        }
        var applied: [Override] = []
        var problems: [Diagnostic] = []
        for item in entries {
            switch OverridePath.parse(item.key) {
            case .failure(let f):
                problems.append(sources.diagnostic(item.keyLocation.shifted(by: f.offset), f.message, expected: f.expected))
            case .success(let path):
                if case .key(let head) = path.steps[0], head == "set" || head == "knobs" {
                    problems.append(sources.diagnostic(item.keyLocation, "`set` cannot set `\(head)`", expected: "a path to a model value"))
                } else if let d = OverrideApplier.apply(path, value: item.value, to: &root, location: item.keyLocation, sources: sources) {
                    problems.append(d)
                } else {
                    applied.append(Override(path: item.key, value: item.value.flowText, origin: .scenarioFile))
                }
            }
        }
        return (applied, problems)
    }
}
