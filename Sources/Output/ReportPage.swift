import Foundation

/// report.html: one self-contained page built from the CSV files of a run folder.
///
/// Built from the files, not from memory, so `affluence report DIR` rebuilds the very same
/// bytes later and the page never shows a figure the CSV does not hold. Self-contained:
/// inline CSS and SVG, no script, no font, no URL, so it opens offline and archives as one
/// file. Deterministic: the same files and manifest give the same bytes (no timestamp).
public enum ReportPage {
    /// Builds the page from the folder's timeseries.csv, summary.csv, comparison.csv and
    /// sweep.csv, whichever exist.
    ///
    /// - Parameter manifest: what produced the folder (the run passes the one it is about to
    ///   write; `affluence report` reads manifest.json). Its facts head the page, and when
    ///   it lists files only those CSV files are read.
    /// - Parameter timeseries: the digest of timeseries.csv made while writing it, so the
    ///   run need not read the file back; it must be the file's digest (see
    ///   `TimeseriesDigest.Part`), so the page is the one `affluence report` rebuilds.
    /// - Throws: `OutputError` when the folder holds none of the CSV files or misses one the
    ///   manifest lists, `CSVError` (file, line, column) when one cannot be read.
    public static func build(folder: URL, manifest: Manifest? = nil, timeseries: TimeseriesDigest? = nil) throws -> String {
        let inputs = try ReportInputs(folder: folder, manifest: manifest, timeseries: timeseries)
        let scenario = inputs.scenario(fallback: folder.lastPathComponent)
        var page = ReportHTML()
        page.open(title: title(scenario: scenario, inputs: inputs))
        page.facts(runFacts(inputs, scenario: scenario))
        let groups = inputs.digest.map(ReportTimeseries.groups) ?? []
        page.contents(contents(inputs, groups: groups))
        page.note(howToRead)

        let replications = manifest?.replications ?? inputs.digest.map(\.replications.count)
        if let summary = inputs.summary, let overview = try ReportOverview.table(summary, replications: replications) {
            page.heading("Platforms at a glance", level: 2, anchor: "overview")
            page.note(ReportOverview.note)
            page.table(overview)
        }
        if let digest = inputs.digest {
            timeseriesSection(digest, groups: groups, into: &page)
        }
        if let comparison = inputs.comparison {
            try comparisonSection(comparison, into: &page)
        }
        if let sweep = inputs.sweep {
            try sweepSection(sweep, into: &page)
        }
        if let summary = inputs.summary {
            page.heading("All per-run figures", level: 2, anchor: "summary")
            page.note("Mean over replications with the half-width of its 95% confidence interval (Student t) and the standard deviation, from summary.csv. Clock times are HH:MM, shares are percentages.")
            page.table(try summaryTable(summary))
        }
        page.close()
        return page.text
    }

    /// "Affluence report — <scenario>", with what kind of folder it is.
    static func title(scenario: String, inputs: ReportInputs) -> String {
        var title = "Affluence report — \(scenario)"
        if inputs.comparison != nil {
            title += ": policy comparison"
        } else if inputs.sweep != nil {
            title += ": sweep"
        }
        return title
    }

    static let howToRead = """
        How to read: each chart follows one platform, server pool, segment or attack over \
        the day (time of day on the horizontal axis, one point per report interval, at the \
        interval's start). Lines are the mean over replications; the shaded band, when \
        present, spans the lowest to the highest replication. Series differ by dash pattern \
        as well as colour. A platform saturates where active sessions stop following the \
        wanted sessions (at a session cap, or when its pool is overloaded); users then wait, \
        are refused and retry, so attempts per successful login rise. Figures come from the \
        CSV files next to this page.
        """

