import Foundation
import Scenario

/// The models of MODEL_DIR: its `*.yaml` files (not its subfolders), by name without the
/// extension. A name from a request is looked up here, never joined onto a path: `../x`,
/// `a/b` or a name not listed is simply not a model.
struct ModelCatalog: Sendable {
    let directory: URL

    init(directory: URL) {
        self.directory = directory.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// Whether `name` has the shape of a model or saved-scenario name.
    static func isName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.count <= 64, CharacterSet.alphanumerics.contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || $0 == "-" || $0 == "_" || $0 == "." }
            && !name.contains("..")
    }

    /// Model names, sorted.
    func names() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.compactMap { file -> String? in
            guard file.hasSuffix(".yaml") else { return nil }
            let name = String(file.dropLast(5))
            return Self.isName(name) && path(of: name) != nil ? name : nil
        }.sorted()
    }

    /// The file of model `name`, when it is a regular file directly inside the folder (a
    /// symbolic link leading out is refused).
    func path(of name: String) -> String? {
        guard Self.isName(name) else { return nil }
        let url = directory.appendingPathComponent(name + ".yaml")
        let real = url.resolvingSymlinksInPath()
        guard real.deletingLastPathComponent().path == directory.path else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: real.path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        return url.path
    }

    /// Loads model `name` with `overrides` and `policy`, refusing a model whose `extends:`
    /// chain reads a file outside the folder.
    func load(_ name: String, overrides: [Override] = [], policy: String? = nil) throws(ServeError) -> Scenario {
        guard let path = path(of: name) else { throw .notFound("no model `\(name)` in \(directory.lastPathComponent)/") }
        var scenario: Scenario
        do {
            scenario = try ScenarioLoader.load(path: path, overrides: overrides, policy: policy)
        } catch {
            throw .invalid(error.diagnostics.map { d in
                Diagnostic(location: display(d.location), severity: d.severity, message: d.message, expected: d.expected, sourceLine: d.sourceLine)
            })
        }
        for i in scenario.knobs.indices { scenario.knobs[i].location = display(scenario.knobs[i].location) }
        for file in scenario.files {
            let real = URL(fileURLWithPath: file).standardizedFileURL.resolvingSymlinksInPath().path
            guard real.hasPrefix(directory.path + "/") else { throw .forbidden("model `\(name)` extends a file outside the served folder") }
        }
        return scenario
    }
}

extension ModelCatalog {
    /// `location` with the served folder's path cut to its name (`models/x.yaml:3:5`), so
    /// errors sent to a page do not tell where the server's files are.
    func display(_ location: Location) -> Location {
        let prefix = directory.path + "/"
        guard location.file.hasPrefix(prefix) else { return location }
        return Location(file: directory.lastPathComponent + "/" + location.file.dropFirst(prefix.count), line: location.line, column: location.column)
    }
}

/// A request the server refuses, with the status it answers.
enum ServeError: Error, Sendable {
    case badRequest(String)
    /// Located errors, by field of the page (knob id, `seed`…) when they belong to one.
    case fields([FieldError])
    case invalid([Diagnostic])
    case notFound(String)
    case forbidden(String)
    case conflict(String)
    case tooMany(String)
}

/// An error shown next to one control of the page.
struct FieldError: Sendable, Codable, Hashable {
    /// The knob id or run setting (`seed`, `replications`, `sample`), or `""` for the page as a whole.
    var field: String
    /// The compiler-format message (`file:line:col: error: … (expected …)`).
    var message: String
}
