import Experiments
import Foundation
import Output
import Scenario

/// `--json` summaries of the planning commands (sweep, estimate, capacity, saturation),
/// written in the style of ``SummaryJSON`` (`run` and `compare`): keys in a fixed order,
/// figures as in the CSV files, `null` for undefined ones, the same `format_version`.
enum CommandJSON {
    /// The members every summary opens with.
    static func head(_ command: String, manifest: Manifest) -> [(String, JSONText)] {
        [("format_version", .integer(SummaryJSON.formatVersion)), ("command", .string(command)),
         ("scenario", .string(manifest.scenarioName ?? "")), ("scenario_path", .string(manifest.scenarioPath)),
         ("overrides", .array(manifest.overrides.map(JSONText.string))), ("policy", .string(manifest.policies.first ?? "base")),
         ("seed", .unsigned(manifest.seed)), ("replications", .integer(Int64(manifest.replications))),
         ("csv_dialect", .string(manifest.csvDialect))]
    }

    static func files(_ folder: URL, _ written: [String]) -> [(String, JSONText)] {
        [("output_folder", .string(folder.path)), ("files", .array(written.map(JSONText.string)))]
    }

    /// `sweep --json`: per point, its parameter values and every metric's mean and half-width.
    static func sweep(_ result: Sweep.Result, manifest: Manifest, folder: URL, written: [String], wallTimeSeconds: Double) -> JSONText {
        let plan = result.plan
        let points = plan.points.indices.map { point -> JSONText in
            .object([
                ("point", .integer(Int64(point + 1))),
                ("values", .object(zip(plan.paths, plan.points[point]).map { ($0, .string($1)) })),
                ("metrics", .array(result.cells.filter { $0.point == point }.map { cell in
                    .object([("metric", .string(cell.metric)), ("entity_kind", .string(cell.kind.rawValue)),
                             ("entity_id", .string(cell.entity)), ("mean", .figure(cell.estimate.mean)),
                             ("ci95_half_width", .figure(cell.estimate.halfWidth))])
                })),
            ])
        }
        return .object(head("sweep", manifest: manifest) + files(folder, written) + [
            ("wall_time_s", .figure(wallTimeSeconds)),
            ("parameters", .array(plan.paths.map(JSONText.string))),
            ("points", .array(points)),
        ])
    }

    /// `estimate --json`: per pool its peak offered load and the servers it has and needs;
    /// per platform its peak sessions (the per-interval figures are in estimate.csv).
    static func estimate(_ twin: AnalyticTwin, scenario: Scenario, path: String, folder: URL, written: [String],
                         wallTimeMilliseconds: Double) -> JSONText {
        let pools = scenario.pools.compactMap { pool -> JSONText? in
            guard let peak = twin.pools.filter({ $0.pool == pool.id }).max(by: { $0.offeredLoad < $1.offeredLoad }) else { return nil }
            return .object([
                ("pool", .string(pool.id)), ("peak_offered_load", .figure(peak.offeredLoad)),
                ("peak_at_clock_s", .figure(scenario.start + peak.start)),
                ("workers", pool.unlimited ? .null : .integer(Int64(peak.workers))),
                ("wait_s_at_peak", .figure(peak.wait)), ("psa_wait_s_at_peak", .figure(peak.psaWait)),
                ("servers", pool.unlimited ? .null : .integer(Int64(pool.servers))),
                ("servers_needed", .integer(Int64(twin.peakServersNeeded(pool: pool.id)))),
            ])
        }
        let platforms = scenario.platforms.compactMap { platform -> JSONText? in
            guard let peak = twin.platforms.filter({ $0.platform == platform.id }).max(by: { $0.sessions < $1.sessions }) else { return nil }
            return .object([("platform", .string(platform.id)), ("peak_sessions", .figure(peak.sessions)),
                            ("peak_at_clock_s", .figure(scenario.start + Double(peak.interval) * twin.interval))])
        }
        return .object([
            ("format_version", .integer(SummaryJSON.formatVersion)), ("command", .string("estimate")),
            ("scenario", .string(scenario.name)), ("scenario_path", .string(path)),
            ("overrides", .array(scenario.overrides.map { .string($0.description) })),
            ("beta", .figure(twin.beta)),
        ] + files(folder, written) + [
            ("wall_time_ms", .figure(wallTimeMilliseconds)),
            ("pools", .array(pools)), ("platforms", .array(platforms)),
        ])
    }

    /// `capacity --json` and `saturation --json`: the answer and every searched value's verdict.
    static func search(_ command: String, answer: [(String, JSONText)], objective: SLO, steps: [(value: Double, verdict: SLOVerdict)],
                       manifest: Manifest, folder: URL, written: [String], wallTimeSeconds: Double) -> JSONText {
        let evaluations = steps.sorted { $0.value < $1.value }.map { step -> JSONText in
            .object([
                ("value", .figure(step.value)), ("holds", .bool(step.verdict.holds)), ("confident", .bool(step.verdict.confident)),
                ("checks", .array(step.verdict.checks.map { c in
                    .object([("term", .string(c.term.text)), ("metric", .string(c.term.metric)),
                             ("entity_kind", .string(c.kind.rawValue)), ("entity_id", .string(c.entity)),
                             ("mean", .figure(c.estimate.mean)), ("ci95_half_width", .figure(c.estimate.halfWidth)),
                             ("one_sided_bound", .figure(c.bound)), ("comparison", .string(c.term.comparison.rawValue)),
                             ("threshold", .figure(c.term.threshold)), ("holds", .bool(c.holds)), ("confident", .bool(c.confident))])
                })),
                ("missing", .array(step.verdict.missing.map { .string($0.text) })),
            ])
        }
        return .object(head(command, manifest: manifest) + [("objective", .string(objective.text))] + answer
                       + files(folder, written) + [("wall_time_s", .figure(wallTimeSeconds)), ("evaluations", .array(evaluations))])
    }
}
