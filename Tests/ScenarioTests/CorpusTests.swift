import Foundation
import Testing
@testable import Scenario

/// Malformed and meaningless scenario files, each paired with the located diagnostic it
/// must produce: a header line `# expect: LINE:COL: text` (or, for files that cannot
/// hold a comment, a sidecar `<name>.expect`). Files in `Corpus/bases/` are only
/// extended by the others.
enum Corpus {
    static let folder: String = Bundle.module.resourceURL!.appendingPathComponent("Corpus").path

    static var files: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }

    /// `(line:col, text)` the file's expectation states.
    static func expectation(for name: String) -> (position: String, text: String)? {
        let path = folder + "/" + name
        var line: String?
        if let sidecar = try? String(contentsOfFile: path + ".expect", encoding: .utf8) {
            line = sidecar.split(separator: "\n").first.map(String.init)
        } else if let data = FileManager.default.contents(atPath: path),
                  let first = data.split(separator: 0x0A).first,
                  let header = String(bytes: first, encoding: .utf8), header.hasPrefix("# expect: ") {
            line = String(header.dropFirst("# expect: ".count))
        }
        guard let line else { return nil }
        let parts = line.split(separator: ":", maxSplits: 2).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count >= 2 else { return nil }
        return ("\(parts[0]):\(parts[1])", parts.count > 2 ? parts[2] : "")
    }
}

@Suite("Corpus of malformed scenarios")
struct CorpusTests {
    @Test("holds at least 60 cases")
    func size() {
        #expect(Corpus.files.count >= 60)
    }

    @Test("each file yields its specific, located error", arguments: Corpus.files)
    func yieldsExpectedDiagnostic(name: String) throws {
        let expectation = try #require(Corpus.expectation(for: name), "\(name) states no expectation")
        let diagnostics = ScenarioValidator.validate(file: Corpus.folder + "/" + name)
        try #require(!diagnostics.isEmpty, "\(name) was accepted")
        for d in diagnostics {
            #expect(d.location.line >= 1 && d.location.column >= 1 && !d.location.file.isEmpty)
            #expect(d.description.hasPrefix(d.location.file + ":"))
        }
        let matched = diagnostics.contains { d in
            let prefix = expectation.position.hasSuffix(":") || !expectation.position.contains(":")
                ? expectation.position : expectation.position + ":"
            return d.severity == .error && d.summary.hasPrefix(prefix) && d.message.contains(expectation.text)
        }
        #expect(matched, "\(name): expected \(expectation.position): \(expectation.text)\n got:\n\(diagnostics.map(\.description).joined(separator: "\n"))")
    }
}
