import Foundation
import Testing

@testable import Output

/// The compare page's charts of each policy over the day, from series-policies.csv.
@Suite("report.html: each compared policy over the day")
struct ReportPolicyDayTests {
    /// Three policies (comparison.csv's fixtures), two series over 06:00–06:04, and a third
    /// series that is zero all day for every policy.
    static func table() -> PolicySeriesTable {
        var rows: [PolicySeriesTable.Row] = []
        for (metric, kind, entity, unit) in [("error_share", EntityKind.platform, "ent-idf", "share"), ("first_ins", .segment, "pupils", "count"),
                                             ("forced_logouts", .platform, "*", "count")] {
            for (p, policy) in ["no-cap", "cap-120k", "waiting-room"].enumerated() {
                for minute in 0..<5 {
                    let x = metric == "forced_logouts" ? 0 : Double(minute + p) / 10
                    rows.append(.init(scenario: "s", policy: policy, entityKind: kind, entityID: entity, metric: metric, unit: unit,
                                      intervalStart: Double(minute * 60), cell: .init(mean: x, low: x * 0.9, high: x * 1.1), replications: 3))
                }
            }
        }
        return PolicySeriesTable(rows: rows)
    }

    static func page(_ language: ReportLanguage) throws -> String {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        var folder = try RunFolder(url: root, dialect: .excelFR, clockOrigin: ClockTime(secondsOfDay: 6 * 3600))
        var comparison = Fixtures.comparison
        comparison[1].policyDescription = "at most 120,000 sessions; refused at the edge"
        try folder.writeComparison(comparison)
        try folder.writePolicySeries(table())
        var manifest = Fixtures.manifest
        manifest.policies = ["no-cap", "cap-120k", "waiting-room"]
        manifest.replications = 3
        try folder.writeReport(manifest: manifest, language: language)
        return try Support.text(at: folder.fileURL("report.html"))
    }

    /// The `<figure>` elements of a role.
    static func figures(_ html: String, role: String) -> [String] {
        html.components(separatedBy: "<figure").dropFirst().filter { $0.contains("data-role=\"\(role)\"") }
            .map { $0.components(separatedBy: "</figure>").first ?? "" }
    }

    @Test("one chart per series with data, one line per policy named with its description, HH:MM across; zero all day named")
    func english() throws {
        let html = try Self.page(.en)
        #expect(html.contains("<h2 id=\"policies-day\">Each policy over the day</h2>"))
        #expect(html.contains("<a href=\"#policies-day\">"))
        let charts = Self.figures(html, role: "day")
        #expect(charts.count == 2)
        #expect(charts[0].contains("data-metric=\"error_share\"") && charts[1].contains("data-metric=\"first_ins\""))
        for chart in charts {
            #expect(chart.components(separatedBy: "class=\"series\" d=\"M").count - 1 == 3, "one line per policy")
            #expect(chart.components(separatedBy: "class=\"band\"").count - 1 == 3, "one band per policy")
            for tick in ["06:00", "06:01", "06:04"] { #expect(chart.contains(">\(tick)</text>"), "\(tick)") }
            #expect(chart.contains("<title>no-cap</title>") || chart.contains("<title>no-cap (baseline)"))
            #expect(chart.contains("<title>cap-120k — at most 120,000 sessions; refused at the edge</title>"))
            #expect(chart.contains("One line per policy: the mean over 3 replications"))
        }
        #expect(charts[0].contains(">Share of answers that failed — platform ent-idf, per policy</text>"))
        #expect(charts[0].contains(">%</text>"), "a share reads as a percentage")
        #expect(charts[0].contains(">40</text>"), "0.4 drawn as 40%")
        #expect(charts[1].contains(">Visits getting their first page — segment pupils, per policy</text>"))
        #expect(charts[1].contains(">count per 1 min</text>"))
        #expect(html.contains("Zero all day (not drawn): Forced logouts — all platforms."))
        // The day charts come before the bars of the comparison.
        let day = try #require(html.range(of: "id=\"policies-day\""))
        let bars = try #require(html.range(of: "<h2 id=\"comparison\""))
        #expect(day.lowerBound < bars.lowerBound)
    }

    @Test("in French: headings, titles, axis and legends translated, decimal comma on the ticks")
    func french() throws {
        let html = try Self.page(.fr)
        #expect(html.contains("<h2 id=\"policies-day\">Chaque politique au fil de la journée</h2>"))
        let charts = Self.figures(html, role: "day")
        #expect(charts.count == 2)
        #expect(charts[0].contains(">Part des réponses en échec — plateforme ent-idf, par politique</text>"))
        #expect(charts[1].contains(">nombre par 1 min</text>"))
        #expect(charts[1].contains(">0,2</text>") || charts[1].contains(">0,4</text>"), "decimal comma")
        #expect(charts[0].contains("Une ligne par politique : la moyenne sur 3 réplications"))
        #expect(html.contains("Nul toute la journée (non dessiné) : Déconnexions forcées — toutes les plateformes."))
    }

    @Test("a wide band (two replications: t = 12.7) neither stretches the axis nor dips below zero for a count")
    func wideBands() throws {
        let rows = (0..<5).map { minute in
            PolicySeriesTable.Row(scenario: "s", policy: "base", entityKind: .platform, entityID: "web", metric: "refused", unit: "count",
                                  intervalStart: Double(minute * 60), cell: .init(mean: Double(minute + 1), low: -1000, high: 1000),
                                  replications: 2)
        }
        var csv = CSVWriter(dialect: .standard)
        csv.writeHeader(CSVSchema.policySeries)
        for row in rows { csv.writeRecord(PolicySeriesTable(rows: rows).fields(row, clockOrigin: ClockTime(secondsOfDay: 6 * 3600))) }
        let table = try CSVReader.parse(csv.takeBytes(), fileName: CSVSchema.policySeriesFile)
        let charts = try ReportPolicyDay.charts(table, baseline: "base", descriptions: [:], language: .en)
        let svg = try #require(charts.figures.first).chart.render()
        #expect(svg.contains(">5</text>") && !svg.contains(">1000</text>") && !svg.contains(">-"), "the axis spans the line, 0–5")
        #expect(svg.contains("class=\"band\""))
    }

    @Test("series-policies.csv is read strictly: a clock that is not HH:MM is refused at its line and column")
    func strict() throws {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        var folder = try RunFolder(url: root, clockOrigin: ClockTime(secondsOfDay: 6 * 3600))
        try folder.writeComparison(Fixtures.comparison)
        try folder.writePolicySeries(Self.table())
        #expect(try ReportPage.build(folder: root).contains("policies-day"))
        let url = folder.fileURL(CSVSchema.policySeriesFile)
        let text = try String(contentsOf: url, encoding: .utf8)
        let damaged = text.replacingOccurrences(of: "share,06:01,60,", with: "share,6h01,60,")
        #expect(damaged != text)
        try damaged.write(to: url, atomically: true, encoding: .utf8)
        let error = #expect(throws: CSVError.self) { _ = try ReportPage.build(folder: root) }
        #expect(error?.file == CSVSchema.policySeriesFile)
        #expect(error?.message.contains("'6h01' in column interval_start_clock (expected a time of day HH:MM)") == true, "\(String(describing: error))")
    }
}
