import Foundation

/// The report's "Over the plausible set" section, from ensemble.csv or
/// ensemble-comparison.csv (docs/ensemble.md), and the same sentences for stdout: answers
/// that carry the parameter uncertainty, "saturates between 07:35 and 08:10 in 90% of
/// plausible worlds", "P2 beats P1 in 97% of plausible worlds".
///
/// The interval of a figure is the 5th to 95th percentile of its per-world means, so it
/// holds 90% of the worlds that have the figure; the share stated is 90% of those worlds'
/// share of all (a world where the platform never saturates has no onset).
public enum ReportEnsemble {
    /// One sentence per platform (per pool in a model without platforms) over the plausible
    /// set: when it saturates, and which of the two kinds of saturation it suffers, server
    /// overload or admission refusal (docs/csv-format.md, "Saturation: overload and
    /// refusal"), each with its own range, and the share of the day it is saturated.
    public static func runSentences(_ rows: [EnsembleRow], name: (EntityKind, String) -> String = { $1 },
                                    language t: ReportLanguage = .en) -> [String] {
        let fr = t == .fr
        let onsets = rows.filter { $0.metric == "saturation_onset_clock_s" }
        let platforms = onsets.filter { $0.entityKind == .platform }
        var lines: [String] = []
        for row in platforms.isEmpty ? onsets : platforms {
            let own = rows.filter { $0.entityKind == row.entityKind && $0.entityID == row.entityID }
            let figure = { (metric: String) in own.first { $0.metric == metric } }
            let label = name(row.entityKind, row.entityID)
            guard row.membersWithValue > 0 else {
                lines.append(fr ? "\(label) ne sature dans aucun des \(row.members) mondes plausibles."
                                : "\(label) does not saturate in any of the \(row.members) plausible worlds.")
                continue
            }
            var parts = [onsetRange(row, fr ? "sature" : "saturates", language: t)]
            if row.entityKind == .platform {
                if let overload = figure("overload_onset_clock_s") {
                    parts.append(onsetRange(overload, fr ? "surcharge des serveurs" : "server overload", language: t))
                }
                if let refusal = figure("refusal_onset_clock_s") {
                    parts.append(onsetRange(refusal, fr ? "refus à l'admission" : "admission refusal", language: t))
                }
            }
            if let share = figure("saturated_share"), let low = share.betweenP05, let high = share.betweenP95 {
                let (a, b) = (ValueFormat.percent(low, decimals: 0, language: t), ValueFormat.percent(high, decimals: 0, language: t))
                let median = ValueFormat.percent(share.betweenP50 ?? low, decimals: 0, language: t)
                parts.append(row.members == 1 ? (fr ? "saturée \(median) de la journée" : "saturated \(median) of the day")
                                              : (fr ? "saturée \(a) à \(b) de la journée" : "saturated \(a) to \(b) of the day"))
            }
            lines.append("\(label): " + parts.joined(separator: "; ") + ".")
        }
        return lines
    }

    /// "saturates between 07:35 and 08:10 in 90% of plausible worlds (median 07:48), never in
    /// 2 of 20": the 5–95% range of the per-world means of an onset, or "never" in every world.
    static func onsetRange(_ row: EnsembleRow, _ what: String, language t: ReportLanguage) -> String {
        let fr = t == .fr
        guard row.membersWithValue > 0, let low = row.betweenP05, let high = row.betweenP95, let median = row.betweenP50 else {
            return fr ? "\(what) : jamais (\(row.members) mondes)" : "\(what): never (\(row.members) worlds)"
        }
        let (a, b, m) = (ValueFormat.clock(low), ValueFormat.clock(high), ValueFormat.clock(median))
        // One world has no spread to state: its own mean.
        if row.members == 1 { return fr ? "\(what) à \(m) dans le seul monde plausible" : "\(what) at \(m) in the one plausible world" }
        let share = ValueFormat.percent(0.9 * Double(row.membersWithValue) / Double(max(1, row.members)), decimals: 0, language: t)
        var text = fr ? "\(what) entre \(a) et \(b) dans \(share) des mondes plausibles (médiane \(m))"
                      : "\(what) between \(a) and \(b) in \(share) of plausible worlds (median \(m))"
        let never = row.members - row.membersWithValue
        if never > 0 { text += fr ? ", jamais dans \(never) sur \(row.members)" : ", never in \(never) of \(row.members)" }
        return text
    }

    /// Sentences about each policy against the baseline over the plausible set.
    public static func compareSentences(_ rows: [EnsembleComparisonRow], language t: ReportLanguage = .en) -> [String] {
        let fr = t == .fr
        return rows.map { row in
            let kind = ValueFormat.kind(ofMetric: row.metric, unit: row.unit)
            let figure = "\(row.metric)@\(row.entityID)"
            let range = [row.diffP05, row.diffP95].map { $0.map { ValueFormat.difference($0, kind: kind, language: t) } ?? "–" }
            let median = row.diffP50.map { ValueFormat.difference($0, kind: kind, language: t) } ?? "–"
            guard let share = row.shareBetter else {
                return fr
                    ? "\(row.policy) − \(row.baseline) sur \(figure) : de \(range[0]) à \(range[1]) dans 90 % des mondes plausibles (médiane \(median))."
                    : "\(row.policy) − \(row.baseline) on \(figure): \(range[0]) to \(range[1]) in 90% of plausible worlds (median \(median))."
            }
            let pct = ValueFormat.percent(share, decimals: 0, language: t)
            // Censored figures (never saturated) can leave no world with a difference.
            let spread = row.diffP05 == nil ? ""
                : fr ? " (écart de \(range[0]) à \(range[1]), médiane \(median))" : " (difference \(range[0]) to \(range[1]), median \(median))"
            return fr
                ? "\(row.policy) fait mieux que \(row.baseline) sur \(figure) dans \(pct) des mondes plausibles\(spread)."
                : "\(row.policy) beats \(row.baseline) on \(figure) in \(pct) of plausible worlds\(spread)."
        }
    }

