import Foundation
import Testing

@testable import Output

@Suite("report.html from a run folder")
struct ReportTests {
    /// A synthetic day: one platform, one pool, one attack, two replications, 06:00–06:04.
    static func syntheticRows(policy: String = "cap-120k") -> [TimeseriesRow] {
        var rows: [TimeseriesRow] = []
        for replication in 1...2 {
            for minute in 0..<5 {
                let t = Double(minute * 60)
                let r = Double(replication)
                func add(_ kind: EntityKind, _ id: String, _ metric: String, _ value: Double?) {
                    rows.append(TimeseriesRow(scenario: "synthetic", policy: policy, replication: replication, intervalStart: t, entityKind: kind, entityID: id, metric: metric, value: value))
                }
                add(.platform, "ent-idf", "desired_sessions", 1000 * Double(minute + 1) + r)
                add(.platform, "ent-idf", "active_sessions", min(1000 * Double(minute + 1), 3000))
                add(.platform, "ent-idf", "session_cap", 3000)
                add(.platform, "ent-idf", "waiting_users", Double(minute * 10) * r)
                add(.platform, "ent-idf", "refused", Double(minute) * r)
                add(.platform, "ent-idf", "attempts_per_success", minute == 0 ? nil : 1 + Double(minute) / 4)
                add(.pool, "ent-idf/web", "utilization", min(0.2 * Double(minute + 1), 1))
                add(.pool, "ent-idf/web", "p50_response_s", 0.2 * r)
                add(.pool, "ent-idf/web", "p95_response_s", 1.5 * r)
                add(.pool, "ent-idf/web", "requests_served", 500)  // not plotted: ignored
                add(.attack, "ddos-cned", "attack_offered_per_s", 200_000)
                add(.attack, "ddos-cned", "attack_filtered_per_s", 150_000)
                add(.attack, "ddos-cned", "attack_served_per_s", 50_000)
            }
        }
        return rows
    }

    static let expectedTitles = [
        "Demand vs capacity — platform ent-idf", "Waiting users — platform ent-idf",
        "Logins, refusals and users giving up — platform ent-idf", "Attempts per successful login — platform ent-idf",
        "Utilisation — pool ent-idf/web", "Response time — pool ent-idf/web",
        "Attack traffic — attack ddos-cned",
    ]

    func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// Every `<svg>…</svg>` element of a page.
    func svgs(_ html: String) -> [String] {
        html.components(separatedBy: "<svg").dropFirst().map { "<svg" + ($0.components(separatedBy: "</svg>").first ?? "") }
    }

    @Test("a run folder gives one chart per metric group present, each with drawn paths and no URL", arguments: CSVDialect.all)
    func runReport(dialect: CSVDialect) throws {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        var folder = try RunFolder(url: root, dialect: dialect, clockOrigin: ClockTime(secondsOfDay: 6 * 3600))
        try folder.writeTimeseries(Self.syntheticRows())
        try folder.writeSummary(Fixtures.summary)
        try folder.writeReport()
        let html = try Support.text(at: folder.fileURL("report.html"))

        let charts = svgs(html)
        #expect(charts.count == Self.expectedTitles.count)
        #expect(count("<figure", in: html) == charts.count)
        for title in Self.expectedTitles {
            #expect(html.contains(">\(title)</text>"), "missing chart \(title)")
        }
        for chart in charts {
            #expect(chart.contains("class=\"series\" d=\"M"), "a chart without a drawn series")
            #expect(!chart.contains("d=\"\""))
        }
        #expect(count("class=\"band\"", in: html) > 0)  // two replications: min–max bands
        #expect(!html.lowercased().contains("http"))
        #expect(!html.contains("<script"))
        #expect(html.contains("How to read"))
        #expect(html.contains("06:00"))
        #expect(html.contains("<h2 id=\"summary\">All per-run figures</h2>"))
        #expect(html.contains("peak_active_sessions"))
        #expect(html.contains("Affluence report — synthetic"))
        // The demand chart has three series and its legend names them.
        let demand = try #require(charts.first)
        #expect(count("class=\"series\"", in: demand) == 3)
        #expect(demand.contains("session cap (capacity)"))
    }

