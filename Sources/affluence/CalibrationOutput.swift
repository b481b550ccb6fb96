import Experiments
import Foundation
import Output
import Scenario

/// The files of a calibration folder (docs/calibration.md, "Outputs"):
/// - waves.csv: every point run, its parameter values, each observation's mean,
///   simulation sd and implausibility, and whether it is plausible;
/// - plausible.csv: the same columns for the surviving points only (what `--ensemble` reads);
/// - calibration.json: the kept ranges, each wave's share of the space ruled out, which
///   observations ruled out the most, and each holdout's prediction;
/// - report.html: the kept ranges and pairwise scatter plots of the plausible points;
/// - manifest.json, last (the folder's seal).
enum CalibrationOutput {
    static let wavesFile = "waves.csv"
    static let plausibleFile = "plausible.csv"
    static let summaryFile = "calibration.json"

    /// The header of waves.csv and plausible.csv: the parameters are named by their paths
    /// (what `--ensemble` matches against the model's `calibration:` block).
    static func header(_ result: HistoryMatching.Result) -> [String] {
        ["wave", "point"] + result.parameters.map(\.name) + ["plausible", "max_implausibility"]
            + result.observations.flatMap { ["\($0.id)_mean", "\($0.id)_sim_sd", "\($0.id)_implausibility"] }
    }

    static func record(_ point: HistoryMatching.Point) -> [CSVField] {
        [.integer(point.wave), .integer(point.index)] + point.values.map(CSVField.number)
            + [.integer(point.plausible ? 1 : 0), .number(point.maxImplausibility)]
            + point.readings.flatMap { [.number($0.mean), .number($0.variance.squareRoot()), .number($0.implausibility)] }
    }

    static func write(_ result: HistoryMatching.Result, model: String, scenario: Scenario, folder url: URL, dialect: CSVDialect,
                      commandLine: [String], seed: UInt64, language: ReportLanguage) throws -> [String] {
        var folder = try RunFolder(url: url, dialect: dialect, clockOrigin: ClockTime(secondsOfDay: scenario.start))
        let header = header(result)
        try folder.write(wavesFile, bytes: CSVWriter.encode(header: header, records: result.points.map(record), dialect: dialect))
        try folder.write(plausibleFile, bytes: CSVWriter.encode(header: header, records: result.plausible.map(record), dialect: dialect))
        try folder.write(summaryFile, bytes: Array((summary(result, scenario: scenario).rendered() + "\n").utf8))
        try folder.write(RunFolder.reportFile, bytes: Array(page(result, scenario: scenario, language: language).html.utf8))
        let manifest = Manifest(
            affluenceVersion: AffluenceVersion.current, commandLine: commandLine, scenarioPath: model,
            scenarioSHA256: (try? SHA256.hex(ofFileAt: URL(fileURLWithPath: model))) ?? "", scenarioName: scenario.name,
            overrides: scenario.overrides.map(\.description), policies: [scenario.policy ?? "base"], seed: seed,
            replications: result.settings.replications,
            streamDerivation: "common random numbers: replication r of every point of every wave uses substream r of every source's stream",
            replicationStreams: (0..<result.settings.replications).map { .init(replication: $0 + 1, stream: "substream \($0) of every source's stream, every point") },
            csvDialect: dialect.name)
        try folder.writeManifest(manifest)
        return folder.written
    }

    /// calibration.json.
    static func summary(_ result: HistoryMatching.Result, scenario: Scenario) -> JSONText {
        let kept = result.keptRanges
        let parameters = result.parameters.indices.map { d -> JSONText in
            let p = result.parameters[d]
            return .object([
                // `path`: the parameter's name (its path, or its `id` when it scales several paths).
                ("path", .string(p.name)), ("sets", .array(p.paths.map { .string($0) })),
                ("label", .string(p.label ?? p.name)), ("unit", .string(p.clock ? "clock" : p.unit)),
                ("scale", .string(p.scale.rawValue)), ("low", .number(p.low)), ("high", .number(p.high)),
                ("kept_low", .figure(kept[d]?.lowerBound)), ("kept_high", .figure(kept[d]?.upperBound)),
                ("kept_share_of_range", .figure(kept[d].map { ($0.upperBound - $0.lowerBound) / (p.high - p.low) })),
            ])
        }
        var previous = 1.0
        let waves = result.waves.map { wave -> JSONText in
            defer { previous = wave.remaining }
            return .object([
                ("wave", .integer(Int64(wave.number))), ("points", .integer(Int64(wave.points))),
                ("plausible", .integer(Int64(wave.plausible))),
                ("box", .array(wave.box.map { .array([.number($0.lowerBound), .number($0.upperBound)]) })),
                ("share_ruled_out_by_wave", .number(previous - wave.remaining)),
                ("share_ruled_out_so_far", .number(1 - wave.remaining)),
                ("estimate_from", .string(wave.emulated ? "emulators" : "simulated points")),
                ("emulator_check", wave.emulatorCheck.map { check in
                    .object([("predictions", .integer(Int64(check.predictions))), ("within_3_sd", .integer(Int64(check.within3SD)))])
                } ?? .null),
            ])
        }
        let observations = result.observations.indices.map { k -> JSONText in
            let o = result.observations[k]
            var members: [(String, JSONText)] = [
                ("id", .string(o.id)), ("role", .string(o.role.rawValue)), ("metric", .string(o.metric)),
                ("entity", o.entity.map(JSONText.string) ?? .null), ("value", .number(o.value)),
                ("sd", .number(o.sd.sd(of: o.value))), ("discrepancy_sd", .number(o.discrepancy.sd(of: o.value))),
                ("single_day", .bool(o.singleDay)), ("source", o.source.map(JSONText.string) ?? .null),
            ]
            switch o.role {
            case .fit:
                let (count, alone) = result.ruledOut(by: k)
                members += [("points_ruled_out", .integer(Int64(count))), ("points_ruled_out_alone", .integer(Int64(alone)))]
            case .holdout:
                let prediction = result.prediction(of: k)
                members += [("predicted_low", .figure(prediction?.low)), ("predicted_high", .figure(prediction?.high)),
                            ("smallest_implausibility", .figure(prediction?.smallestImplausibility)),
                            ("reproduced", prediction.map { .bool($0.smallestImplausibility <= result.settings.cutoff) } ?? .null)]
            }
            return .object(members)
        }
        let stop: String
        switch result.stop {
        case .allWaves: stop = "all waves run"
        case .nothingNewRuledOut(let wave): stop = "wave \(wave) ruled out nothing new"
        case .nothingSurvives: stop = "no point is plausible"
        }
        return .object([
            ("format_version", .integer(1)), ("command", .string("calibrate")), ("scenario", .string(scenario.name)),
            ("rule", .string("a point is plausible when max over fit observations of I_k ≤ \(CalibrationParameter.format(result.settings.cutoff)), I_k = |z_k − mean_k(x)| / sqrt(Var_obs + Var_disc + Var_sim(x)/R [+ Var_sim(x) for single_day])")),
            ("points_per_wave", .integer(Int64(result.settings.points))), ("replications", .integer(Int64(result.settings.replications))),
            ("points_run", .integer(Int64(result.points.count))), ("points_plausible", .integer(Int64(result.plausible.count))),
            ("stopped", .string(stop)),
            ("parameters", .array(parameters)), ("waves", .array(waves)), ("observations", .array(observations)),
        ])
    }