    /// The section, when the folder holds an ensemble file (the files the manifest lists, as
    /// ``ReportInputs`` reads them); nothing otherwise.
    static func section(folder: URL, manifest: Manifest?, names: ReportNames, into page: inout ReportHTML,
                        language t: ReportLanguage) throws {
        let run = try table(CSVSchema.ensembleFile, folder: folder, manifest: manifest).map { try $0.records.map(EnsembleRow.init) }
        let compare = try table(CSVSchema.ensembleComparisonFile, folder: folder, manifest: manifest)
            .map { try $0.records.map(EnsembleComparisonRow.init) }
        guard run != nil || compare != nil else { return }
        let fr = t == .fr
        page.heading(fr ? "Sur l'ensemble plausible" : "Over the plausible set", level: 2, anchor: "ensemble")
        page.note(fr
            ? "Chaque monde plausible est un jeu de paramètres retenu par le calibrage (plausible.csv), simulé sur les mêmes nombres aléatoires que les autres. Les intervalles vont du 5e au 95e centile des moyennes par monde : ils portent l'incertitude sur les paramètres, en plus du bruit d'une simulation à l'autre."
            : "Each plausible world is a parameter set the calibration kept (plausible.csv), run on the same random numbers as the others. Ranges run from the 5th to the 95th percentile of the per-world means: they carry the parameter uncertainty as well as the run-to-run noise.")
        if let rows = run {
            page.list(runSentences(rows, name: { names($0.rawValue, $1) }, language: t))
            page.openDetails(summary: fr ? "Tous les chiffres sur l'ensemble" : "Every figure over the plausible set")
            page.table((header: fr ? ["entité", "mesure", "moyenne ± IC 95 %", "mondes", "5e centile", "médiane", "95e centile"]
                                   : ["entity", "metric", "mean ± 95% CI", "worlds", "5th percentile", "median", "95th percentile"],
                        rows: rows.map { row in
                            let kind = ValueFormat.kind(ofMetric: row.metric, unit: row.unit)
                            let cell = { (x: Double?) in x.map { ValueFormat.value($0, kind: kind, language: t) } ?? "–" }
                            let ci = row.ci95HalfWidth.map { " ± " + ValueFormat.spread($0, kind: kind, language: t) } ?? ""
                            return [names(row.entityKind.rawValue, row.entityID), row.metric, cell(row.mean) + ci,
                                    "\(row.membersWithValue)/\(row.members)", cell(row.betweenP05), cell(row.betweenP50), cell(row.betweenP95)]
                        }))
            page.closeDetails()
        }
        if let rows = compare {
            page.list(compareSentences(rows, language: t))
            page.openDetails(summary: fr ? "Tableau" : "Table")
            page.table((header: fr ? ["mesure", "politique", "mieux que la référence", "écart 5e centile", "écart médian", "écart 95e centile"]
                                   : ["metric", "policy", "better than baseline", "difference 5th percentile", "median difference", "difference 95th percentile"],
                        rows: rows.map { row in
                            let kind = ValueFormat.kind(ofMetric: row.metric, unit: row.unit)
                            let cell = { (x: Double?) in x.map { ValueFormat.difference($0, kind: kind, language: t) } ?? "–" }
                            return ["\(row.metric)@\(row.entityID)", row.policy,
                                    row.shareBetter.map { ValueFormat.percent($0, decimals: 0, language: t) } ?? "–",
                                    cell(row.diffP05), cell(row.diffP50), cell(row.diffP95)]
                        }))
            page.closeDetails()
        }
    }

    /// The file, read strictly, when the manifest lists it (it must then exist) or, without
    /// a list, when it is there.
    static func table(_ name: String, folder: URL, manifest: Manifest?) throws -> CSVTable? {
        let url = folder.appendingPathComponent(name)
        let exists = FileManager.default.fileExists(atPath: url.path)
        if let listed = manifest?.files, !listed.isEmpty {
            guard listed.contains(name) else { return nil }
            guard exists else {
                throw OutputError(path: url.path, message: "missing (expected it: manifest.json lists \(name) among the run's files)")
            }
        } else if !exists {
            return nil
        }
        return try CSVReader.table(at: url, dialect: manifest.flatMap { CSVDialect(name: $0.csvDialect) },
                                   format: CSVFileFormat.of(fileName: name),
                                   limit: manifest?.fileDigests?[name]?.bytes ?? ReadLimits.recordedFileBytes)
    }
}
