import Foundation

/// report.html: one self-contained page built from the CSV files of a run folder.
///
/// Built from the files, not from memory, so `affluence report DIR` can rebuild it and so
/// the page never shows a figure the CSV does not hold. Self-contained: inline CSS and SVG,
/// no script, no font, no URL, so it opens offline and archives as one file. Deterministic:
/// the same folder gives the same bytes (no timestamp).
public enum ReportPage {
    /// Builds the page from the folder's timeseries.csv, summary.csv, comparison.csv,
    /// sweep.csv and manifest.json, whichever exist.
    ///
    /// - Parameter title: the page title; defaults to "Affluence report — <scenario>".
    /// - Throws: `OutputError` when the folder holds none of the CSV files, `CSVError` when
    ///   one cannot be read.
    public static func build(folder: URL, title: String? = nil) throws -> String {
        let file = { (name: String) -> URL? in
            let url = folder.appendingPathComponent(name)
            return FileManager.default.fileExists(atPath: url.path) ? url : nil
        }
        let manifest = try file(RunFolder.manifestFile).map { url in
            try Manifest.decode(Array(try Data(contentsOf: url)), path: url.path)
        }
        let digest = try file(CSVSchema.timeseriesFile).map { try TimeseriesDigest(contentsOf: $0) }
        let summary = try file(CSVSchema.summaryFile).map { try CSVReader.table(at: $0) }
        let comparison = try file(CSVSchema.comparisonFile).map { try CSVReader.table(at: $0) }
        let sweep = try file(CSVSchema.sweepFile).map { try CSVReader.table(at: $0) }
        guard digest != nil || summary != nil || comparison != nil || sweep != nil else {
            throw OutputError(
                path: folder.path,
                message: "no timeseries.csv, summary.csv, comparison.csv or sweep.csv (expected a run folder)")
        }
        var page = ReportHTML()
        let scenario = manifest?.scenarioName ?? digest?.scenarios.first
            ?? summary?.records.first?.text("scenario") ?? folder.lastPathComponent
        let heading = title ?? "Affluence report — \(scenario)"
        page.open(title: heading)
        page.facts(runFacts(manifest: manifest, digest: digest, summary: summary, scenario: scenario))
        page.note(howToRead)

        var units: [String: String] = [:]
        for record in summary?.records ?? [] {
            if let metric = record.text("metric"), let unit = record.text("unit"), units[metric] == nil {
                units[metric] = unit
            }
        }
        if let digest {
            try timeseriesSection(digest, units: units, into: &page)
        }
        if let summary {
            page.heading("Summary", level: 2)
            page.note("Mean over replications with the half-width of its 95% confidence interval (Student t), from summary.csv.")
            page.table(summaryTable(summary))
        }
        if let comparison {
            try comparisonSection(comparison, into: &page)
        }
        if let sweep {
            try sweepSection(sweep, into: &page)
        }
        page.close()
        return page.text
    }

    static let howToRead = """
        How to read: each chart follows one platform, server pool, segment or attack over \
        the day (time of day on the horizontal axis, one point per report interval). Lines \
        are the mean over replications; the shaded band, when present, spans the lowest to \
        the highest replication. Series differ by dash pattern as well as colour. A platform \
        saturates where active sessions meet the session cap while demand stays above it; \
        refusals and attempts per success then rise as users retry. Figures come from the \
        CSV files next to this page.
        """

