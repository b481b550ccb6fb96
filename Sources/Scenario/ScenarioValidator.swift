import Foundation

/// What `affluence validate` does, as a library: find the scenario files under the given
/// paths, load each one and each of its policies, and collect every diagnostic.
public enum ScenarioValidator {
    /// A problem with the request itself (exit code 64), not with a scenario.
    public struct UsageError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    public struct Report: Sendable {
        /// The files checked, in order.
        public var files: [String]
        /// Every diagnostic, file by file.
        public var diagnostics: [Diagnostic]
        /// The files with at least one error.
        public var invalidFiles: [String]

        public var isValid: Bool { invalidFiles.isEmpty }
    }

    /// The `.yaml` files named by `paths`: files as given, folders searched recursively
    /// (sorted, so the output is stable).
    public static func scenarioFiles(in paths: [String]) throws(UsageError) -> [String] {
        guard !paths.isEmpty else { throw UsageError(description: "no path given (expected one or more scenario files or folders)") }
        let fm = FileManager.default
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw UsageError(description: "\(path): no such file or folder")
            }
            if !isDirectory.boolValue { files.append(path); continue }
            var found: [String] = []
            if let walker = fm.enumerator(atPath: path) {
                for case let relative as String in walker where relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") {
                    found.append(Paths.join(path, relative))
                }
            }
            files += found.sorted()
        }
        return files
    }

    /// A problem that a check made above the scenario layer found in a loaded scenario.
    public struct Finding: Sendable {
        public var location: Location
        public var message: String
        public var expected: String?

        public init(location: Location, message: String, expected: String? = nil) {
            self.location = location
            self.message = message
            self.expected = expected
        }
    }

    /// A check that needs knowledge this layer lacks (which metrics each entity kind
    /// reports lives with the experiments): it runs on the base scenario and on each
    /// policy's, and its findings become located diagnostics like the loader's own.
    public typealias Check = @Sendable (Scenario) -> [Finding]

    /// Validates every scenario under `paths`.
    public static func validate(paths: [String], checks: [Check] = []) throws(UsageError) -> Report {
        let files = try scenarioFiles(in: paths)
        var report = Report(files: files, diagnostics: [], invalidFiles: [])
        for file in files {
            let diagnostics = validate(file: file, checks: checks)
            report.diagnostics += diagnostics
            if diagnostics.contains(where: { $0.severity == .error }) { report.invalidFiles.append(file) }
        }
        return report
    }

    /// Loads one file, then the file under each of its policies; the diagnostics of all
    /// those loads, without repeats.
    public static func validate(file: String, overrides: [Override] = [], checks: [Check] = []) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        do {
            let base = try ScenarioLoader.load(path: file, overrides: overrides)
            diagnostics += CalibrationCheck.problems(base, file: file, overrides: overrides)
            diagnostics += checks.flatMap { $0(base) }.map(located)
        } catch {
            return error.diagnostics
        }
        let policies = (try? ScenarioLoader.policyNames(path: file)) ?? []
        for policy in policies {
            let found: [Diagnostic]
            do {
                let scenario = try ScenarioLoader.load(path: file, overrides: overrides, policy: policy)
                found = checks.flatMap { $0(scenario) }.map(located)
            } catch {
                found = error.diagnostics
            }
            for d in found where !diagnostics.contains(d) {
                diagnostics.append(Diagnostic(location: d.location, severity: d.severity,
                                              message: "with policy `\(policy)`: \(d.message)",
                                              expected: d.expected, sourceLine: d.sourceLine))
            }
        }
        return diagnostics
    }

    /// A finding as a diagnostic showing its source line, read from the file it names.
    static func located(_ finding: Finding) -> Diagnostic {
        var sources = SourceSet()
        if case .success(let source) = SourceReader.read(path: finding.location.file, displayName: finding.location.file) {
            sources.add(source)
        }
        return sources.diagnostic(finding.location, finding.message, expected: finding.expected)
    }
}
