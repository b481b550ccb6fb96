import ArgumentParser
import Experiments
import Foundation
import Output
import Scenario

/// `affluence check PATH...`: runs every model with its expectations and fingerprint and
/// prints a table of passes and misses. The work is done by ``ModelCheck``; this only
/// hashes (SHA-256 lives in Output), reads and writes `.fingerprint` files, and prints.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run every model's expectations and compare its trajectory with its fingerprint.",
        discussion: """
            Each PATH is a scenario file or a folder searched recursively for *.yaml files. Every \
            model is validated, then run with its declared replications (the base scenario, and each \
            policy an expectation names), and every `expect:` entry is compared with the mean over the \
            replications. A table shows, per model, each expectation (metric, entity, time or window, \
            policy), the expected value, the measured mean ± its 95% interval and PASS, MISS or \
            UNCHECKED or UNDECIDABLE with the reason. The last line is `N passed, M failed`.

            Pass rule: a value with a tolerance passes when |mean − expected| ≤ max(tolerance, \
            half-width of the 99% interval); `tolerance: ci95` when the expected value lies in the 95% \
            interval; `min`/`max` when the mean lies within them. A model without expectations, or one \
            the simulator cannot run yet, is reported UNCHECKED: it does not fail the check, and it is \
            not counted as passed.

            --fast runs at most 5 replications per model (1 when one replication is estimated above 50M \
            events; every declared one when they total at most 10M events), widens tolerances by \
            √(declared/run) × t(95%, run)/t(95%, declared) (√declared with one run), keeps the 99% noise \
            allowance of the replications run, and says so on every line concerned.

            Power: an expectation whose allowed distance (the widened tolerance, the 99% noise allowance \
            or the 95% interval) is wider than its limit is UNDECIDABLE, and fails: a pass would not tell \
            a right simulator from a wrong one. The limit is the expectation's `decidable_within` (an \
            amount, or a share of the value) with any budget; without one, and only under a reduced \
            budget, twice the declared tolerance (for `ci95`, twice the 95% interval the declared \
            replications would give).

            Fingerprints: for each model, replication 0 with the model's seed is reduced to the text \
            of every report interval's series values at 6 significant digits; its SHA-256 is stored \
            next to the model (models/validation/mm1.yaml → models/validation/mm1.fingerprint). The \
            check recomputes it and fails, listing the models, when a trajectory changed. The \
            fingerprint does not depend on --fast or --jobs. After an intended change of behaviour \
            (or a change of the series written), refresh them all on purpose and commit the files:

                affluence check models/ --fast --update-fingerprints

            --junit FILE also writes the verdicts as JUnit XML for CI servers: one testsuite per \
            model file, one testcase per expectation and one for the fingerprint; MISS, UNDECIDABLE \
            and a changed or missing fingerprint are failures, an invalid model or a run error an \
            error, UNCHECKED skipped with its reason (docs/ci.md).

            Exit status: 0 when every check passed, 1 when any failed, 64 on usage errors.
            """
    )

    @Argument(help: "Scenario files or folders.")
    var paths: [String] = []

    @Flag(help: "A reduced replication budget, with tolerances widened accordingly (each line says so).")
    var fast = false

    @Flag(help: "Rewrite every model's .fingerprint file from this build instead of comparing.")
    var updateFingerprints = false

    @Option(help: "Replications run in parallel (default: all cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Leave unchecked (and say so) the models estimated above this many events per replication.")
    var maxEvents: Double?

    @Option(help: ArgumentHelp("Also write the verdicts as JUnit XML to this file (for CI servers).", valueName: "file"),
            completion: .file(extensions: ["xml"]))
    var junit: String?

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one scenario file or folder") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1 (got \(jobs))") }
        if let junit, junit.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("--junit is empty (expected a file path, e.g. --junit report.xml)")
        }
    }

    func run() throws {
        let files: [String]
        do {
            files = try ScenarioValidator.scenarioFiles(in: paths)
        } catch {
            throw ValidationError(error.description)
        }
        let budget = CheckBudget(fast ? .fast : .declared)
        let clock = ContinuousClock()
        let started = clock.now
        emit("affluence check: \(files.count) model file\(files.count == 1 ? "" : "s")"
              + (fast ? ", --fast (reduced budget)" : ", each with its declared replications")
              + (updateFingerprints ? ", rewriting fingerprints" : ""))
        emit(CheckTable.legend(budget: budget))
        var tally = CheckTally()
        var junitReport = JUnitReport()
        for file in files {
            FileHandle.standardError.write(Data("checking \(file)…\n".utf8))
            let report = ModelCheck.run(file: file, budget: budget, jobs: jobs, maxEvents: maxEvents ?? .infinity)
            let status = try fingerprint(report)
            tally.add(report, fingerprint: status)
            junitReport.add(report, fingerprint: status)
            emit("")
            emit(CheckTable.block(report, fingerprint: status))
        }
        let elapsed = clock.now - started
        emit("")
        emit(tally.summary)
        emit(String(format: "  time: %.1f s", Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18))
        emit(tally.finalLine)
        if let junit {
            do {
                try Data(junitReport.xml.utf8).write(to: URL(fileURLWithPath: junit), options: .atomic)
            } catch {
                throw CommandFailure("\(junit): cannot write the JUnit report (expected a writable file path): \(error.localizedDescription)")
            }
        }
        if tally.totalFailed > 0 { throw ExitCode(1) }
    }

    /// Writes a line to stdout at once (unbuffered, so CI logs show each model as it ends).
    private func emit(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Compares the model's fingerprint with the stored one, or writes it.
    private func fingerprint(_ report: ModelCheckReport) throws -> FingerprintStatus {
        guard let text = report.fingerprintText else {
            let reason = report.isInvalid ? "invalid model"
                : report.notSimulated != nil ? "the model was not run: \(report.notSimulated ?? "")" : "the model was not run"
            return .notComputed(reason)
        }
        var hasher = SHA256()
        hasher.update(Array(text.utf8))
        let hash = hasher.hexDigest()
        let path = Fingerprint.path(forModel: report.file)
        let stored = (try? String(contentsOfFile: path, encoding: .utf8)).flatMap(FingerprintRecord.parse)
        if updateFingerprints {
            let record = FingerprintRecord(sha256: hash, seed: report.seed, version: AffluenceVersion.current)
            do {
                try record.render(model: report.file).write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                throw CommandFailure("\(path): cannot write the fingerprint: \(error.localizedDescription)")
            }
            return .written(hash, previous: stored?.sha256)
        }
        guard let stored else { return .missing(now: hash) }
        return stored.sha256 == hash ? .unchanged(hash) : .changed(stored: stored.sha256, now: hash)
    }
}
