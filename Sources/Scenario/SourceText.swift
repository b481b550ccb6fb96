import Foundation

/// The text of one scenario source, kept so diagnostics can quote the offending line.
struct SourceText: Sendable {
    /// The name diagnostics print: the path as given, or `--set` for an override.
    let name: String
    let text: String
    let lines: [Substring]

    init(name: String, text: String) {
        self.name = name
        self.text = text
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    func line(_ number: Int) -> String? {
        guard number >= 1, number <= lines.count else { return nil }
        var l = lines[number - 1]
        if l.last == "\r" { l = l.dropLast() }
        return String(l)
    }
}

/// The sources read so far in one load, so that any location can be quoted.
struct SourceSet: Sendable {
    private(set) var byName: [String: SourceText] = [:]

    mutating func add(_ source: SourceText) { byName[source.name] = source }

    func diagnostic(_ location: Location, _ message: String, expected: String? = nil,
                    severity: Diagnostic.Severity = .error) -> Diagnostic {
        Diagnostic(location: location, severity: severity, message: message, expected: expected,
                   sourceLine: byName[location.file]?.line(location.line))
    }
}

/// Limits that keep a hostile or broken file from exhausting memory or time.
///
/// A scenario is a page or two of YAML; these bounds are orders of magnitude above any
/// real model and far below what would slow the loader down.
enum InputLimits {
    /// Largest file accepted, in bytes.
    static let maxFileBytes = 2_000_000
    /// Deepest nesting of lists and mappings (block or flow).
    static let maxDepth = 64
    /// Most nodes in one document (a guard for the tree copy).
    static let maxNodes = 500_000
    /// Deepest `extends:` chain.
    static let maxExtendsDepth = 16
}

enum SourceReader {
    /// Reads a file's bytes and checks that they are a UTF-8 text scenario.
    ///
    /// Binary files, NUL bytes, other encodings and oversized files are refused here,
    /// with a location, before libyaml sees them.
    static func read(path: String, displayName: String) -> Result<SourceText, Diagnostic> {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(Diagnostic(location: Location(file: displayName, line: 1, column: 1),
                                       message: "file not found", expected: "an existing .yaml file"))
        }
        guard !isDirectory.boolValue else {
            return .failure(Diagnostic(location: Location(file: displayName, line: 1, column: 1),
                                       message: "is a folder", expected: "a .yaml file"))
        }
        if let size = (try? fm.attributesOfItem(atPath: path))?[.size] as? Int, size > InputLimits.maxFileBytes {
            return .failure(tooLarge(displayName, size))
        }
        guard let data = fm.contents(atPath: path) else {
            return .failure(Diagnostic(location: Location(file: displayName, line: 1, column: 1),
                                       message: "cannot read the file", expected: "a readable .yaml file"))
        }
        return decode(data: data, name: displayName)
    }

    static func tooLarge(_ name: String, _ size: Int) -> Diagnostic {
        Diagnostic(location: Location(file: name, line: 1, column: 1),
                   message: "file is \(size) bytes, too large for a scenario",
                   expected: "at most \(InputLimits.maxFileBytes) bytes")
    }

    /// Checks bytes for text-ness and decodes them as UTF-8 (a leading BOM is dropped).
    static func decode(data: Data, name: String) -> Result<SourceText, Diagnostic> {
        if data.count > InputLimits.maxFileBytes { return .failure(tooLarge(name, data.count)) }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var line = 1, column = 1
        for byte in bytes {
            if byte == 0 || (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F {
                let what = byte == 0 ? "a NUL byte" : "control character 0x\(String(byte, radix: 16, uppercase: true))"
                return .failure(Diagnostic(location: Location(file: name, line: line, column: column),
                                           message: "binary content: \(what)",
                                           expected: "a UTF-8 text file"))
            }
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let (l, c) = firstInvalidUTF8(bytes)
            return .failure(Diagnostic(location: Location(file: name, line: l, column: c),
                                       message: "invalid UTF-8", expected: "a UTF-8 text file"))
        }
        return .success(SourceText(name: name, text: text))
    }

    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> (Int, Int) {
        var line = 1, lineStart = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length = b < 0x80 ? 1 : b >> 5 == 0x6 ? 2 : b >> 4 == 0xE ? 3 : b >> 3 == 0x1E ? 4 : 0
            let valid = length > 0 && i + length <= bytes.count
                && bytes[(i + 1)..<(i + length)].allSatisfy { $0 & 0xC0 == 0x80 }
            if !valid {
                let column = (String(validating: bytes[lineStart..<i], as: UTF8.self)?.unicodeScalars.count ?? 0) + 1
                return (line, column)
            }
            if b == 0x0A { line += 1; lineStart = i + 1 }
            i += length
        }
        return (line, 1)
    }
}
