import Foundation
import Testing

@testable import Output

/// The report's first screen (timeline and answers), the comparison charts that keep every
/// policy, and the French page.
@Suite("report for decisions")
struct ReportDecisionTests {
    static let scenario = "idf"

    /// Two platforms over two replications: `ode_idf` overloaded 07:40–09:10 in both runs and
    /// refusing from 07:30 without recovering; `kosmos` never saturated.
    static let summary: [SummaryRow] = {
        func row(_ entity: String, _ metric: String, _ mean: Double?, _ kind: EntityKind = .platform, count: Int = 2) -> SummaryRow {
            SummaryRow(scenario: scenario, policy: "base", entityKind: kind, entityID: entity, metric: metric,
                       unit: metric.hasSuffix("_clock_s") ? "s" : "share", mean: mean, sd: nil, ci95HalfWidth: nil,
                       replications: mean == nil ? 0 : count)
        }
        return [
            row("ode_idf", "saturation_onset_clock_s", 27_000), row("ode_idf", "saturated_until_clock_s", nil),
            row("ode_idf", "overload_onset_clock_s", 27_600), row("ode_idf", "overloaded_until_clock_s", 33_000),
            row("ode_idf", "refusal_onset_clock_s", 27_000), row("ode_idf", "refusing_until_clock_s", nil),
            row("ode_idf", "share_in_by_0900", 0.8125),
            row("kosmos", "saturation_onset_clock_s", nil), row("kosmos", "overload_onset_clock_s", nil),
            row("kosmos", "refusal_onset_clock_s", nil), row("kosmos", "share_in_by_0900", 0.99),
            row("pupils", "share_in_by_0900", 0.75, .segment), row("pupils", "share_never_in", 0.0625, .segment),
        ]
    }()

    static func runFolder(language: ReportLanguage = .en) throws -> (URL, String) {
        let root = try Support.temporaryFolder()
        var folder = try RunFolder(url: root, clockOrigin: ClockTime(secondsOfDay: 6 * 3600))
        try folder.writeTimeseries(ReportTests.syntheticRows())
        try folder.writeSummary(summary)
        try folder.writeReport(language: language)
        return (root, try Support.text(at: folder.fileURL("report.html")))
    }

    /// A comparison on two replications: `base` (the baseline) and `P0` never recover,
    /// `P2` never saturates, `P6` recovers at 11:07; one long-valued share metric.
    static let comparison: [ComparisonRow] = {
        func until(_ policy: String, _ mean: Double?, never: Double, open: Double, rank: Int, _ description: String) -> ComparisonRow {
            ComparisonRow(policy: policy, metric: "saturated_until_clock_s", entityKind: .platform, entityID: "ode_idf", unit: "s",
                          mean: mean, ci95HalfWidth: mean == nil ? nil : 120, diffVsBaseline: nil, diffCI95HalfWidth: nil,
                          rank: rank, shareNeverSaturated: never, shareNotRecovered: open, policyDescription: description)
        }
        func share(_ policy: String, _ mean: Double, _ diff: Double?, _ half: Double?, rank: Int, _ description: String) -> ComparisonRow {
            ComparisonRow(policy: policy, metric: "share_in_by_0900", entityKind: .segment, entityID: "pupils", unit: "share",
                          mean: mean, ci95HalfWidth: 0.000082, diffVsBaseline: diff, diffCI95HalfWidth: half, rank: rank,
                          policyDescription: description)
        }
        return [
            until("base", nil, never: 0, open: 1, rank: 3, ""),
            until("P0", nil, never: 0, open: 1, rank: 3, "no admission control"),
            until("P2", nil, never: 1, open: 0, rank: 1, "FIFO waiting room, rate outflow 0.8 × L_max, wait shown"),
            until("P6", 40_020, never: 0, open: 0, rank: 2, "P1 with client policies"),
            share("base", 0.934214, nil, nil, rank: 3, ""),
            share("P0", 0.9353123000845445, 0.0000110000001, 0.0000820000001, rank: 2, "no admission control"),
            share("P2", 0.957587, 0.0233726919, 0.0142485228, rank: 1, "FIFO waiting room, rate outflow 0.8 × L_max, wait shown"),
            share("P6", 0.9, -0.034214, 0.01, rank: 4, "P1 with client policies"),
        ]
    }()

