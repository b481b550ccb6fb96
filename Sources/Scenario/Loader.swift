import Foundation

/// Loads a scenario file into a validated ``Scenario``.
///
/// The order is fixed and recorded: the file and the bases it `extends:` (deep merge,
/// the extending file wins), then each `--set` override in the order given, then the
/// selected policy's overrides, then type checking, then meaning checks. Any problem
/// found in any layer is thrown as a ``ScenarioError`` listing located diagnostics.
public enum ScenarioLoader {
    /// Loads the scenario at `path`.
    ///
    /// - Parameters:
    ///   - overrides: `--set path=value` overrides, applied in order after `extends:`.
    ///   - policy: a name from the file's `policies:`, applied last.
    public static func load(path: String, overrides: [Override] = [], policy: String? = nil) throws(ScenarioError) -> Scenario {
        try load(display: path, text: nil, overrides: overrides, policy: policy)
    }

    /// Loads scenario text held in memory as if it were the file at `path` (which
    /// locates `extends:` bases and names the file in diagnostics).
    public static func load(text: String, path: String, overrides: [Override] = [], policy: String? = nil) throws(ScenarioError) -> Scenario {
        try load(display: path, text: text, overrides: overrides, policy: policy)
    }

    /// The names of the policies a scenario defines (after `extends:`), in file order.
    public static func policyNames(path: String) throws(ScenarioError) -> [String] {
        var resolver = ExtendsResolver(tree: ModelTree(forFile: path))
        switch resolver.resolve(display: path) {
        case .failure(let e): throw e
        case .success(let root): return root["policies"]?.entries?.map(\.key) ?? []
        }
    }

    private static func load(display: String, text: String?, overrides: [Override], policy: String?) throws(ScenarioError) -> Scenario {
        let tree = ModelTree(forFile: display)
        var resolver = ExtendsResolver(tree: tree)
        var root: ConfigNode
        switch resolver.resolve(display: display, text: text) {
        case .failure(let e): throw e
        case .success(let r): root = r
        }
        var sources = resolver.sources
        var diagnostics: [Diagnostic] = []
        var applied: [Override] = []
        (applied, diagnostics) = applyFileSet(to: &root, sources: sources)

        for (n, override) in overrides.enumerated() {
            if let d = applyCommandLine(override, number: n + 1, to: &root, sources: &sources) {
                diagnostics.append(d)
            } else {
                applied.append(override)
            }
        }
        if let policy {
            let (done, problems) = applyPolicy(policy, to: &root, sources: &sources)
            applied += done
            diagnostics += problems
        }
        if !diagnostics.isEmpty { throw ScenarioError(diagnostics: diagnostics) }

        let context = DecodeContext(sources: sources)
        var decoder = ScenarioDecoder(context: context, dataFolder: tree.dataFolder)
        decoder.checkPolicies(root)
        guard var scenario = decoder.decode(root), !context.hasErrors else {
            throw ScenarioError(diagnostics: sorted(context.diagnostics))
        }
        Validation.check(&scenario, references: decoder.references, root: root, context: context)
        if context.hasErrors { throw ScenarioError(diagnostics: sorted(context.diagnostics)) }
        if scenario.name.isEmpty {
            scenario.name = ((display as NSString).lastPathComponent as NSString).deletingPathExtension
        }
        scenario.policy = policy
        scenario.overrides = applied
        scenario.files = resolver.files
        return scenario
    }

    /// Diagnostics in file, line and column order (the order a reader goes through them).
    static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<String>()
        return diagnostics.filter { seen.insert($0.headline).inserted }.sorted {
            ($0.location.file, $0.location.line, $0.location.column) < ($1.location.file, $1.location.line, $1.location.column)
        }
    }

    /// One `--set` argument: its pseudo-file is named `--set #n` and holds `path=value`.
    private static func applyCommandLine(_ override: Override, number: Int, to root: inout ConfigNode,
                                         sources: inout SourceSet) -> Diagnostic? {
        let name = "--set #\(number)"
        let argument = "\(override.path)=\(override.value)"
        sources.add(SourceText(name: name, text: argument))
        let pathLocation = Location(file: name, line: 1, column: 1)
        let path: OverridePath
        switch OverridePath.parse(override.path) {
        case .success(let p): path = p
        case .failure(let f): return sources.diagnostic(pathLocation.shifted(by: f.offset), f.message, expected: f.expected)
        }
        // Pad the value so its nodes carry their column in the whole argument.
        let padded = SourceText(name: name, text: String(repeating: " ", count: override.path.count + 1) + override.value)
        let value: ConfigNode
        switch YAMLReader.parseValue(padded) {
        case .success(let v): value = v
        case .failure(let d):
            return Diagnostic(location: d.location, message: "value of override: \(d.message)", expected: d.expected, sourceLine: argument)
        }
        return OverrideApplier.apply(path, value: value, to: &root, location: pathLocation, sources: sources)
    }

    /// A policy's `set:` entries, each located at its key in the scenario file.
    private static func applyPolicy(_ name: String, to root: inout ConfigNode, sources: inout SourceSet) -> ([Override], [Diagnostic]) {
        let policies = root["policies"]?.entries ?? []
        guard let entry = policies.first(where: { $0.key == name }) else {
            let names = policies.map(\.key)
            sources.add(SourceText(name: "--policy", text: name))
            return ([], [sources.diagnostic(Location(file: "--policy", line: 1, column: 1),
                                            "unknown policy `\(name)`\(Suggestions.didYouMean(name, names))",
                                            expected: names.isEmpty ? "a scenario with `policies:`" : "one of \(names.joined(separator: ", "))")])
        }
        guard let set = entry.value["set"]?.entries else {
            return ([], [sources.diagnostic(entry.keyLocation, "policy `\(name)` has no `set:` mapping", expected: "`set: {path: value}`")])
        }
        var applied: [Override] = []
        var problems: [Diagnostic] = []
        for item in set {
            switch OverridePath.parse(item.key) {
            case .failure(let f):
                problems.append(sources.diagnostic(item.keyLocation.shifted(by: f.offset), f.message, expected: f.expected))
            case .success(let path):
                if let d = OverrideApplier.apply(path, value: item.value, to: &root, location: item.keyLocation, sources: sources) {
                    problems.append(d)
                } else {
                    applied.append(Override(path: item.key, value: item.value.flowText, origin: .policy(name)))
                }
            }
        }
        return (applied, problems)
    }
}
