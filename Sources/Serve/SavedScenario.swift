import Foundation
import Scenario

/// "Save as scenario": a YAML file next to the model that `extends:` it and `set:`s the
/// page's values, so `affluence run NAME.yaml` composes the very scenario the page ran.
struct SavedScenario {
    let model: String
    /// The name of the composed scenario, written out so the saved file's results carry it
    /// (a file without `name:` would be named after itself).
    let scenarioName: String
    let overrides: [Override]
    let policy: String?

    var text: String {
        var lines = [
            "# Saved by `affluence serve` from \(model).yaml.",
            "# `affluence run <this file>\(policy.map { " --policy \($0)" } ?? "")` reproduces the page's run byte for byte.",
            "extends: \(model).yaml",
            "name: \(Self.quoted(scenarioName))",
        ]
        if !overrides.isEmpty {
            lines.append("set:")
            for o in overrides { lines.append("  \(Self.quoted(o.path)): \(Self.quoted(o.value))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A YAML scalar: plain when it is safe, double-quoted otherwise.
    static func quoted(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy {
            ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || "._-%/[]=".unicodeScalars.contains($0)
        } && !text.hasPrefix("[") && !text.hasPrefix("%") && !text.hasPrefix("-")
        if plain { return text }
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\""
    }

    /// Writes the file as MODEL_DIR/`name`.yaml, never over an existing file, and checks it
    /// loads; a file that does not is removed and its errors returned.
    func write(name: String, catalog: ModelCatalog) throws(ServeError) -> String {
        guard ModelCatalog.isName(name), !name.contains(".") else {
            throw .fields([FieldError(field: "save_as", message: "?save_as:1:1: error: `\(name.prefix(64))` is not a file name (expected letters, digits, `-` and `_`, at most 64)")])
        }
        let url = catalog.directory.appendingPathComponent(name + ".yaml")
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            if errno == EEXIST { throw .conflict("\(name).yaml already exists in the models folder (choose another name)") }
            throw .badRequest("cannot write \(name).yaml: \(String(cString: strerror(errno)))")
        }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == bytes.count else {
            unlink(url.path)
            throw .badRequest("cannot write \(name).yaml")
        }
        do {
            _ = try catalog.load(name)
        } catch {
            unlink(url.path)
            throw error
        }
        return url.path
    }
}
