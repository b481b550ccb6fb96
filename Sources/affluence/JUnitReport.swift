import Experiments
import Foundation
import Scenario

/// `affluence check --junit FILE`: the check's verdicts as JUnit XML, so a CI server shows
/// each model's expectations as tests.
///
/// One `<testsuite>` per model file, one `<testcase>` per expectation plus one for the
/// model's fingerprint; a model that is invalid or could not run is one `<error>` case.
/// Verdicts map as the check counts them: PASS passes; MISS, UNDECIDABLE (too wide to tell
/// a right simulator from a wrong one — `affluence check` fails on it) and a changed or
/// missing fingerprint are `<failure>`s; UNCHECKED (the model has no `expect:` block, or
/// the simulator cannot run it yet, or `--max-events` left it out) is `<skipped>` with the
/// reason. The XML follows the Jenkins xUnit plugin's junit-10.xsd (what Jenkins, GitLab
/// and GitHub's JUnit readers accept); Tests/Fixtures/junit/ holds that schema.
struct JUnitReport {
    enum Outcome {
        case passed
        /// `type` is the check's verdict word (MISS, UNDECIDABLE, CHANGED…).
        case failed(type: String, message: String, detail: String)
        case error(type: String, message: String, detail: String)
        case skipped(message: String)
    }

    struct Case {
        let name: String
        let classname: String
        let outcome: Outcome
    }

    struct Suite {
        let name: String
        let seconds: Double
        let cases: [Case]

        func count(_ match: (Outcome) -> Bool) -> Int { cases.filter { match($0.outcome) }.count }
        var failures: Int { count { if case .failed = $0 { true } else { false } } }
        var errors: Int { count { if case .error = $0 { true } else { false } } }
        var skipped: Int { count { if case .skipped = $0 { true } else { false } } }
    }

    private(set) var suites: [Suite] = []

    /// Adds the suite of one model file.
    mutating func add(_ report: ModelCheckReport, fingerprint: FingerprintStatus) {
        // JUnit readers group by classname: the model's path as a dotted name (models/validation/mm1.yaml → models.validation.mm1).
        let classname = (report.file.hasSuffix(".yaml") ? String(report.file.dropLast(5)) : report.file)
            .replacingOccurrences(of: "/", with: ".").trimmingCharacters(in: CharacterSet(charactersIn: "."))
        var cases: [Case] = []
        if report.isInvalid {
            let errors = report.diagnostics.filter { $0.severity == .error }
            cases.append(Case(name: "validation", classname: classname, outcome: .error(
                type: "INVALID", message: "invalid model: \(errors.count) error(s); nothing was run",
                detail: errors.map(\.description).joined(separator: "\n"))))
        }
        if let error = report.runError {
            cases.append(Case(name: "run", classname: classname,
                              outcome: .error(type: "RUN_ERROR", message: "failed to run", detail: error)))
        }
        if !report.isInvalid && !report.hasExpectations {
            let why = report.notSimulated.map { "not run: \($0)" } ?? "this model has no `expect:` block, so nothing about its results is checked"
            cases.append(Case(name: "expectations", classname: classname, outcome: .skipped(message: why)))
        }
        for (i, problem) in report.problems.enumerated() {
            cases.append(Case(name: "expectation problem \(i + 1)", classname: classname, outcome: .failed(
                type: "MISS", message: "expectation cannot be checked as written", detail: problem)))
        }
        for o in report.outcomes {
            let e = o.expectation
            let entity = o.target.map { "\($0.kind.rawValue) \($0.entity)" } ?? (e.entity ?? "")
            let name = "\(o.number). \(e.metric) \(entity) \(CheckTable.whenText(e, report)) (\(e.policy ?? "base"))"
            let expected = e.expectedText(metric: ExpectationMetrics.unit(of: e.metric))
            let summary = "expected \(expected), measured \(o.measuredText)" + (o.note.isEmpty ? "" : "; \(o.note)")
            let outcome: Outcome
            switch o.verdict {
            case .pass: outcome = .passed
            case .miss: outcome = .failed(type: "MISS", message: summary, detail: summary)
            case .undecidable: outcome = .failed(type: "UNDECIDABLE", message: summary, detail: summary)
            case .unchecked: outcome = .skipped(message: summary)
            }
            cases.append(Case(name: name, classname: classname, outcome: outcome))
        }
        let text = CheckTable.fingerprintText(fingerprint, file: report.file)
        let fingerprintOutcome: Outcome
        switch fingerprint {
        case .unchanged, .written: fingerprintOutcome = .passed
        case .changed: fingerprintOutcome = .failed(type: "CHANGED", message: text, detail: text)
        case .missing: fingerprintOutcome = .failed(type: "MISSING", message: text, detail: text)
        case .notComputed: fingerprintOutcome = .skipped(message: text)
        }
        cases.append(Case(name: "fingerprint", classname: classname, outcome: fingerprintOutcome))
        suites.append(Suite(name: report.file, seconds: report.seconds, cases: cases))
    }

    /// The document: `<testsuites>` with the totals, one `<testsuite>` per model.
    var xml: String {
        let tests = suites.reduce(0) { $0 + $1.cases.count }
        let failures = suites.reduce(0) { $0 + $1.failures }, errors = suites.reduce(0) { $0 + $1.errors }
        let seconds = suites.reduce(0) { $0 + $1.seconds }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"affluence check\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" time=\"\(Self.time(seconds))\">\n"
        for suite in suites {
            out += "  <testsuite name=\(Self.quoted(suite.name)) tests=\"\(suite.cases.count)\" failures=\"\(suite.failures)\""
                + " errors=\"\(suite.errors)\" skipped=\"\(suite.skipped)\" time=\"\(Self.time(suite.seconds))\" file=\(Self.quoted(suite.name))>\n"
            for c in suite.cases {
                let open = "    <testcase name=\(Self.quoted(c.name)) classname=\(Self.quoted(c.classname))"
                switch c.outcome {
                case .passed:
                    out += open + "/>\n"
                case .failed(let type, let message, let detail):
                    out += open + ">\n      <failure type=\(Self.quoted(type)) message=\(Self.quoted(message))>\(Self.escaped(detail))</failure>\n    </testcase>\n"
                case .error(let type, let message, let detail):
                    out += open + ">\n      <error type=\(Self.quoted(type)) message=\(Self.quoted(message))>\(Self.escaped(detail))</error>\n    </testcase>\n"
                case .skipped(let message):
                    out += open + ">\n      <skipped message=\(Self.quoted(message))/>\n    </testcase>\n"
                }
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    /// Seconds with three decimals, never in the locale's spelling (the schema wants `1.250`).
    static func time(_ seconds: Double) -> String {
        let millis = Int((max(0, seconds.isFinite ? seconds : 0) * 1000).rounded())
        let fraction = String(millis % 1000)
        return "\(millis / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    static func quoted(_ text: String) -> String { "\"" + escaped(text, attribute: true) + "\"" }

    /// XML text: markup characters escaped; characters XML 1.0 cannot hold at all (control
    /// characters other than tab and newlines) replaced by U+FFFD, so a diagnostic that
    /// quotes a binary file still gives a document every reader accepts.
    static func escaped(_ text: String, attribute: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\n" where attribute: out += "&#10;"
            case "\t" where attribute: out += "&#9;"
            case "\r": out += "&#13;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                let allowed = v >= 0x20 && !(0xFFFE...0xFFFF).contains(v)
                out.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return out
    }
}