    static func comparisonFolder(language: ReportLanguage = .en) throws -> (URL, String) {
        let root = try Support.temporaryFolder()
        var folder = try RunFolder(url: root)
        try folder.writeComparison(comparison)
        var manifest = Fixtures.manifest
        manifest.policies = ["base", "P0", "P2", "P6"]
        manifest.replications = 2
        try folder.writeReport(manifest: manifest, language: language)
        return (root, try Support.text(at: folder.fileURL("report.html")))
    }

    func svgs(_ html: String) -> [String] {
        html.components(separatedBy: "<svg").dropFirst().map { "<svg" + ($0.components(separatedBy: "</svg>").first ?? "") }
    }

    @Test("the run page opens with the timeline of every platform, then the answers")
    func firstScreen() throws {
        let (root, html) = try Self.runFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let timeline = try #require(html.range(of: "<h2 id=\"timeline\">"))
        let answers = try #require(html.range(of: "<h2 id=\"answers\">"))
        let detail = try #require(html.range(of: "<h2 id=\"day\">"))
        #expect(timeline.lowerBound < answers.lowerBound && answers.lowerBound < detail.lowerBound)
        let chart = try #require(svgs(html).first)
        #expect(chart.contains("Saturation over the day, one row per platform"))
        #expect(chart.components(separatedBy: "class=\"span\"").count - 1 == 2)  // overload and refusal of ode_idf
        #expect(chart.contains(">kosmos</text>") && chart.contains(">not saturated</text>"))
        #expect(chart.contains("ode_idf: overloaded: servers failing users 07:40–09:10"))
        #expect(chart.contains("ode_idf: refusing: gates turning users away 07:30–not recovered"))
        #expect(html.contains("ode_idf saturated first, at 07:30: its gates turned users away first (refusal), its servers were overloaded later."))
        #expect(html.contains("ode_idf: overloaded 07:40–09:10; refusing from 07:30, not recovered by the end."))
        #expect(html.contains("Not saturated: kosmos."))
        #expect(html.contains("<h3>Who got in</h3>"))
        #expect(html.contains("<td class=\"num\">75.0%</td><td class=\"num\">6.3%</td>"))
        // The per-entity detail is collapsed.
        #expect(html.contains("<details id=\"entity-1\"><summary>platform ent-idf</summary>"))
    }

    @Test("the comparison charts keep every policy, censored ones with a marker, and hatch only the baseline")
    func comparisonCharts() throws {
        let (root, html) = try Self.comparisonFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let charts = svgs(html)
        let until = try #require(charts.first { $0.contains("saturated until — platform ode_idf: mean with 95% CI") })
        for policy in ["base (baseline)", "P0", "P2", "P6"] {
            #expect(until.contains(">\(policy)</text>"), "missing \(policy)")
        }
        #expect(until.contains(">not recovered (2/2)</text>"))
        #expect(until.contains(">never saturated (2/2)</text>"))
        #expect(until.contains(">11:07 ± 2 min</text>"))
        #expect(until.contains(">11:00</text>"))  // a clock axis, not seconds
        #expect(!until.contains("40k") && !until.contains("40.0k"))
        let shares = try #require(charts.first { $0.contains("share in by 09:00 — segment pupils: mean with 95% CI") })
        #expect(shares.components(separatedBy: "url(#hatch)").count - 1 == 1)  // the baseline's bar alone
        #expect(shares.contains(">93.4% ± 0.0082 pts</text>"))
        let diffs = try #require(charts.first { $0.contains("share in by 09:00 — segment pupils: difference vs baseline") })
        #expect(diffs.contains(">+0.0011 pts ± 0.0082 pts</text>"))
        #expect(!diffs.contains(">base"))
        // Descriptions and the answer.
        #expect(html.contains("FIFO waiting room, rate outflow 0.8 × L_max, wait shown"))
        #expect(html.contains("<td>base (baseline)</td><td>the model as written</td>"))
        #expect(html.contains("share in by 09:00 — segment pupils: best is P2 (95.8%). Against base: +2.34 pts ± 1.4 pts, a real difference"))
        #expect(html.contains("saturated until — platform ode_idf: best is P2 (never saturated (2/2))."))
    }

