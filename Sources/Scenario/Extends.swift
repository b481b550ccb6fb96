import Foundation

/// Where scenario files may reach: the models tree, and the data folder next to it.
struct ModelTree: Sendable {
    /// The nearest ancestor folder named `models`, or the loaded file's own folder.
    let root: String
    /// The nearest `notebooks-data/` folder at or above the tree's parent, if any.
    let dataFolder: String?

    init(forFile path: String) {
        let file = Paths.canonical(path)
        var dir = (file as NSString).deletingLastPathComponent
        var found: String? = nil
        var probe = dir
        while probe != "/" && !probe.isEmpty {
            if (probe as NSString).lastPathComponent == "models" { found = probe; break }
            probe = (probe as NSString).deletingLastPathComponent
        }
        root = found ?? dir
        var data: String? = nil
        dir = root
        while !dir.isEmpty {
            var isDir: ObjCBool = false
            let candidate = dir == "/" ? "/notebooks-data" : dir + "/notebooks-data"
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDir), isDir.boolValue { data = candidate; break }
            if dir == "/" { break }
            dir = (dir as NSString).deletingLastPathComponent
        }
        dataFolder = data
    }

    func contains(_ canonicalPath: String) -> Bool {
        Paths.isInside(canonicalPath, folder: root)
    }
}

enum Paths {
    /// An absolute path with `.`/`..` collapsed and symbolic links resolved, so that a
    /// link cannot smuggle a file out of the models tree.
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Whether `canonicalPath` lies under `folder`, once both are canonical: the one test
    /// for "this file stays inside" (`extends:` in the models tree, CSV intent files in
    /// `notebooks-data/`), so a symbolic link cannot lead out of either.
    static func isInside(_ canonicalPath: String, folder: String) -> Bool {
        let root = canonical(folder)
        return canonicalPath.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// `dir/relative` with `.` and `..` collapsed lexically, keeping a relative
    /// display path relative (for messages).
    static func join(_ dir: String, _ relative: String) -> String {
        var parts = dir.isEmpty ? [] : dir.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.last == "" { parts.removeLast() }
        for component in relative.split(separator: "/") {
            switch component {
            case ".": continue
            case "..":
                if let last = parts.last, last != "..", last != "" { parts.removeLast() } else { parts.append("..") }
            default: parts.append(String(component))
            }
        }
        let joined = parts.joined(separator: "/")
        return joined.isEmpty ? "." : joined
    }

    static func directory(of path: String) -> String {
        let d = (path as NSString).deletingLastPathComponent
        return d
    }
}

/// Resolves `extends:` chains: each base is read, checked to stay inside the models
/// tree and not to form a cycle, and merged under the file that extends it.
struct ExtendsResolver {
    let tree: ModelTree
    var sources = SourceSet()
    /// Display names of the files read, the loaded file first.
    var files: [String] = []

    init(tree: ModelTree) { self.tree = tree }

    /// The document of `display` (read from disk, or `text` when given) with its bases merged in.
    mutating func resolve(display: String, text: String? = nil, chain: [String] = []) -> Result<ConfigNode, ScenarioError> {
        let source: SourceText
        if let text {
            // Text held in memory passes the same checks as a file's bytes.
            switch SourceReader.decode(data: Data(text.utf8), name: display) {
            case .success(let s): source = s
            case .failure(let d): return .failure(ScenarioError(diagnostics: [d]))
            }
        } else {
            switch SourceReader.read(path: display, displayName: display) {
            case .success(let s): source = s
            case .failure(let d): return .failure(ScenarioError(diagnostics: [d]))
            }
        }
        sources.add(source)
        files.append(display)
        let root: ConfigNode
        switch YAMLReader.parse(source) {
        case .success(let r): root = r
        case .failure(let d): return .failure(ScenarioError(diagnostics: [d]))
        }
        guard let extendsNode = root["extends"] else { return .success(root) }
        func fail(_ message: String, _ expected: String) -> Result<ConfigNode, ScenarioError> {
            .failure(ScenarioError(diagnostics: [sources.diagnostic(extendsNode.location, message, expected: expected)]))
        }
        guard case .scalar(let s) = extendsNode, !extendsNode.isNull, !s.text.isEmpty else {
            return fail("`extends` must be a file path, found \(extendsNode.kindName)", "`extends: base.yaml`")
        }
        let relative = s.text
        guard !relative.hasPrefix("/"), !relative.hasPrefix("~") else {
            return fail("`extends` path `\(relative)` is absolute", "a path relative to this file, inside the models tree")
        }
        let baseDisplay = Paths.join(Paths.directory(of: display), relative)
        let baseCanonical = Paths.canonical(baseDisplay)
        guard tree.contains(baseCanonical) else {
            return fail("`extends` path `\(relative)` leaves the models tree `\(tree.root)`", "a file inside \(tree.root)")
        }
        let here = Paths.canonical(display)
        let fullChain = chain.isEmpty ? [here] : chain
        if fullChain.contains(baseCanonical) {
            let names = (fullChain + [baseCanonical]).map { ($0 as NSString).lastPathComponent }
            return fail("include cycle: \(names.joined(separator: " → "))", "a chain of `extends:` without cycles")
        }
        guard fullChain.count < InputLimits.maxExtendsDepth else {
            return fail("`extends` chain is deeper than \(InputLimits.maxExtendsDepth) files", "a shorter chain")
        }
        switch resolve(display: baseDisplay, chain: fullChain + [baseCanonical]) {
        case .failure(let error):
            var diagnostics = error.diagnostics
            if diagnostics.count == 1, diagnostics[0].message == "file not found" {
                return fail("`extends` file `\(relative)` not found", "an existing file relative to \(display)")
            }
            diagnostics.append(sources.diagnostic(extendsNode.location, "in the scenario extended here", severity: .note))
            return .failure(ScenarioError(diagnostics: diagnostics))
        case .success(let base):
            return .success(Merge.merge(base: base, over: root.removing(key: "extends")))
        }
    }
}
