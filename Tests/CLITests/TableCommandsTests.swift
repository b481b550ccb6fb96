import Foundation
import Testing

/// Every command that writes tables takes `--csv-dialect excel-fr` (its files in the French
/// spreadsheet dialect) and `--json` (a machine-readable summary on stdout instead of the text).
@Suite("table-writing commands: --csv-dialect excel-fr and --json, end to end")
struct TableCommandsTests {
    static func folder(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("affluence-tables-\(getpid())-\(name)")
    }

    /// M/M/1 cut to 2 hours, with one policy (two servers) for `compare`.
    static func model() throws -> String {
        let text = try String(contentsOf: CLIRunner.repositoryRoot.appendingPathComponent("models/validation/mm1.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "duration: 200h", with: "duration: 2h")
            .replacingOccurrences(of: "warmup: 5h", with: "warmup: 10min")
            + "policies:\n  two_servers: {set: {pools.server.servers: 2}}\n"
        let dir = folder("model")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("mm1-policies.yaml")
        try text.write(to: path, atomically: true, encoding: .utf8)
        return path.path
    }

    /// Each command with the arguments that keep it short, and the tables it writes.
    static let commands: [(command: String, arguments: [String], tables: [String])] = [
        ("run", ["--replications", "2", "--jobs", "2"], ["summary.csv", "timeseries.csv"]),
        ("compare", ["--replications", "2", "--metric", "mean_wait@server", "--jobs", "2"], ["comparison.csv", "series-policies.csv"]),
        ("sweep", ["--vary", "pools.server.servers=1,2", "--replications", "2", "--metric", "mean_wait[server]", "--jobs", "2"], ["sweep.csv"]),
        ("estimate", ["--exact"], ["estimate.csv", "exact.csv"]),
        ("saturation", ["--scale", "sources", "--range", "0.5:2", "--tolerance", "20%", "--replications", "2", "--jobs", "2"], ["saturation.csv"]),
        ("capacity", ["--resource", "pools.server.servers", "--slo", "mean_wait <= 1s", "--range", "1:3", "--replications", "2", "--jobs", "2"],
         ["capacity.csv"]),
    ]

    @Test("excel-fr files start with a BOM, separate with `;` and write decimal commas; --json prints one JSON object",
          arguments: commands.indices)
    func excelFrenchAndJSON(index: Int) throws {
        let (command, arguments, tables) = Self.commands[index]
        let model = try Self.model()
        let out = Self.folder(command)
        defer { try? FileManager.default.removeItem(at: out) }
        let outcome = try CLIRunner.run([command, model] + arguments
                                        + ["--csv-dialect", "excel-fr", "--json", "--out", out.path])
        #expect(outcome.status == 0, "\(command): \(outcome.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any],
                                  "\(command): stdout is not one JSON object: \(outcome.stdout)")
        #expect(object["command"] as? String == command)
        #expect((object["files"] as? [String])?.contains(tables[0]) == true, "\(command): \(object["files"] ?? "no files")")
        for table in tables {
            let bytes = try [UInt8](Data(contentsOf: out.appendingPathComponent(table)))
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "\(command): \(table) has no byte order mark")
            let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            let lines = text.split(whereSeparator: \.isNewline)
            let header = try #require(lines.first)
            #expect(header.contains(";") && !header.contains(","), "\(command): \(table) header \(header)")
            // A number with a decimal comma, alone in its cell.
            let decimalComma = text.split(whereSeparator: { $0 == ";" || $0.isNewline })
                .contains { $0.wholeMatch(of: /-?[0-9]+,[0-9]+(E-?[0-9]+)?/) != nil }
            #expect(decimalComma, "\(command): \(table) has no decimal-comma number: \(lines.prefix(3))")
            #expect(!text.split(whereSeparator: { $0 == ";" || $0.isNewline }).contains { $0.wholeMatch(of: /-?[0-9]+\.[0-9]+/) != nil },
                    "\(command): \(table) has a decimal point in a number cell")
        }
        if command != "estimate" {
            let manifest = try #require(try JSONSerialization.jsonObject(
                with: Data(contentsOf: out.appendingPathComponent("manifest.json"))) as? [String: Any])
            #expect(manifest["csv_dialect"] as? String == "excel-fr", "\(command)")
        }
    }

    @Test("without --json the same commands print text, and a malformed option value is a usage error naming the option",
          arguments: ["compare", "sweep", "estimate", "saturation", "capacity"])
    func malformedValues(command: String) throws {
        let model = try Self.model()
        let arguments = Self.commands.first { $0.command == command }!.arguments
        let dialect = try CLIRunner.run([command, model] + arguments + ["--csv-dialect", "excel"])
        #expect(dialect.status == 64)
        #expect(dialect.stderr.contains("'--csv-dialect <csv-dialect>'") && dialect.stderr.contains("'standard' and 'excel-fr'"),
                "\(dialect.stderr)")
        let set = try CLIRunner.run([command, model] + arguments + ["--set", "servers"])
        #expect(set.status == 64)
        #expect(set.stderr.contains("--set servers: expected path=value"), "\(set.stderr)")
        let lang = try CLIRunner.run([command, model] + arguments + ["--lang", "de"])
        #expect(lang.status == 64)
        #expect(lang.stderr.contains("'en' and 'fr'"), "\(lang.stderr)")
    }

    @Test("compare applies --set to every policy (it had no --set before)")
    func compareTakesSet() throws {
        let model = try Self.model()
        let out = Self.folder("compare-set")
        defer { try? FileManager.default.removeItem(at: out) }
        let outcome = try CLIRunner.run(["compare", model, "--replications", "2", "--metric", "utilization@server", "--jobs", "2",
                                         "--set", "sources.arrivals.rate=0.1/s", "--json", "--out", out.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let metric = try #require((object["metrics"] as? [[String: Any]])?.first)
        let base = try #require((metric["policies"] as? [[String: Any]])?.first { $0["policy"] as? String == "base" })
        // ρ = λ/μ = 0.1 with the override, 0.9 without it.
        let utilization = try #require(base["mean"] as? Double)
        #expect(abs(utilization - 0.1) < 0.05, "\(utilization)")
        let manifest = try String(contentsOf: out.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(manifest.contains("sources.arrivals.rate=0.1/s"))
    }
}