    /// The report page's figures.
    static func page(_ result: HistoryMatching.Result, scenario: Scenario, language: ReportLanguage) -> CalibrationReport {
        let fr = language == .fr
        let kept = result.keptRanges
        let parameters = result.parameters.indices.map { d in
            let p = result.parameters[d]
            return CalibrationReport.Parameter(name: p.label ?? p.name, low: p.low, high: p.high, kept: kept[d], unit: p.clock ? "s" : p.unit)
        }
        var previous = 1.0
        let waveRows = result.waves.map { wave -> [String] in
            defer { previous = wave.remaining }
            return ["\(wave.number)", "\(wave.points)", "\(wave.plausible)",
                    String(format: "%.1f %%", (previous - wave.remaining) * 100), String(format: "%.1f %%", (1 - wave.remaining) * 100)]
        }
        let observationRows = result.observations.indices.map { k -> [String] in
            let o = result.observations[k]
            let entity = o.entity.map { "\(o.metric)[\($0)]" } ?? o.metric
            switch o.role {
            case .fit:
                let (count, alone) = result.ruledOut(by: k)
                return [o.id, "fit", entity, CalibrationParameter.format(o.value),
                        fr ? "écarte \(count) points (\(alone) à elle seule)" : "rules out \(count) points (\(alone) alone)"]
            case .holdout:
                guard let p = result.prediction(of: k) else { return [o.id, "holdout", entity, CalibrationParameter.format(o.value), "—"] }
                let inside = p.smallestImplausibility <= result.settings.cutoff
                return [o.id, "holdout", entity, CalibrationParameter.format(o.value),
                        "\(CalibrationParameter.format(p.low)) – \(CalibrationParameter.format(p.high)); "
                            + (inside ? (fr ? "reproduite" : "reproduced") : (fr ? "NON reproduite" : "NOT reproduced"))]
            }
        }
        let plausible = result.plausible.count
        let verdict = plausible == 0
            ? (fr ? "Aucun point n'est plausible : le modèle ne reproduit pas les observations dans leur incertitude."
                  : "No point is plausible: the model does not reproduce the observations within their uncertainty.")
            : (fr ? "\(plausible) points plausibles sur \(result.points.count) simulés, en \(result.waves.count) vagues."
                  : "\(plausible) plausible points of \(result.points.count) run, in \(result.waves.count) waves.")
        return CalibrationReport(
            title: (fr ? "Calibrage : " : "Calibration: ") + scenario.name,
            facts: [(fr ? "Règle" : "Rule", "max_k I_k ≤ \(CalibrationParameter.format(result.settings.cutoff))"),
                    (fr ? "Points par vague" : "Points per wave", "\(result.settings.points)"),
                    (fr ? "Réplications par point" : "Replications per point", "\(result.settings.replications)")],
            verdict: verdict, parameters: parameters,
            waves: (header: fr ? ["vague", "points", "plausibles", "écarté par la vague", "écarté au total"]
                               : ["wave", "points", "plausible", "ruled out by the wave", "ruled out so far"], rows: waveRows),
            observations: (header: fr ? ["observation", "rôle", "mesure", "valeur", "effet"] : ["observation", "role", "metric", "value", "effect"],
                           rows: observationRows),
            points: result.points.map { .init(values: $0.values, maxImplausibility: $0.maxImplausibility, plausible: $0.plausible) },
            cutoff: result.settings.cutoff, language: language)
    }
}
