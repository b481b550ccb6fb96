import ArgumentParser
import Experiments
import Foundation
import Scenario

/// `--ensemble plausible.csv [--ensemble-size N]`: run over the plausible set a calibration
/// kept instead of the model's own values (docs/ensemble.md).
struct EnsembleOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Run over the plausible set `affluence calibrate` kept (its plausible.csv): every replication of every plausible parameter set, on common random numbers; adds the spread between sets to the CSV and the report.",
                               valueName: "plausible.csv"),
            completion: .file(extensions: ["csv"]))
    var ensemble: String?

    @Option(help: "With --ensemble: a seeded subsample of this many plausible points (default: every one; seed: --seed or the scenario's).")
    var ensembleSize: Int?

    func validate() throws {
        if let ensemble, ensemble.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--ensemble is empty (expected the plausible.csv of a calibration folder)")
        }
        if let ensembleSize {
            if ensemble == nil { throw ValidationError("--ensemble-size needs --ensemble (the plausible.csv to subsample)") }
            if ensembleSize < 1 { throw ValidationError("--ensemble-size must be at least 1 (got \(ensembleSize))") }
        }
    }

    /// The members to run (all, or the seeded subsample), or nil without `--ensemble`.
    func load(for scenario: Scenario, model: String, seed: UInt64) throws -> Ensemble? {
        guard let path = ensemble else { return nil }
        guard !scenario.calibration.isEmpty else {
            throw ValidationError("--ensemble \(path): \(model) has no calibration: block (expected the model whose calibration wrote the file: its parameters name the file's columns)")
        }
        guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("--ensemble \(path): no such file") }
        let set: Ensemble
        do {
            set = try Ensemble.read(URL(fileURLWithPath: path), named: path, parameters: scenario.calibration)
        } catch {
            throw CommandFailure("\(error)")
        }
        return ensembleSize.map { set.subsample($0, seed: seed) } ?? set
    }
}
