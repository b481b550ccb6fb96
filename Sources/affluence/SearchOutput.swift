import Experiments
import Foundation
import Output
import Scenario

/// The folder `capacity` and `saturation` write: one table row per searched value and
/// objective term (capacity.csv or saturation.csv), and a manifest, in the chosen dialect.
///
/// Both searches are bisections whose every step is a verdict on an objective; the table
/// keeps every step, so a planner sees how close the values around the answer came.
struct SearchOutput {
    /// `value` for capacity (the resource's value), `demand_multiplier` for saturation.
    let valueColumn: String
    let fileName: String
    /// Every searched value with its verdict, in any order (written sorted by value).
    let steps: [(value: Double, verdict: SLOVerdict)]

    var header: [String] {
        [valueColumn, "holds", "confident", "term", "metric", "entity_kind", "entity_id", "mean", "ci95_half_width",
         "one_sided_bound", "comparison", "threshold", "term_holds", "term_confident"]
    }

    /// One row per term and entity; a term no entity reports a number for gets a row with
    /// empty figures, so the table says why the value failed.
    var records: [[CSVField]] {
        steps.sorted { $0.value < $1.value }.flatMap { step -> [[CSVField]] in
            let v = step.verdict
            let head: [CSVField] = [Self.number(step.value), .text(Self.yesNo(v.holds)), .text(Self.yesNo(v.confident))]
            let checks = v.checks.map { c -> [CSVField] in
                head + [.text(c.term.text), .text(c.term.metric), .text(c.kind.rawValue), .text(c.entity),
                        .number(c.estimate.mean.isFinite ? c.estimate.mean : nil),
                        .number(c.estimate.halfWidth.isFinite ? c.estimate.halfWidth : nil),
                        .number(c.bound.isFinite ? c.bound : nil), .text(c.term.comparison.rawValue),
                        .number(c.term.threshold), .text(Self.yesNo(c.holds)), .text(Self.yesNo(c.confident))]
            }
            let missing = v.missing.map { t -> [CSVField] in
                head + [.text(t.text), .text(t.metric), .empty, .text(t.entity ?? ""), .empty, .empty, .empty,
                        .text(t.comparison.rawValue), .number(t.threshold), .text("no"), .text("no")]
            }
            return checks + missing
        }
    }

    /// Whole values (capacity's servers) as integer cells, multipliers as numbers.
    static func number(_ x: Double) -> CSVField {
        x == x.rounded() && abs(x) < 1e15 ? .integer(Int(x)) : .number(x)
    }

    static func yesNo(_ b: Bool) -> String { b ? "yes" : "no" }

    /// The manifest of a search over `scenario` (from the file at `path`).
    static func manifest(scenario: Scenario, path: String, policy: String?, seed: UInt64, replications: Int,
                         dialect: CSVDialect, commandLine: [String]) -> Manifest {
        Manifest(
            affluenceVersion: AffluenceVersion.current, commandLine: commandLine, scenarioPath: path,
            scenarioSHA256: (try? SHA256.hex(ofFileAt: URL(fileURLWithPath: path))) ?? "", scenarioName: scenario.name,
            overrides: scenario.overrides.map(\.description), policies: [policy ?? "base"], seed: seed, replications: replications,
            streamDerivation: "common random numbers: replication r of every searched value uses substream r of every source's stream",
            replicationStreams: (0..<replications).map { .init(replication: $0 + 1, stream: "substream \($0) of every source's stream, every value") },
            csvDialect: dialect.name)
    }

    /// Writes the table, then the manifest; returns the names written.
    func write(to folder: URL, dialect: CSVDialect, manifest: Manifest) throws -> [String] {
        var out = try RunFolder(url: folder, dialect: dialect)
        let (header, records) = (header, records)
        try out.write(fileName) { try CSVTables.write(header: header, records: records, dialect: dialect, to: &$0) }
        try out.writeManifest(manifest)
        return out.written
    }
}