    @Test("value labels of a bar chart never overlap, however long the values", arguments: [1, 4, 9, 16])
    func labelsDoNotOverlap(policies: Int) {
        var bars: [BarChart.Bar] = []
        for index in 0..<policies {
            let censored = index == 2
            let value: Double? = censored ? nil : 0.000011 * Double(index + 1) - 0.00004
            bars.append(BarChart.Bar(
                label: "policy-with-a-long-name-\(index)", value: value, halfWidth: 0.0000820000001,
                emphasised: index == 0, marker: censored ? "not recovered (10/10)" : nil))
        }
        let svg = BarChart(title: "t", yLabel: "share", bars: bars, kind: .figure, difference: true).render()
        // Every text's box, at 0.6 em per character (wider than the sans-serif average).
        let boxes = Self.textBoxes(svg)
        #expect(boxes.count >= policies * 2)
        for i in boxes.indices {
            let a = boxes[i]
            #expect(a.x0 >= 0 && a.x1 <= SVGStyle.width, "\(a.text) leaves the chart")
            for j in boxes.indices where j > i {
                #expect(!Self.overlap(a, boxes[j]), "'\(a.text)' overlaps '\(boxes[j].text)'")
            }
        }
    }

    static func overlap(_ a: TextBox, _ b: TextBox) -> Bool {
        let across = a.x0 < b.x1 && b.x0 < a.x1
        let down = a.y0 < b.y1 && b.y0 < a.y1
        return across && down
    }

    struct TextBox {
        var x0, x1, y0, y1: Double
        var text: String
    }

    /// Every `<text>` element's box, at 0.6 em per character (wider than the sans-serif average).
    static func textBoxes(_ svg: String) -> [TextBox] {
        var boxes: [TextBox] = []
        for piece in svg.components(separatedBy: "<text ").dropFirst() {
            guard let close = piece.range(of: ">"), let end = piece.range(of: "</text>") else { continue }
            let attributes = String(piece[..<close.lowerBound])
            let text = String(piece[close.upperBound..<end.lowerBound])
            func attribute(_ name: String) -> String {
                guard let start = attributes.range(of: name + "=\"") else { return "" }
                let rest = attributes[start.upperBound...]
                return String(rest.prefix { $0 != "\"" })
            }
            let x = Double(attribute("x")) ?? 0, y = Double(attribute("y")) ?? 0, size = Double(attribute("font-size")) ?? 12
            let width = Double(text.count) * size * 0.6
            let anchor = attribute("text-anchor")
            let x0: Double = anchor == "end" ? x - width : anchor == "middle" ? x - width / 2 : x
            boxes.append(TextBox(x0: x0, x1: x0 + width, y0: y - size, y1: y, text: text))
        }
        return boxes
    }

