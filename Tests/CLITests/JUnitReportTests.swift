import Foundation
import Testing
@testable import affluence

/// `affluence check --junit FILE`: the XML validates against the Jenkins xUnit plugin's
/// JUnit schema (Tests/Fixtures/junit/junit-10.xsd, with `xmllint --schema`) and carries each verdict.
@Suite("affluence check --junit, end to end")
struct JUnitReportTests {
    static let schema = CLIRunner.repositoryRoot.appendingPathComponent("Tests/Fixtures/junit/junit-10.xsd")

    /// `xmllint --noout --schema junit-10.xsd FILE`. A missing xmllint is a failure, not a
    /// skip: CI installs it (scripts/ensure-deps.sh), and a skipped check would look like a pass.
    static func validate(_ file: URL) throws -> CLIRunner.Outcome {
        let xmllint = ["/usr/bin/xmllint", "/usr/local/bin/xmllint", "/opt/homebrew/bin/xmllint"]
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        let path = try #require(xmllint, "xmllint not found: install libxml2-utils (make deps, scripts/ensure-deps.sh, does)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--noout", "--schema", schema.path, file.path]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIRunner.Outcome(status: process.terminationStatus, stdout: "", stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test("a folder of models: passes, a MISS, a model without expectations, an invalid model and a missing fingerprint, valid JUnit")
    func folderOfModels() throws {
        let dir = try CheckCommandTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let models = dir.appendingPathComponent("models")
        try FileManager.default.createDirectory(at: models, withIntermediateDirectories: true)
        // A MISS (Wq is 9 s, not 4 s) in a model whose fingerprint file does not exist yet.
        try CheckCommandTests.mm1([("{metric: mean_wait, entity: server, value: 9s, tolerance: 5%}",
                                    "{metric: mean_wait, entity: server, value: 4s, tolerance: 5%}")])
            .write(to: models.appendingPathComponent("mm1.yaml"), atomically: true, encoding: .utf8)
        // No expectations: UNCHECKED, a skipped case.
        let plain = try CheckCommandTests.mm1().components(separatedBy: "expect:")[0]
        try plain.write(to: models.appendingPathComponent("plain.yaml"), atomically: true, encoding: .utf8)
        // Invalid: an error case whose text holds markup characters and the located diagnostic.
        try "version: 1\nname: \"<broken> & \\\"quoted\\\"\"\npools: [{id: p, servers: -1}]\n"
            .write(to: models.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let report = dir.appendingPathComponent("report.xml")

        let outcome = try CLIRunner.run(["check", models.path, "--jobs", "2", "--junit", report.path])
        #expect(outcome.status == 1, "\(outcome.stdout)")
        let validation = try Self.validate(report)
        #expect(validation.status == 0, "xmllint: \(validation.stderr)")

        let xml = try String(contentsOf: report, encoding: .utf8)
        #expect(xml.components(separatedBy: "<testsuite ").count - 1 == 3, "\(xml)")
        #expect(xml.contains("<failure type=\"MISS\" message=\"expected 4 s ± 5%, measured "), "\(xml)")
        #expect(xml.contains("<failure type=\"MISSING\""), "\(xml)")
        #expect(xml.contains("<skipped message=\"this model has no `expect:` block"), "\(xml)")
        #expect(xml.contains("<error type=\"INVALID\""), "\(xml)")
        #expect(xml.contains("classname=\"\(models.path.dropFirst().replacingOccurrences(of: "/", with: ".")).mm1\""), "\(xml)")
        // 7 expectations of mm1 (6 pass, 1 MISS) and its fingerprint; plain's skipped case and
        // fingerprint; broken's error and skipped fingerprint.
        #expect(xml.contains("<testsuites name=\"affluence check\" tests=\"12\" failures=\"3\" errors=\"1\""), "\(xml)")
    }

    @Test("the schema check is not vacuous: a testcase without a name is rejected")
    func schemaRejects() throws {
        let dir = try CheckCommandTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.xml")
        try "<testsuites><testsuite name=\"m\" tests=\"1\" failures=\"0\" errors=\"0\"><testcase classname=\"c\"/></testsuite></testsuites>\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let validation = try Self.validate(file)
        #expect(validation.status != 0)
        #expect(validation.stderr.contains("name"), "\(validation.stderr)")
    }

    @Test("text and attributes escape markup and drop what XML cannot hold; times use a decimal point")
    func escaping() {
        #expect(JUnitReport.escaped("a<b & c>") == "a&lt;b &amp; c&gt;")
        #expect(JUnitReport.quoted("say \"hi\"\nnow") == "\"say &quot;hi&quot;&#10;now\"")
        #expect(JUnitReport.escaped("bell\u{7}") == "bell\u{FFFD}")
        #expect(JUnitReport.time(1.2345) == "1.235")
        #expect(JUnitReport.time(0.05) == "0.050")
        #expect(JUnitReport.time(.nan) == "0.000")
    }
}
