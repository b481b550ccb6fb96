import ArgumentParser
import Experiments
import Foundation
import Output
import Scenario

/// `affluence calibrate MODEL`: history matching on the model's `calibration:` parameters
/// against its `observations:` (docs/calibration.md). Parse, call ``HistoryMatching``, write
/// the folder (``CalibrationOutput``), print.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Rule out the parameter values that cannot reproduce the observations (history matching); keep every one that can.",
        discussion: """
            Waves of Latin hypercube designs over the model's `calibration:` parameters, each point \
            simulated --replications times on common random numbers. A point is plausible when every \
            `fit` observation k has I_k = |z_k − mean_k| / sqrt(Var_obs + Var_disc + Var_sim/R) ≤ 3; \
            `holdout` observations never rule anything out, and their prediction by the plausible set \
            is reported. Writes waves.csv, plausible.csv (for --ensemble), calibration.json and report.html.
            Exit status: 0 when some points are plausible, 1 when none is, 64 on usage errors.
            """)

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var policyOption: PolicyOption
    @Option(help: "At most this many waves (fewer when a wave rules out nothing new).") var waves = 4
    @Option(help: "Points per wave (default: 10 per parameter, at least 20).") var points: Int?
    @OptionGroup var replication: ReplicationOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        // Bounds that keep a wave's designs and emulator candidates (100 per point) in memory.
        if !(1...100).contains(waves) { throw ValidationError("--waves must be from 1 to 100 (got \(waves))") }
        if let points, !(2...10_000).contains(points) { throw ValidationError("--points must be from 2 to 10000 (got \(points))") }
        try replication.require(atLeast: 2, for: "for the simulation's own variance at each point")
    }

    func run() throws {
        let model = scenario.model
        let base = try scenario.load(policy: policyOption.policy)
        // The blocks `validate` checks (each parameter at both bounds, each observation's
        // metric and window): a calibration never starts on a model validate refuses.
        let problems = ScenarioValidator.validate(file: model, overrides: scenario.overrides, checks: ModelChecks.all)
            .filter { $0.severity == .error }
        if !problems.isEmpty { throw CommandFailure(problems.map(\.description).joined(separator: "\n")) }

        let seed = replication.seed ?? base.seed
        let settings = HistoryMatching.Settings(
            waves: waves, points: points ?? max(20, 10 * base.calibration.count),
            replications: replication.replications ?? max(2, base.replications), jobs: replication.jobs,
            seed: replication.seed, designSeed: seed)
        let clock = ContinuousClock()
        let started = clock.now
        let progress = output.showsProgress ? CalibrationProgress(waves: settings.waves) : nil
        var report: (@Sendable (Int, Int, Int) -> Void)? = nil
        if let progress { report = { wave, done, total in progress.report(wave: wave, done: done, total: total) } }
        let (options, policy) = (scenario, policyOption.policy)
        let load: ([Override]) throws -> Scenario = { point in try options.load(policy: policy, extra: point) }
        let result: HistoryMatching.Result
        do {
            result = try HistoryMatching.run(base, settings: settings, load: load, progress: report)
        } catch {
            throw CommandFailure("\(model): \(error)")
        }
        progress?.finish()
        let seconds = (clock.now - started).seconds
        let folder = output.folder(default: "runs/\(scenario.name)-calibration")
        let written = try CalibrationOutput.write(result, model: model, scenario: base, folder: folder, dialect: output.csvDialect,
                                                  commandLine: CommandLine.arguments, seed: seed, language: output.lang)
        if output.json {
            print(CalibrationOutput.summary(result, scenario: base).rendered())
        } else if !output.quiet {
            print(CalibrationText(result: result, seconds: seconds).text)
            print("wrote \(written.joined(separator: ", ")) in \(folder.path)")
        }
        if result.plausible.isEmpty {
            FileHandle.standardError.write(Data((CalibrationText(result: result, seconds: seconds).nothingSurvives + "\n").utf8))
            throw ExitCode(1)
        }
    }
}

/// `calibrate`'s progress on stderr: the wave, the runs done and the time the wave has left.
final class CalibrationProgress: @unchecked Sendable {
    private let waves: Int
    private let lock = NSLock()
    private var waveStarted = Date()
    private var currentWave = 0

    init(waves: Int) { self.waves = waves }