    @Test("the French page: translated text, decimal commas, HH:MM clocks")
    func french() throws {
        let (root, html) = try Self.runFolder(language: .fr)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(html.contains("<html lang=\"fr\">"))
        #expect(html.contains("<h2 id=\"timeline\">Quand chaque plateforme a saturé</h2>"))
        #expect(html.contains("ode_idf a saturé en premier, à 07:30"))
        #expect(html.contains("75,0\u{202F}%"))
        #expect(html.contains(">Demande et capacité — plateforme ent-idf</text>"))
        for english in ["How to read", "Answers", "Over the day", "Demand vs capacity", "not saturated", "time of day"] {
            #expect(!html.contains(english), "English left in the French page: \(english)")
        }
        let (compareRoot, compare) = try Self.comparisonFolder(language: .fr)
        defer { try? FileManager.default.removeItem(at: compareRoot) }
        #expect(compare.contains(">93,4\u{202F}% ± 0,0082 pts</text>"))
        #expect(compare.contains(">pas rétablie (2/2)</text>"))
        #expect(compare.contains(">jamais saturée (2/2)</text>"))
    }

    @Test("the English page is the default")
    func englishDefault() throws {
        let (root, html) = try Self.runFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try ReportPage.build(folder: root) == ReportPage.build(folder: root, language: .en))
        #expect(html.contains("<html lang=\"en\">"))
    }

    @Test("every phrase is in every language, with the same placeholders", arguments: ReportLanguage.allCases)
    func translations(language: ReportLanguage) {
        let table = ReportText.table(language)
        for phrase in ReportPhrase.allCases {
            let text = table[phrase]
            #expect(text != nil, "\(language): no text for \(phrase)")
            let placeholders = { (s: String) in (1...5).filter { s.contains("{\($0)}") } }
            #expect(placeholders(text ?? "") == placeholders(ReportText.english[phrase] ?? ""), "\(language): \(phrase)")
        }
        #expect(table.count == ReportPhrase.allCases.count)
    }

    @Test("values read as people write them", arguments: [
        (27_030.0, "saturation_onset_clock_s", ReportLanguage.en, "07:31"),
        (0.934, "share_in_by_0900", .en, "93.4%"),
        (0.934, "share_in_by_0900", .fr, "93,4\u{202F}%"),
        (1.25, "p95_response_s", .en, "1.25 s"),
        (750, "mean_time_to_first_page_s", .fr, "12,5 min"),
        (1234.5, "refused", .fr, "1235"),
        (0.25, "saturated_share", .en, "25.0%"),
        (12_345, "peak_active_sessions", .en, "12.35k"),
    ])
    func values(value: Double, metric: String, language: ReportLanguage, expected: String) {
        #expect(ValueFormat.value(value, metric: metric, language: language) == expected)
    }
}

@Suite("entity labels in the report")
struct ReportLabelTests {
    @Test("the manifest's labels name platforms and segments; the id stays where there is none")
    func labelled() throws {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        var folder = try RunFolder(url: root, clockOrigin: ClockTime(secondsOfDay: 6 * 3600))
        try folder.writeSummary(ReportDecisionTests.summary)
        var manifest = Fixtures.manifest
        manifest.labels = [
            "platform": ["ode_idf": "Île-de-France (monlycee.net / ENT IdF)"], "segment": ["pupils": "Pupils <all>"],
        ]
        try folder.writeReport(manifest: manifest)
        let html = try Support.text(at: folder.fileURL("report.html"))
        #expect(html.contains(">Île-de-France (monlycee.net …</text>"))  // the timeline row, shortened to fit
        #expect(html.contains("<title>Île-de-France (monlycee.net / ENT IdF): overloaded"))  // in full on hover
        #expect(html.contains("Île-de-France (monlycee.net / ENT IdF) saturated first, at 07:30"))
        #expect(html.contains("Not saturated: kosmos."))
        #expect(html.contains("<td>Pupils &lt;all&gt;</td>"))
    }

    @Test("labels travel in manifest.json, and a manifest without them has no labels key")
    func manifestLabels() throws {
        var manifest = Fixtures.manifest
        #expect(!String(decoding: try manifest.encoded(), as: UTF8.self).contains("\"labels\""))
        manifest.labels = ["platform": ["ode_idf": "Île-de-France"]]
        let decoded = try Manifest.decode(try manifest.encoded())
        #expect(decoded.labels == ["platform": ["ode_idf": "Île-de-France"]])
    }
}