    static func runFacts(
        manifest: Manifest?, digest: TimeseriesDigest?, summary: CSVTable?, scenario: String
    ) -> [(String, String)] {
        var facts: [(String, String)] = [("Scenario", scenario)]
        if let manifest {
            facts.append(("Scenario file", manifest.scenarioPath))
            facts.append(("Policy", manifest.policies.joined(separator: ", ")))
            facts.append(("Seed", String(manifest.seed)))
            facts.append(("Replications", String(manifest.replications)))
            if !manifest.overrides.isEmpty {
                facts.append(("Overrides", manifest.overrides.joined(separator: "; ")))
            }
            facts.append(("Affluence", manifest.affluenceVersion))
        } else {
            let policies = digest?.policies
                ?? summary.map { table in
                    var seen: [String] = []
                    for record in table.records {
                        if let policy = record.text("policy"), !seen.contains(policy) { seen.append(policy) }
                    }
                    return seen
                } ?? []
            if !policies.isEmpty { facts.append(("Policy", policies.joined(separator: ", "))) }
            if let digest, !digest.replications.isEmpty {
                facts.append(("Replications", String(digest.replications.count)))
            }
        }
        return facts
    }

    static func timeseriesSection(
        _ digest: TimeseriesDigest, units: [String: String], into page: inout ReportHTML
    ) throws {
        let figures = ReportTimeseries.figures(digest, units: units)
        guard !figures.isEmpty else { return }
        page.heading("Over the day", level: 2)
        var current: TimeseriesDigest.EntityKey?
        for figure in figures {
            if figure.entity != current {
                page.heading("\(figure.entity.kind) \(figure.entity.id)", level: 3)
                current = figure.entity
            }
            let caption = digest.replications.count > 1
                ? "Mean of \(digest.replications.count) replications; band: min–max across replications."
                : "One replication."
            page.figure(.line(figure.chart), caption: caption)
        }
    }

    static func summaryTable(_ summary: CSVTable) -> (header: [String], rows: [[String]]) {
        let header = ["policy", "entity", "metric", "unit", "mean", "± 95% CI", "sd", "replications"]
        let rows = summary.records.map { record -> [String] in
            let number = { (column: String) in record.number(column).map { SVGText.figure($0, digits: 4) } ?? "–" }
            return [
                record.text("policy") ?? "",
                "\(record.text("entity_kind") ?? "") \(record.text("entity_id") ?? "")",
                record.text("metric") ?? "", record.text("unit") ?? "",
                number("mean"), number("ci95_half_width"), number("sd"),
                record.number("replications").map { String(Int($0)) } ?? "",
            ]
        }
        return (header, rows)
    }

    static func comparisonSection(_ table: CSVTable, into page: inout ReportHTML) throws {
        let groups = try ReportComparison.groups(table)
        guard !groups.isEmpty else { return }
        page.heading("Policy comparison", level: 2)
        page.note(ReportComparison.note)
        for group in groups {
            page.heading("\(group.metric) — \(group.entityKind) \(group.entityID)", level: 3)
            for chart in ReportComparison.charts(group) {
                page.figure(chart, caption: nil)
            }
        }
        let header = ["policy", "metric", "entity", "unit", "mean", "± 95% CI", "diff vs baseline", "± 95% CI", "rank"]
        let rows = groups.flatMap { group in
            group.entries.map { entry -> [String] in
                let figure = { (value: Double?) in value.map { SVGText.figure($0, digits: 4) } ?? "–" }
                return [
                    entry.policy, group.metric, "\(group.entityKind) \(group.entityID)", entry.unit,
                    figure(entry.mean), figure(entry.halfWidth), figure(entry.diff),
                    figure(entry.diffHalfWidth), entry.rank.map { String(Int($0)) } ?? "–",
                ]
            }
        }
        page.table((header, rows))
    }

    static func sweepSection(_ table: CSVTable, into page: inout ReportHTML) throws {
        let (parameters, maps) = try ReportSweep.maps(table)
        guard !maps.isEmpty else { return }
        page.heading("Sweep", level: 2)
        var note = "Each cell is the mean over replications at one sweep point; darker is higher."
        if parameters.count > 2 {
            note += " Only the first two varied parameters are drawn; each cell averages over "
                + parameters.dropFirst(2).joined(separator: ", ") + "."
        }
        page.note(note)
        for map in maps {
            page.figure(.heatMap(map.chart), caption: nil)
        }
    }
}