    func report(wave: Int, done: Int, total: Int) {
        lock.lock()
        defer { lock.unlock() }
        if wave != currentWave { currentWave = wave; waveStarted = Date() }
        let elapsed = Date().timeIntervalSince(waveStarted)
        let left = done > 0 ? elapsed / Double(done) * Double(total - done) : 0
        FileHandle.standardError.write(Data(String(format: "\rcalibrate: wave %d of at most %d, %d/%d runs, about %.0f s left in this wave   ",
                                                   wave, waves, done, total, left).utf8))
    }

    func finish() { FileHandle.standardError.write(Data("\n".utf8)) }
}

/// The printed summary: the waves, the kept ranges, what ruled out the most, the holdouts.
struct CalibrationText {
    let result: HistoryMatching.Result
    let seconds: Double

    var text: String {
        let settings = result.settings
        var lines: [String] = []
        let stop: String
        switch result.stop {
        case .allWaves: stop = "all \(settings.waves) waves run"
        case .nothingNewRuledOut(let wave): stop = "stopped after wave \(wave): it ruled out nothing new"
        case .nothingSurvives: stop = "stopped: no point is plausible"
        }
        lines.append(String(format: "History matching: %d points × %d replications per wave, %d points run in %.1f s (%@)",
                            settings.points, settings.replications, result.points.count, seconds, stop))
        var previous = 1.0
        for wave in result.waves {
            let check = wave.emulatorCheck.map { "; the emulators predicted \($0.within3SD) of \($0.predictions) means within 3 sd" } ?? ""
            lines.append(String(format: "  wave %d: %d of %d points plausible; ruled out %.1f%% of the space (%.1f%% so far, estimated from %@)",
                                wave.number, wave.plausible, wave.points, (previous - wave.remaining) * 100, (1 - wave.remaining) * 100,
                                wave.emulated ? "emulators" : "the simulated points") + check)
            previous = wave.remaining
        }
        let kept = result.keptRanges
        lines.append("Kept ranges (\(result.plausible.count) plausible points):")
        for (d, p) in result.parameters.enumerated() {
            let unit = p.clock ? "" : p.unit
            let range = kept[d].map { "\(value(p, $0.lowerBound)) – \(value(p, $0.upperBound))\(unit)" } ?? "none"
            let share = kept[d].map { String(format: " (%.1f%% of the range)", ($0.upperBound - $0.lowerBound) / (p.high - p.low) * 100) } ?? ""
            lines.append("  \(p.label ?? p.name): \(range) of \(value(p, p.low)) – \(value(p, p.high))\(unit)\(share)")
        }
        let fits = result.observations.indices.filter { result.observations[$0].role == .fit }
        lines.append("Fit observations (points ruled out, and ruled out by it alone):")
        for k in fits.sorted(by: { result.ruledOut(by: $0).points > result.ruledOut(by: $1).points }) {
            let o = result.observations[k]
            let (count, alone) = result.ruledOut(by: k)
            lines.append("  \(o.id): \(count) of \(result.points.count) (\(alone) alone)")
        }
        let holdouts = result.observations.indices.filter { result.observations[$0].role == .holdout }
        if !holdouts.isEmpty {
            lines.append("Holdouts (never used to rule out; predicted by the plausible points):")
            for k in holdouts {
                let o = result.observations[k]
                guard let p = result.prediction(of: k) else {
                    lines.append("  \(o.id): observed \(CalibrationParameter.format(o.value)); no plausible point to predict it")
                    continue
                }
                let verdict = p.smallestImplausibility <= result.settings.cutoff ? "reproduced" : "NOT reproduced"
                lines.append("  \(o.id): observed \(CalibrationParameter.format(o.value)), predicted \(CalibrationParameter.format(p.low)) – "
                             + "\(CalibrationParameter.format(p.high)) (smallest implausibility \(String(format: "%.2f", p.smallestImplausibility))): \(verdict)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// What stderr says when every point is implausible: the observations that ruled them out.
    var nothingSurvives: String {
        let fits = result.observations.indices.filter { result.observations[$0].role == .fit }
        let culprits = fits.map { (result.observations[$0].id, result.ruledOut(by: $0).points) }
            .filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }
            .map { "\($0.0) (\($0.1) of \(result.points.count) points)" }
        return "calibrate: no point is plausible; ruled out by " + culprits.joined(separator: ", ")
            + ". Widen the parameter ranges, or revisit these observations' uncertainty and discrepancy."
    }

    private func value(_ p: CalibrationParameter, _ x: Double) -> String {
        p.clock ? ClockTime(secondsOfDay: x).hoursMinutes : CalibrationParameter.format(x)
    }
}
