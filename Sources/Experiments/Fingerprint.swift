import Foundation
import World

/// A model's trajectory fingerprint: the canonical text of one replication's time series,
/// whose hash is stored next to the model (`mm1.yaml` → `mm1.fingerprint`).
///
/// The text lists every series (kind, entity, metric, in the simulator's order), then one
/// line per report interval with every series' value at 6 significant digits. Replication
/// 0 with the model's own seed is used, whatever the check's budget or `--jobs`, so the
/// fingerprint changes exactly when the simulated behaviour changes (beyond the sixth
/// digit) — an optimisation that keeps the algorithm keeps it, a changed rule does not.
/// Hashing is the caller's (the CLI uses SHA-256 from the Output module).
///
/// OMNeT++ calls this a fingerprint test; the idea is the same.
public enum Fingerprint {
    public static let significantDigits = 6
    public static let replication = 0

    /// The canonical text of `run`'s series.
    public static func canonicalText(_ run: RunResult) -> String {
        var text = "affluence trajectory v1: \(run.series.count) series, \(run.intervalCount) intervals of \(format(run.interval)) s from clock \(format(run.startClock)) s\n"
        for s in run.series { text += "\(s.kind.rawValue)\t\(s.entity)\t\(s.metric)\n" }
        let count = run.series.map(\.values.count).max() ?? 0
        for i in 0..<count {
            text += String(i)
            for s in run.series {
                text += " "
                text += s.values.indices.contains(i) ? format(s.values[i]) : "-"
            }
            text += "\n"
        }
        return text
    }

    /// `value` at 6 significant digits; `-0` is `0`, non-numbers are `nan`, `inf`, `-inf`.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == 0 { return "0" }
        return String(format: "%.\(significantDigits)g", value)
    }

    /// `models/validation/mm1.yaml` → `models/validation/mm1.fingerprint`.
    public static func path(forModel model: String) -> String {
        let url = URL(fileURLWithPath: model)
        let name = url.deletingPathExtension().lastPathComponent + ".fingerprint"
        let folder = (model as NSString).deletingLastPathComponent
        return folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
    }
}

/// The content of a `.fingerprint` file: the hash and what it was computed with.
public struct FingerprintRecord: Sendable, Hashable {
    public var sha256: String
    public var seed: UInt64
    public var replication: Int
    public var precision: String
    public var version: String

    public init(sha256: String, seed: UInt64, version: String) {
        self.sha256 = sha256
        self.seed = seed
        self.replication = Fingerprint.replication
        self.precision = "\(Fingerprint.significantDigits) significant digits"
        self.version = version
    }

    /// The file's text.
    public func render(model: String) -> String {
        """
        # Trajectory fingerprint of \((model as NSString).lastPathComponent): SHA-256 of every report interval's
        # series values (replication \(replication), the model's seed, \(precision)).
        # `affluence check` recomputes it and fails when it differs; refresh it only on purpose,
        # with `affluence check --update-fingerprints` (see `affluence check --help`).
        sha256: \(sha256)
        seed: \(seed)
        replication: \(replication)
        precision: \(precision)
        affluence: \(version)

        """
    }

    /// Reads a file written by ``render(model:)``; nil when it has no `sha256:` line.
    public static func parse(_ text: String) -> FingerprintRecord? {
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon]).trimmingCharacters(in: .whitespaces)] =
                String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
        guard let hash = fields["sha256"], !hash.isEmpty else { return nil }
        var record = FingerprintRecord(sha256: hash, seed: fields["seed"].flatMap(UInt64.init) ?? 0, version: fields["affluence"] ?? "")
        record.replication = fields["replication"].flatMap(Int.init) ?? Fingerprint.replication
        record.precision = fields["precision"] ?? record.precision
        return record
    }
}