    static func runFacts(_ inputs: ReportInputs, scenario: String) -> [(String, String)] {
        var facts: [(String, String)] = [("Scenario", scenario)]
        let policies = inputs.policies
        if let manifest = inputs.manifest {
            facts.append(("Scenario file", manifest.scenarioPath))
        }
        if !policies.isEmpty {
            facts.append((policies.count == 1 ? "Policy" : "Policies", policies.joined(separator: ", ")))
        }
        if let window = inputs.digest?.window {
            facts.append((
                "Clock window",
                ClockTime(secondsOfDay: window.start).hoursMinutes + "–" + ClockTime(secondsOfDay: window.end).hoursMinutes))
        }
        if let interval = inputs.digest?.intervalLength {
            facts.append(("Report interval", ReportChartSpec.duration(interval)))
        }
        if let manifest = inputs.manifest {
            facts.append(("Seed", String(manifest.seed)))
            facts.append(("Replications", String(manifest.replications)))
            if !manifest.overrides.isEmpty {
                facts.append(("Overrides", manifest.overrides.joined(separator: "; ")))
            }
            facts.append(("Affluence", manifest.affluenceVersion))
        } else if let digest = inputs.digest, !digest.replications.isEmpty {
            facts.append(("Replications", String(digest.replications.count)))
        }
        return facts
    }

    /// The page's sections, and under "Over the day" one link per entity.
    static func contents(_ inputs: ReportInputs, groups: [ReportTimeseries.Group]) -> [ReportHTML.ContentsEntry] {
        var entries: [ReportHTML.ContentsEntry] = []
        if inputs.summary != nil { entries.append(.init(anchor: "overview", label: "Platforms at a glance")) }
        if !groups.isEmpty {
            let links = groups.enumerated().map { ReportHTML.ContentsEntry(anchor: entityAnchor($0.offset), label: "\($0.element.entity.kind) \($0.element.entity.id)") }
            entries.append(.init(anchor: "day", label: "Over the day", children: links))
        }
        if inputs.comparison != nil { entries.append(.init(anchor: "comparison", label: "Policy comparison")) }
        if inputs.sweep != nil { entries.append(.init(anchor: "sweep", label: "Sweep")) }
        if inputs.summary != nil { entries.append(.init(anchor: "summary", label: "All per-run figures")) }
        return entries
    }

    /// Anchors by position, not by name: names may hold any character.
    static func entityAnchor(_ index: Int) -> String { "entity-\(index + 1)" }

    static func timeseriesSection(_ digest: TimeseriesDigest, groups: [ReportTimeseries.Group], into page: inout ReportHTML) {
        guard !groups.isEmpty else { return }
        page.heading("Over the day", level: 2, anchor: "day")
        let caption = digest.replications.count > 1
            ? "Mean of \(digest.replications.count) replications; band: min–max across replications."
            : "One replication."
        for (index, group) in groups.enumerated() {
            page.heading("\(group.entity.kind) \(group.entity.id)", level: 3, anchor: entityAnchor(index))
            for figure in group.figures {
                page.figure(.line(figure.chart), caption: figure.note.map { caption + " " + $0 } ?? caption)
            }
            if !group.zeroAllDay.isEmpty {
                page.remark("Zero all day (not drawn): " + group.zeroAllDay.joined(separator: "; ") + ".")
            }
        }
    }

    static func summaryTable(_ summary: CSVTable) throws -> (header: [String], rows: [[String]]) {
        let header = ["policy", "entity", "metric", "unit", "mean", "± 95% CI", "sd", "replications"]
        let rows = try summary.records.map { record -> [String] in
            let metric = record.text("metric") ?? ""
            let unit = record.text("unit")
            let mean = try record.optionalNumber("mean").map { ReportFigures.format($0, metric: metric, unit: unit) } ?? "–"
            let spread = { (column: String) throws -> String in
                try record.optionalNumber(column).map { ReportFigures.spread($0, metric: metric, unit: unit) } ?? "–"
            }
            return [
                record.text("policy") ?? "",
                "\(record.text("entity_kind") ?? "") \(record.text("entity_id") ?? "")",
                metric, metric.hasSuffix("_clock_s") ? "clock" : (unit ?? ""),
                mean, try spread("ci95_half_width"), try spread("sd"),
                try record.optionalNumber("replications").map { String(Int($0)) } ?? "",
            ]
        }
        return (header, rows)
    }

    static func comparisonSection(_ table: CSVTable, into page: inout ReportHTML) throws {
        let groups = try ReportComparison.groups(table)
        guard !groups.isEmpty else { return }
        page.heading("Policy comparison", level: 2, anchor: "comparison")
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
        page.heading("Sweep", level: 2, anchor: "sweep")
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
