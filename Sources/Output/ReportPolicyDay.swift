import Metrics

/// Each compared policy over the day, from series-policies.csv: one line chart per series
/// behind the compared figures (the pupils' first pages for their "in by" shares, the busiest
/// platform's failed answers for its saturation times…), one line per policy with its 95%
/// band, the time of day across.
enum ReportPolicyDay {
    struct Figure {
        var metric: String
        var chart: LineChart
    }

    /// The charts, in the file's order of series, and the titles of series left out because
    /// every policy's figure was zero all day.
    struct Charts {
        var figures: [Figure] = []
        var zeroAllDay: [String] = []
    }

    /// The longest title and legend entry drawn whole; longer ones end with "…" (an SVG
    /// line does not wrap, and the page is 800 px wide).
    static let titleLimit = 84
    static let legendLimit = 100

    /// - Parameter descriptions: each policy's description (comparison.csv), for the legends.
    static func charts(
        _ table: CSVTable, names: ReportNames = .init(), baseline: String?, descriptions: [String: String],
        language t: ReportLanguage
    ) throws -> Charts {
        struct Key: Hashable { var kind, id, metric: String }
        var order: [Key] = []
        var lines: [Key: [(policy: String, points: [LineChart.Point], band: [LineChart.BandPoint])]] = [:]
        var starts: [Key: [Double]] = [:]
        var origin: Double?
        for record in table.records {
            let key = Key(kind: try record.requireText("entity_kind"), id: try record.requireText("entity_id"),
                          metric: try record.requireText("metric"))
            let policy = try record.requireText("policy")
            let start = try record.requireNumber("interval_start_s")
            // The clock of the first row, less its seconds from the start, is the start's time of day.
            if origin == nil, let clock = ClockTime(parsing: try record.requireText("interval_start_clock")) {
                origin = clock.secondsOfDay - start
            }
            let x = (origin ?? 0) + start
            let unit = MetricCatalog.spec(key.metric)?.unit
            let scale = unit == .share ? 100.0 : 1.0
            let mean = try record.optionalNumber("mean").map { $0 * scale }
            // The band of a mean that cannot be negative (or past 100%) stops there.
            let floor = unit == .clock ? -Double.infinity : 0, ceiling = unit == .share ? 1.0 : .infinity
            let low = try record.optionalNumber("ci95_low").map { max($0, floor) }
            let high = try record.optionalNumber("ci95_high").map { min($0, ceiling) }
            if lines[key] == nil { order.append(key) }
            var perPolicy = lines[key] ?? []
            if perPolicy.last?.policy != policy { perPolicy.append((policy, [], [])) }
            perPolicy[perPolicy.count - 1].points.append(LineChart.Point(x: x, y: mean))
            if let low, let high { perPolicy[perPolicy.count - 1].band.append(.init(x: x, low: low * scale, high: high * scale)) }
            lines[key] = perPolicy
            if perPolicy.count == 1 { starts[key, default: []].append(start) }
        }
        let xs = lines.values.flatMap { $0.flatMap { $0.points.map(\.x) } }
        let domain = xs.min().flatMap { low in xs.max().map { low...max($0, low + 60) } }

        var charts = Charts()
        for key in order {
            let subject = title(key.metric, kind: key.kind, id: key.id, names: names, language: t)
            let policies = lines[key] ?? []
            let allZero = policies.allSatisfy { line in
                line.points.allSatisfy { ($0.y ?? 0) == 0 } && line.band.allSatisfy { $0.low == 0 && $0.high == 0 }
            }
            if allZero {
                charts.zeroAllDay.append(subject)
                continue
            }
            let series = policies.map { line in
                LineChart.Series(name: legend(line.policy, baseline: baseline, description: descriptions[line.policy], language: t),
                                 points: line.points, band: line.band)
            }
            let interval = (starts[key] ?? []).count > 1 ? starts[key]![1] - starts[key]![0] : nil
            charts.figures.append(Figure(metric: key.metric, chart: LineChart(
                title: shortened(t.text(.chartPolicyDay, subject), to: titleLimit),
                yLabel: axisLabel(key.metric, interval: interval, language: t), series: series, includeZero: true,
                xDomain: domain, language: t, legendColumns: 1, axisFollowsLines: true)))
        }
        return charts
    }

    /// "Visits getting their first page — segment pupils".
    static func title(_ metric: String, kind: String, id: String, names: ReportNames, language t: ReportLanguage) -> String {
        let entity = id == "*" ? t.text(.allPlatforms) : t.entityKind(kind) + " " + names(kind, id)
        let label = seriesLabel(metric, language: t)
        return label.prefix(1).uppercased() + label.dropFirst() + " — " + entity
    }

    /// A series as people say it, else its CSV name.
    static func seriesLabel(_ metric: String, language t: ReportLanguage) -> String {
        let phrases: [String: ReportPhrase] = [
            "first_ins": .seriesFirstIns, "refused": .seriesRefused, "gave_up": .seriesGaveUp,
            "successful_logins": .seriesLogins, "active_sessions": .seriesActive, "desired_sessions": .seriesWanted,
            "waiting_room_users": .seriesInRoom, "utilization": .seriesBusy, "pages_ok": .seriesPagesOK,
            "error_share": .seriesErrorShare, "forced_logouts": .metricForcedLogouts,
        ]
        return phrases[metric].map { t.text($0) } ?? metric
    }

    /// "P2 — FIFO waiting room…", "base (baseline) — the model as written".
    static func legend(_ policy: String, baseline: String?, description: String?, language t: ReportLanguage) -> String {
        let name = policy == baseline ? t.text(.baselineLabel, policy) : policy
        let said = description.flatMap { $0.isEmpty ? nil : $0 } ?? (policy == "base" ? t.text(.baseDescription) : nil)
        return shortened(said.map { name + " — " + $0 } ?? name, to: legendLimit)
    }

    /// The y axis: a count per report interval, a percentage, or the metric's unit.
    static func axisLabel(_ metric: String, interval: Double?, language t: ReportLanguage) -> String {
        guard let spec = MetricCatalog.spec(metric) else { return metric }
        switch spec.unit {
        case .share: return t.text(.axisPercent)
        case .seconds, .clock: return t.text(.unitSeconds)
        case .perSecond: return t.text(.unitPerSecond)
        case .ratio: return t.text(.unitRatio)
        case .level, .flag: return t.text(.unitLevel)
        case .count, .modelCount:
            if spec.window != .sum { return t.text(.unitLevel) }
            let length = interval.flatMap { $0 > 0 ? ReportChartSpec.duration($0, language: t) : nil } ?? t.text(.interval)
            return t.text(.unitCountPer, length)
        }
    }

    static func shortened(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