    @Test("a hand-written minimal timeseries.csv plots only what it has")
    func minimalFile() throws {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let csv = """
            scenario,policy,replication,interval_start_clock,interval_start_s,entity_kind,entity_id,metric,value
            tiny,none,1,07:00:00,0,platform,cned,active_sessions,10
            tiny,none,1,07:01:00,60,platform,cned,active_sessions,12.5
            tiny,none,1,07:02:00,120,platform,cned,active_sessions,
            tiny,none,1,07:03:00,180,platform,cned,active_sessions,9
            tiny,none,1,07:00:00,0,platform,cned,made_up_metric,1

            """
        try Data(csv.utf8).write(to: root.appendingPathComponent("timeseries.csv"))
        let html = try ReportPage.build(folder: root)
        let charts = svgs(html)
        #expect(charts.count == 1)
        #expect(html.contains(">Demand vs capacity — platform cned</text>"))
        #expect(count("class=\"band\"", in: html) == 0)  // one replication: no band
        #expect(html.contains("07:00"))
        #expect(!html.contains("made_up_metric"))
    }

    @Test("several policies in one timeseries get one series each, named by policy")
    func policies() throws {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        var folder = try RunFolder(url: root)
        try folder.writeTimeseries(Self.syntheticRows(policy: "no-cap") + Self.syntheticRows(policy: "cap-120k"))
        try folder.writeReport()
        let html = try Support.text(at: folder.fileURL("report.html"))
        #expect(html.contains("active sessions — no-cap"))
        #expect(html.contains("active sessions — cap-120k"))
    }

    @Test("a comparison folder shows means and paired differences with 95% error bars")
    func comparisonReport() throws {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        var folder = try RunFolder(url: root, dialect: .excelFR)
        try folder.writeComparison(Fixtures.comparison)
        var manifest = Fixtures.manifest
        manifest.scenarioName = "Quota policies, 6 April"
        try folder.writeReport(manifest: manifest)
        let html = try Support.text(at: folder.fileURL("report.html"))
        #expect(svgs(html).count == 2)
        #expect(html.contains("<h2 id=\"comparison\">Policy comparison</h2>"))
        #expect(html.contains("share never in — platform ent-idf: mean with 95% CI"))
        #expect(html.contains("difference vs baseline"))
        #expect(count("class=\"bar\"", in: html) == 3 + 2)  // three means, two differences
        #expect(count("class=\"errorbar\"", in: html) == 3 + 2)
        #expect(html.contains("<title>Affluence report — Quota policies, 6 April: policy comparison</title>"))
        #expect(!html.lowercased().contains("http"))
    }

    @Test("a sweep folder shows a heat map over the first two parameters")
    func sweepReport() throws {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        var folder = try RunFolder(url: root)
        try folder.writeSweep(Fixtures.sweep)
        try folder.writeReport()
        let html = try Support.text(at: folder.fileURL("report.html"))
        let charts = svgs(html)
        #expect(charts.count == 1)
        #expect(count("class=\"cell\"", in: html) == 4)
        #expect(html.contains("platforms.ent-idf.gate.cap"))
        #expect(html.contains("demand.multiplier"))
        // Numeric parameter values sort numerically: 100000 before 150000.
        let first = try #require(html.range(of: ">100000<")), second = try #require(html.range(of: ">150000<"))
        #expect(first.lowerBound < second.lowerBound)
    }

    @Test("the same folder gives the same report bytes")
    func deterministic() throws {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try Fixtures.runFolder(.standard, at: root)
        #expect(try ReportPage.build(folder: root) == ReportPage.build(folder: root))
    }

    @Test("a folder without CSV files is an error naming the folder")
    func emptyFolder() throws {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let error = #expect(throws: OutputError.self) { _ = try ReportPage.build(folder: root) }
        #expect(error?.path == root.path)
    }

    @Test("names from the CSV are escaped in the page")
    func escaping() throws {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        var folder = try RunFolder(url: root)
        try folder.writeTimeseries([TimeseriesRow(scenario: "<b>x</b>", policy: "p", replication: 1, intervalStart: 0, entityKind: .platform, entityID: "<img src=x>", metric: "active_sessions", value: 1)])
        try folder.writeReport()
        let html = try Support.text(at: folder.fileURL("report.html"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;img src=x&gt;"))
    }
}
