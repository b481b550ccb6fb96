import Foundation

/// report.html: one self-contained page built from the CSV files of a run folder.
///
/// Built from the files, not from memory, so `affluence report DIR` rebuilds the very same
/// bytes later and the page never shows a figure the CSV does not hold. Self-contained:
/// inline CSS and SVG, no script, no font, no URL, so it opens offline and archives as one
/// file. Deterministic: the same files and manifest give the same bytes (no timestamp).
///
/// A page for decisions: its first screen is the timeline of every platform (when it was
/// overloaded, when it was refusing) and the answers (when and where saturation started
/// and why, who got in, which policy is best); the per-entity detail follows, collapsed.
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
    /// - Parameter language: the language of the page's text; figures in CSV files and
    ///   metric names stay as they are.
    /// - Throws: `OutputError` when the folder holds none of the CSV files or misses one the
    ///   manifest lists, `CSVError` (file, line, column) when one cannot be read.
    public static func build(
        folder: URL, manifest: Manifest? = nil, timeseries: TimeseriesDigest? = nil, language: ReportLanguage = .en
    ) throws -> String {
        let t = language
        let inputs = try ReportInputs(folder: folder, manifest: manifest, timeseries: timeseries)
        let scenario = inputs.scenario(fallback: folder.lastPathComponent)
        var page = ReportHTML()
        page.open(title: title(scenario: scenario, inputs: inputs, language: t), language: t)
        let replications = manifest?.replications ?? inputs.digest.map(\.replications.count)
        let groups = inputs.digest.map { ReportTimeseries.groups($0, names: inputs.names, language: t) } ?? []

        // First screen: the timeline, then the answers.
        let saturation = try inputs.summary.map { try ReportAnswers.saturation($0, replications: replications, names: inputs.names) } ?? []
        if !saturation.isEmpty {
            page.heading(t.text(.timelineHeading), level: 2, anchor: "timeline")
            page.figure(.timeline(ReportAnswers.timeline(saturation, window: window(inputs, saturation), language: t)), caption: nil)
        }
        var answers = ReportHTML()
        if !saturation.isEmpty {
            answers.list(ReportAnswers.whenAndWhere(saturation, language: t))
        }
        if let summary = inputs.summary, let who = try ReportAnswers.whoGotIn(summary, names: inputs.names, language: t) {
            answers.heading(t.text(.whoGotInHeading), level: 3)
            answers.table(who)
        }
        if let comparison = inputs.comparison {
            let compared = try ReportComparison.groups(comparison)
            let baseline = inputs.baseline(compared)
            answers.heading(t.text(.bestPolicyHeading), level: 3)
            answers.list(ReportComparison.best(compared, names: inputs.names, baseline: baseline, replications: replications, language: t))
            answers.heading(t.text(.policiesHeading), level: 3)
            answers.table(ReportComparison.policyTable(compared, baseline: baseline, language: t))
        }
        if !answers.text.isEmpty {
            page.heading(t.text(.answersHeading), level: 2, anchor: "answers")
            page.append(answers)
        }
        try ReportEnsemble.section(folder: folder, manifest: manifest, names: inputs.names, into: &page, language: t)
        page.note(howToRead(inputs, hasTimeline: !saturation.isEmpty, language: t))

        page.heading(t.text(.aboutHeading), level: 2, anchor: "about")
        page.facts(runFacts(inputs, scenario: scenario, language: t))
        page.contents(contents(inputs, groups: groups, hasTimeline: !saturation.isEmpty, language: t))

        if let summary = inputs.summary, let overview = try ReportOverview.table(summary, replications: replications, names: inputs.names, language: t) {
            page.heading(t.text(.overviewHeading), level: 2, anchor: "overview")
            page.note(t.text(.overviewNote))
            page.table(overview)
        }
        if let digest = inputs.digest {
            timeseriesSection(digest, groups: groups, names: inputs.names, into: &page, language: t)
        }
        if let series = inputs.policySeries {
            let compared = try inputs.comparison.map(ReportComparison.groups) ?? []
            try policyDaySection(
                series, groups: compared, baseline: compared.isEmpty ? nil : inputs.baseline(compared), names: inputs.names,
                replications: replications, into: &page, language: t)
        }
        if let comparison = inputs.comparison {
            try comparisonSection(
                comparison, names: inputs.names, baseline: inputs.baseline(try ReportComparison.groups(comparison)), replications: replications,
                into: &page, language: t)
        }
        if let sweep = inputs.sweep {
            try sweepSection(sweep, into: &page, language: t)
        }
        if let summary = inputs.summary {
            page.heading(t.text(.allFiguresHeading), level: 2, anchor: "summary")
            page.note(t.text(.allFiguresNote))
            page.openDetails(summary: t.text(.showTable))
            page.table(try summaryTable(summary, language: t))
            page.closeDetails()
        }
        page.close()
        return page.text
    }

    /// "Affluence report — <scenario>", with what kind of folder it is.
    static func title(scenario: String, inputs: ReportInputs, language: ReportLanguage) -> String {
        if inputs.comparison != nil { return language.text(.titleComparison, scenario) }
        if inputs.sweep != nil { return language.text(.titleSweep, scenario) }
        return language.text(.titleRun, scenario)
    }

    /// The clock window of the timeline: the time series', else the saturation times' span.
    static func window(_ inputs: ReportInputs, _ rows: [ReportAnswers.Saturation]) -> ClosedRange<Double> {
        if let window = inputs.digest?.window, window.end > window.start { return window.start...window.end }
        let times = rows.flatMap { [$0.overload?.start, $0.overload?.end, $0.refusal?.start, $0.refusal?.end] }.compactMap { $0 }
        let low = ((times.min() ?? 6 * 3600) / 3600).rounded(.down) * 3600
        let high = ((times.max() ?? 20 * 3600) / 3600).rounded(.up) * 3600
        return low...max(high, low + 3600)
    }

    /// The reading guide for what this page shows: the timeline and line charts on a run
    /// page, the bars of a comparison, the heat maps of a sweep.
    static func howToRead(_ inputs: ReportInputs, hasTimeline: Bool, language t: ReportLanguage) -> String {
        var parts = [t.text(.howToReadIntro)]
        if hasTimeline { parts.append(t.text(.howToReadTimeline)) }
        if inputs.digest != nil { parts.append(t.text(.howToReadLines)) }
        if inputs.policySeries != nil { parts.append(t.text(.howToReadPolicyDay)) }
        if inputs.comparison != nil { parts.append(t.text(.howToReadComparison)) }
        if inputs.sweep != nil { parts.append(t.text(.howToReadSweep)) }
        parts.append(t.text(.howToReadFiles))
        return parts.joined(separator: " ")
    }

    static func runFacts(_ inputs: ReportInputs, scenario: String, language t: ReportLanguage) -> [(String, String)] {
        var facts: [(String, String)] = [(t.text(.factScenario), scenario)]
        let policies = inputs.policies
        if let manifest = inputs.manifest {
            facts.append((t.text(.factScenarioFile), manifest.scenarioPath))
        }
        if !policies.isEmpty {
            facts.append((t.text(policies.count == 1 ? .factPolicy : .factPolicies), policies.joined(separator: ", ")))
        }
        if let window = inputs.digest?.window {
            facts.append((
                t.text(.factClockWindow),
                ClockTime(secondsOfDay: window.start).hoursMinutes + "–" + ClockTime(secondsOfDay: window.end).hoursMinutes))
        }
        if let interval = inputs.digest?.intervalLength {
            facts.append((t.text(.factInterval), ReportChartSpec.duration(interval, language: t)))
        }
        if let manifest = inputs.manifest {
            facts.append((t.text(.factSeed), String(manifest.seed)))
            facts.append((t.text(.factReplications), String(manifest.replications)))
            if !manifest.overrides.isEmpty {
                facts.append((t.text(.factOverrides), manifest.overrides.joined(separator: "; ")))
            }
            facts.append(("Affluence", manifest.affluenceVersion))
        } else if let digest = inputs.digest, !digest.replications.isEmpty {
            facts.append((t.text(.factReplications), String(digest.replications.count)))
        }
        return facts
    }

    /// The page's sections, and under "Over the day" one link per entity.
    static func contents(
        _ inputs: ReportInputs, groups: [ReportTimeseries.Group], hasTimeline: Bool, language t: ReportLanguage
    ) -> [ReportHTML.ContentsEntry] {
        var entries: [ReportHTML.ContentsEntry] = []
        if hasTimeline { entries.append(.init(anchor: "timeline", label: t.text(.timelineHeading))) }
        if inputs.summary != nil || inputs.comparison != nil { entries.append(.init(anchor: "answers", label: t.text(.answersHeading))) }
        if inputs.summary != nil { entries.append(.init(anchor: "overview", label: t.text(.overviewHeading))) }
        if !groups.isEmpty {
            let links = groups.enumerated().map {
                ReportHTML.ContentsEntry(anchor: entityAnchor($0.offset), label: entityName($0.element.entity, names: inputs.names, language: t))
            }
            entries.append(.init(anchor: "day", label: t.text(.dayHeading), children: links))
        }
        if inputs.policySeries != nil { entries.append(.init(anchor: "policies-day", label: t.text(.policyDayHeading))) }
        if inputs.comparison != nil { entries.append(.init(anchor: "comparison", label: t.text(.comparisonHeading))) }
        if inputs.sweep != nil { entries.append(.init(anchor: "sweep", label: t.text(.sweepHeading))) }
        if inputs.summary != nil { entries.append(.init(anchor: "summary", label: t.text(.allFiguresHeading))) }
        return entries
    }

    /// "platform ode_idf", "plateforme ode_idf".
    static func entityName(_ entity: TimeseriesDigest.EntityKey, names: ReportNames, language: ReportLanguage) -> String {
        language.entityKind(entity.kind) + " " + names(entity.kind, entity.id)
    }

    /// Anchors by position, not by name: names may hold any character.
    static func entityAnchor(_ index: Int) -> String { "entity-\(index + 1)" }

    static func timeseriesSection(
        _ digest: TimeseriesDigest, groups: [ReportTimeseries.Group], names: ReportNames, into page: inout ReportHTML,
        language t: ReportLanguage
    ) {
        guard !groups.isEmpty else { return }
        page.heading(t.text(.dayHeading), level: 2, anchor: "day")
        page.remark(t.text(.dayCollapsed))
        let caption = digest.replications.count > 1
            ? t.text(.captionReplications, String(digest.replications.count))
            : t.text(.captionOneReplication)
        for (index, group) in groups.enumerated() {
            page.openDetails(summary: entityName(group.entity, names: names, language: t), anchor: entityAnchor(index))
            for figure in group.figures {
                page.figure(.line(figure.chart), caption: figure.note.map { caption + " " + $0 } ?? caption)
            }
            if !group.zeroAllDay.isEmpty {
                page.remark(t.text(.zeroAllDay, group.zeroAllDay.joined(separator: "; ")))
            }
            page.closeDetails()
        }
    }

    static func summaryTable(_ summary: CSVTable, language t: ReportLanguage) throws -> (header: [String], rows: [[String]]) {
        let header = [
            t.text(.columnPolicy), t.text(.columnEntity), t.text(.columnMetric), t.text(.columnUnit), t.text(.columnMean),
            t.text(.columnCI), t.text(.columnSD), t.text(.columnReplications),
        ]
        let rows = try summary.records.map { record -> [String] in
            let metric = record.text("metric") ?? ""
            let unit = record.text("unit")
            let kind = ReportFigures.kind(metric, unit: unit)
            let mean = try record.optionalNumber("mean").map { ValueFormat.value($0, kind: kind, language: t) } ?? "–"
            let spread = { (column: String) throws -> String in
                try record.optionalNumber(column).map { ValueFormat.spread($0, kind: kind, language: t) } ?? "–"
            }
            return [
                record.text("policy") ?? "",
                t.entityKind(record.text("entity_kind") ?? "") + " " + (record.text("entity_id") ?? ""),
                metric, kind == .clock ? t.text(.unitClock) : (unit ?? ""),
                mean, try spread("ci95_half_width"), try spread("sd"),
                try record.optionalNumber("replications").map { String(Int($0)) } ?? "",
            ]
        }
        return (header, rows)
    }

    /// Each policy over the day (series-policies.csv): a chart per series behind the compared
    /// figures, a line per policy, legends with the policies' descriptions (comparison.csv).
    static func policyDaySection(
        _ table: CSVTable, groups: [ReportComparison.Group], baseline: String?, names: ReportNames, replications: Int?,
        into page: inout ReportHTML, language t: ReportLanguage
    ) throws {
        var descriptions: [String: String] = [:]
        for entry in groups.flatMap(\.entries) where descriptions[entry.policy] == nil { descriptions[entry.policy] = entry.description }
        let charts = try ReportPolicyDay.charts(table, names: names, baseline: baseline, descriptions: descriptions, language: t)
        guard !charts.figures.isEmpty || !charts.zeroAllDay.isEmpty else { return }
        page.heading(t.text(.policyDayHeading), level: 2, anchor: "policies-day")
        page.note(t.text(.policyDayNote))
        let caption = t.text(.captionPolicyDay, replications.map(String.init) ?? "–")
        for figure in charts.figures {
            page.figure(.line(figure.chart), caption: caption, metric: figure.metric, role: "day")
        }
        if !charts.zeroAllDay.isEmpty {
            page.remark(t.text(.zeroAllDay, charts.zeroAllDay.joined(separator: "; ")))
        }
    }

    static func comparisonSection(
        _ table: CSVTable, names: ReportNames, baseline: String?, replications: Int?, into page: inout ReportHTML,
        language t: ReportLanguage
    ) throws {
        let groups = try ReportComparison.groups(table)
        guard !groups.isEmpty else { return }
        page.heading(t.text(.comparisonHeading), level: 2, anchor: "comparison")
        page.note(t.text(.comparisonNote))
        for group in groups {
            page.heading(ReportComparison.subject(group, names: names, language: t), level: 3)
            for (role, chart) in ReportComparison.charts(group, names: names, baseline: baseline, replications: replications, language: t) {
                page.figure(chart, caption: nil, metric: group.metric, role: role)
            }
        }
        page.openDetails(summary: t.text(.showTable))
        page.table(ReportComparison.table(groups, replications: replications, language: t))
        page.closeDetails()
    }

    static func sweepSection(_ table: CSVTable, into page: inout ReportHTML, language t: ReportLanguage) throws {
        let (parameters, maps) = try ReportSweep.maps(table, language: t)
        guard !maps.isEmpty else { return }
        page.heading(t.text(.sweepHeading), level: 2, anchor: "sweep")
        var note = t.text(.sweepNote)
        if parameters.count > 2 {
            note += " " + t.text(.sweepNoteMore, parameters.dropFirst(2).joined(separator: ", "))
        }
        page.note(note)
        for map in maps {
            page.figure(.heatMap(map.chart), caption: nil)
        }
    }
}
