/// The machine-readable summaries `affluence run --json` and `affluence compare --json`
/// print on stdout: the figures the human summary shows, with stable keys, units in the
/// key names (`_s` seconds, `_clock` HH:MM text, `_s_of_day` seconds since midnight) and
/// numbers as JSON numbers (`null` when undefined). `docs/csv-format.md` lists the keys.
public enum SummaryJSON {
    /// Bumped when a key changes meaning; new keys may appear at any time.
    public static let formatVersion: Int64 = 1

    /// What the run command knows beyond the rows and the manifest.
    public struct RunFacts: Sendable {
        public var outputFolder: String
        public var files: [String]
        public var startSecondsOfDay: Double
        public var endSecondsOfDay: Double
        public var events: UInt64
        public var wallTimeSeconds: Double

        public init(
            outputFolder: String, files: [String], startSecondsOfDay: Double, endSecondsOfDay: Double,
            events: UInt64, wallTimeSeconds: Double
        ) {
            self.outputFolder = outputFolder
            self.files = files
            self.startSecondsOfDay = startSecondsOfDay
            self.endSecondsOfDay = endSecondsOfDay
            self.events = events
            self.wallTimeSeconds = wallTimeSeconds
        }
    }

    /// Per platform, the human summary's figures (means over replications), under their
    /// summary.csv names.
    static let platformFigures = [
        "saturation_onset_clock_s", "saturated_until_clock_s", "peak_desired_sessions",
        "peak_active_sessions", "share_never_in", "attempts_per_success", "refused",
    ]
    /// Per pool: (summary.csv name, JSON key with its unit where the name lacks one).
    static let poolFigures: [(metric: String, key: String)] = [
        ("utilization", "utilization"), ("mean_wait", "mean_wait_s"), ("p_wait", "p_wait"),
        ("mean_queue", "mean_queue_requests"), ("p_blocked", "p_blocked"), ("p_abandon", "p_abandon"),
        ("p95_response_s", "p95_response_s"),
    ]

    /// `affluence run --json`.
    public static func run(manifest: Manifest, summary: [SummaryRow], facts: RunFacts) -> JSONText {
        var members: [(String, JSONText)] = [
            ("format_version", .integer(formatVersion)),
            ("command", .string("run")),
            ("scenario", .string(manifest.scenarioName ?? "")),
        ]
        members += [
            ("scenario_path", .string(manifest.scenarioPath)),
            ("policy", .string(manifest.policies.first ?? "")),
            ("seed", .unsigned(manifest.seed)),
            ("replications", .integer(Int64(manifest.replications))),
            ("overrides", .array(manifest.overrides.map(JSONText.string))),
            ("start_clock", .string(ClockTime(secondsOfDay: facts.startSecondsOfDay).hoursMinutes)),
            ("end_clock", .string(ClockTime(secondsOfDay: facts.endSecondsOfDay).hoursMinutes)),
            ("start_s_of_day", .figure(facts.startSecondsOfDay)),
            ("end_s_of_day", .figure(facts.endSecondsOfDay)),
            ("output_folder", .string(facts.outputFolder)),
            ("files", .array(facts.files.map(JSONText.string))),
            ("events", .unsigned(facts.events)),
            ("wall_time_s", .figure(facts.wallTimeSeconds)),
            ("platforms", .array(entities(.platform, in: summary).map { platform($0, rows: summary, replications: manifest.replications) })),
            ("pools", .array(entities(.pool, in: summary).map { pool($0, rows: summary) })),
            ("figures", .array(summary.map(figure))),
        ]
        return .object(members)
    }

