import Foundation
import Output
import Testing

/// `--lang fr` on `compare` and `sweep`: the stdout tables in French (decimal comma, every
/// fixed word translated; metric names stay as `--metric` spells them), the compare page's
/// charts of each policy over the day in French; and summary.csv's HH:MM clock column.
@Suite("compare and sweep in French, and clock times in summary.csv, end to end")
struct FrenchTablesTests {
    static func folder(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("affluence-french-\(getpid())-\(name)")
    }

    @Test("compare --lang fr: the table and its closing line in French, series-policies.csv listed, the day charts in French")
    func compareInFrench() throws {
        let out = Self.folder("compare")
        defer { try? FileManager.default.removeItem(at: out) }
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let model = out.appendingPathComponent("crn.yaml").path
        try ShardMergeTests.compareModel.write(toFile: model, atomically: true, encoding: .utf8)
        let arguments = ["compare", model, "--replications", "3", "--seed", "2", "--jobs", "2", "--csv-dialect", "excel-fr"]
        let french = try CLIRunner.run(arguments + ["--lang", "fr", "--out", out.appendingPathComponent("fr").path])
        #expect(french.status == 0, "\(french.stderr)")
        let lines = french.stdout.components(separatedBy: "\n")
        #expect(lines.first == "Politiques sur nombres aléatoires communs, 3 réplications chacune ; référence base ; ± = demi-largeur de l'IC à 95 % ; * = la différence appariée exclut 0")
        #expect(lines.contains("share_in_by_0900@pupils  (plus haut est mieux)"), "\(french.stdout)")
        #expect(lines.contains("saturated_until_clock_s@web  (plus bas est mieux)"), "\(french.stdout)")
        #expect(lines.contains { $0.hasPrefix("rang politique") && $0.contains("moyenne ± dl") && $0.contains("vs base (apparié)") })
        // Shares in points with a decimal comma: "93,41 ± 1,20 pts".
        #expect(lines.contains { $0.wholeMatch(of: /[0-9-] +bigger +[0-9]+,[0-9]{2} ± [0-9]+,[0-9]{2} pts.*/) != nil }, "\(french.stdout)")
        #expect(!lines.contains { $0.contains("replications each") || $0.contains("higher is better") })
        let closing = try #require(lines.last { !$0.isEmpty })
        #expect(closing.hasPrefix("3 politiques × 3 réplications en ") && closing.contains(" s ; écrit comparison.csv, series-policies.csv"), "\(closing)")

        let folder = out.appendingPathComponent("fr")
        let manifest = try String(contentsOf: folder.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"series-policies.csv\""))
        let series = try [UInt8](Data(contentsOf: folder.appendingPathComponent("series-policies.csv")))
        #expect(series.starts(with: [0xEF, 0xBB, 0xBF]))
        let report = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("<h2 id=\"policies-day\">Chaque politique au fil de la journée</h2>"))
        #expect(report.components(separatedBy: "data-role=\"day\"").count - 1 == 3, "first pages, refusals, failed answers")

        // English stays the default: the same table in English.
        let plain = try CLIRunner.run(arguments + ["--out", out.appendingPathComponent("en").path])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout.hasPrefix("Policies on common random numbers, 3 replications each; baseline base;"), "\(plain.stdout)")
        #expect(plain.stdout.contains("(higher is better)"))
    }

    @Test("sweep --lang fr: header and closing line in French, shares with a decimal comma")
    func sweepInFrench() throws {
        let out = Self.folder("sweep")
        defer { try? FileManager.default.removeItem(at: out) }
        let outcome = try CLIRunner.run(["sweep", "models/validation/mmck.yaml", "--vary", "pools.servers.servers=3,4",
                                         "--replications", "2", "--seed", "3", "--set", "duration=2h", "--metric", "p_blocked",
                                         "--metric", "mean_wait", "--jobs", "2", "--lang", "fr", "--out", out.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = outcome.stdout.components(separatedBy: "\n")
        #expect(lines.first == "Balayage sur nombres aléatoires communs, 2 réplications par point ; chaque mesure à son entité la pire (± demi-largeur de l'IC à 95 %)")
        #expect(lines.dropFirst().first?.hasPrefix("point  pools.servers.servers") == true, "\(outcome.stdout)")
        // p_blocked as "1,2 %±0,3 servers" and mean_wait as "0,123±0,01 servers": decimal commas, no decimal point.
        let rows = lines.dropFirst(2).prefix(2)
        #expect(rows.allSatisfy { $0.first?.isNumber == true }, "\(outcome.stdout)")
        for row in rows {
            #expect(row.contains(",") && !row.contains("."), "\(row)")
            #expect(row.contains("\u{202F}%"), "\(row)")
        }
        #expect(lines.contains { $0.hasPrefix("2 points × 2 réplications en ") && $0.contains(" s ; écrit sweep.csv") }, "\(outcome.stdout)")
    }

    @Test("summary.csv: a clock metric's mean as HH:MM next to its seconds (retry-storm: overloaded from 09:01)")
    func summaryClock() throws {
        let out = Self.folder("run")
        defer { try? FileManager.default.removeItem(at: out) }
        let outcome = try CLIRunner.run(["run", "models/retry-storm.yaml", "--replications", "1",
                                         "--csv-dialect", "excel-fr", "--quiet", "--out", out.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let summary = try CSVReader.table(at: out.appendingPathComponent("summary.csv"))
        #expect(summary.header.columns.last == "mean_clock")
        let onset = try #require(summary.records.first { $0.text("entity_id") == "lms" && $0.text("metric") == "overload_onset_clock_s" })
        let seconds = try #require(onset.number("mean"))
        #expect(onset.text("mean_clock") == ValueFormat.clock(seconds))
        #expect(onset.text("mean_clock")?.hasPrefix("09:0") == true, "\(onset.text("mean_clock") ?? "")")
        #expect(summary.records.filter { $0.text("metric") == "utilization" }.allSatisfy { $0.text("mean_clock") == "" })
    }
}