    /// `affluence compare --json`: per metric and entity, every policy's mean, paired
    /// difference against the baseline and rank.
    public static func compare(
        manifest: Manifest, baseline: String, rows: [ComparisonRow], outputFolder: String, files: [String],
        wallTimeSeconds: Double
    ) -> JSONText {
        struct Key: Hashable { var metric, kind, id: String }
        var order: [Key] = []
        var groups: [Key: [ComparisonRow]] = [:]
        for row in rows {
            let key = Key(metric: row.metric, kind: row.entityKind.rawValue, id: row.entityID)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(row)
        }
        let metrics = order.map { key -> JSONText in
            let entries = groups[key] ?? []
            return .object([
                ("metric", .string(key.metric)),
                ("entity_kind", .string(key.kind)),
                ("entity_id", .string(key.id)),
                ("unit", .string(entries.first?.unit ?? "")),
                ("policies", .array(entries.map { row in
                    var significant = JSONText.null
                    if let diff = row.diffVsBaseline, let half = row.diffCI95HalfWidth {
                        significant = .bool(abs(diff) > half)
                    }
                    return .object([
                        ("policy", .string(row.policy)),
                        ("description", .string(row.policyDescription)),
                        ("mean", .figure(row.mean)),
                        ("ci95_half_width", .figure(row.ci95HalfWidth)),
                        ("diff_vs_baseline", .figure(row.diffVsBaseline)),
                        ("diff_ci95_half_width", .figure(row.diffCI95HalfWidth)),
                        ("diff_excludes_zero", significant),
                        ("rank", row.rank.map { .integer(Int64($0)) } ?? .null),
                        ("share_never_saturated", .figure(row.shareNeverSaturated)),
                        ("share_not_recovered", .figure(row.shareNotRecovered)),
                    ])
                })),
            ])
        }
        return .object([
            ("format_version", .integer(formatVersion)),
            ("command", .string("compare")),
            ("scenario", .string(manifest.scenarioName ?? "")),
            ("scenario_path", .string(manifest.scenarioPath)),
            ("baseline", .string(baseline)),
            ("policies", .array(manifest.policies.map(JSONText.string))),
            ("seed", .unsigned(manifest.seed)),
            ("replications", .integer(Int64(manifest.replications))),
            ("output_folder", .string(outputFolder)),
            ("files", .array(files.map(JSONText.string))),
            ("wall_time_s", .figure(wallTimeSeconds)),
            ("metrics", .array(metrics)),
        ])
    }

    /// Entity ids of one kind in first-appearance order.
    static func entities(_ kind: EntityKind, in rows: [SummaryRow]) -> [String] {
        var seen: [String] = []
        for row in rows where row.entityKind == kind && !seen.contains(row.entityID) {
            seen.append(row.entityID)
        }
        return seen
    }

    static func platform(_ id: String, rows: [SummaryRow], replications: Int) -> JSONText {
        let mine = rows.filter { $0.entityKind == .platform && $0.entityID == id }
        let row = { (metric: String) in mine.first { $0.metric == metric } }
        let onset = row("saturation_onset_clock_s")
        var members: [(String, JSONText)] = [
            ("id", .string(id)),
            ("saturation_onset_clock", onset?.mean.map { .string(ReportFigures.clock($0)) } ?? .null),
            ("saturated_until_clock", row("saturated_until_clock_s")?.mean.map { .string(ReportFigures.clock($0)) } ?? .null),
            // Replications whose platform saturated (the onset is undefined in the others).
            ("saturated_replications", .integer(Int64(onset.map { $0.mean == nil ? 0 : $0.replications } ?? 0))),
            ("replications", .integer(Int64(replications))),
        ]
        // The two measures apart (absent from summaries written before they existed).
        for (metric, key) in [("overload_onset_clock_s", "overload_onset_clock"), ("overloaded_until_clock_s", "overloaded_until_clock"),
                              ("refusal_onset_clock_s", "refusal_onset_clock"), ("refusing_until_clock_s", "refusing_until_clock")] {
            guard let figure = row(metric) else { continue }
            members.append((key, figure.mean.map { .string(ReportFigures.clock($0)) } ?? .null))
        }
        for metric in platformFigures where row(metric) != nil {
            members.append((metric, .figure(row(metric)?.mean)))
        }
        for share in mine where share.metric.hasPrefix("share_in_by_") {
            members.append((share.metric, .figure(share.mean)))
        }
        return .object(members)
    }

    static func pool(_ id: String, rows: [SummaryRow]) -> JSONText {
        let mine = rows.filter { $0.entityKind == .pool && $0.entityID == id }
        var members: [(String, JSONText)] = [("id", .string(id))]
        for (metric, key) in poolFigures {
            guard let row = mine.first(where: { $0.metric == metric }) else { continue }
            members.append((key, .figure(row.mean)))
            members.append((key + "_ci95_half_width", .figure(row.ci95HalfWidth)))
        }
        return .object(members)
    }

    /// One summary.csv row, same column names.
    static func figure(_ row: SummaryRow) -> JSONText {
        .object([
            ("entity_kind", .string(row.entityKind.rawValue)),
            ("entity_id", .string(row.entityID)),
            ("metric", .string(row.metric)),
            ("unit", .string(row.unit)),
            ("mean", .figure(row.mean)),
            ("sd", .figure(row.sd)),
            ("ci95_half_width", .figure(row.ci95HalfWidth)),
            ("replications", .integer(Int64(row.replications))),
        ])
    }
}
