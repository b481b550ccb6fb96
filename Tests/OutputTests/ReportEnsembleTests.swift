import Testing
@testable import Metrics
@testable import Output

/// The plausible set's sentences: one per platform, with overload and refusal told apart.
@Suite struct ReportEnsembleTests {
    func row(_ kind: EntityKind, _ id: String, _ metric: String, withValue: Int, _ p05: Double?, _ p50: Double?, _ p95: Double?) -> EnsembleRow {
        EnsembleRow(scenario: "day", policy: "base", entityKind: kind, entityID: id, metric: metric, unit: "", members: 20,
                    membersWithValue: withValue, mean: p50, ci95HalfWidth: nil, betweenP05: p05, betweenP50: p50, betweenP95: p95)
    }

    @Test func eachPlatformSaysWhenItOverloadsAndWhenItRefuses() {
        let rows = [
            row(.platform, "idf", "saturation_onset_clock_s", withValue: 20, 28_800, 29_400, 30_600),
            row(.platform, "idf", "overload_onset_clock_s", withValue: 20, 28_800, 29_400, 30_600),
            row(.platform, "idf", "refusal_onset_clock_s", withValue: 18, 31_500, 32_400, 33_300),
            row(.platform, "idf", "saturated_share", withValue: 20, 0.2, 0.25, 0.31),
            row(.platform, "rest", "saturation_onset_clock_s", withValue: 0, nil, nil, nil),
            row(.pool, "idf", "saturation_onset_clock_s", withValue: 20, 28_800, 29_400, 30_600),
        ]
        let lines = ReportEnsemble.runSentences(rows)
        #expect(lines == [
            "idf: saturates between 08:00 and 08:30 in 90% of plausible worlds (median 08:10); "
                + "server overload between 08:00 and 08:30 in 90% of plausible worlds (median 08:10); "
                + "admission refusal between 08:45 and 09:15 in 81% of plausible worlds (median 09:00), never in 2 of 20; "
                + "saturated 20% to 31% of the day.",
            "rest does not saturate in any of the 20 plausible worlds.",
        ], "platforms only, when the model has platforms")
        // A platform that only overloads says its refusal never happens.
        let overloadOnly = ReportEnsemble.runSentences(Array(rows[0...1]) + [row(.platform, "idf", "refusal_onset_clock_s", withValue: 0, nil, nil, nil)])
        #expect(overloadOnly.first?.contains("admission refusal: never (20 worlds)") == true)
        // A model without platforms (a textbook pool) speaks of its pools.
        #expect(ReportEnsemble.runSentences([rows[5]]).first?.hasPrefix("idf: saturates between 08:00 and 08:30") == true)
        #expect(ReportEnsemble.runSentences(rows, language: .fr).first?.contains("refus à l'admission entre 08:45 et 09:15") == true)
        // One plausible world has no range: its own figures.
        var one = rows[0...3].map { r in var r = r; r.members = 1; r.membersWithValue = 1; return r }
        one[2].membersWithValue = 0
        #expect(ReportEnsemble.runSentences(one) == ["idf: saturates at 08:10 in the one plausible world; server overload at 08:10 in the one plausible world; "
                                                     + "admission refusal: never (1 worlds); saturated 25% of the day."])
    }
}

/// The compare page's charts for one figure.
@Suite struct ReportComparisonChartTests {
    func entry(_ policy: String, diff: Double?, halfWidth: Double?) -> ReportComparison.Entry {
        .init(policy: policy, unit: "s", mean: 30_000, halfWidth: 60, diff: diff, diffHalfWidth: halfWidth, rank: 1,
              neverSaturated: nil, notRecovered: nil, description: "")
    }

    @Test func aFigureNoPolicyMovesHasNoDifferenceChart() {
        let untouched = ReportComparison.Group(metric: "saturation_onset_clock_s", entityKind: "platform", entityID: "rest",
                                               entries: [entry("base", diff: nil, halfWidth: nil), entry("P0", diff: 0, halfWidth: 0)])
        #expect(ReportComparison.charts(untouched, baseline: "base", language: .en).map(\.role) == ["means"])
        var moved = untouched
        moved.entries[1] = entry("P0", diff: -120, halfWidth: 30)
        #expect(ReportComparison.charts(moved, baseline: "base", language: .en).map(\.role) == ["means", "differences"])
    }
}

/// The sweep page's heat map.
@Suite struct HeatMapShadeTests {
    @Test func aMapOfOneValueIsShadedMidScaleNotNearWhite() {
        let constant = HeatMap(title: "onset", xLabel: "servers", yLabel: "demand", xValues: ["150", "225"], yValues: ["1.2"],
                               cells: [[32_160, 32_160]], valueLabel: "s").render()
        #expect(constant.contains(HeatMap.colour(0.5).hex) && !constant.contains("fill=\"\(HeatMap.colour(0).hex)\" stroke=\"#ffffff\""))
        let varied = HeatMap(title: "onset", xLabel: "servers", yLabel: "demand", xValues: ["150", "225"], yValues: ["1.2"],
                             cells: [[30_000, 32_160]], valueLabel: "s").render()
        #expect(varied.contains(HeatMap.colour(0).hex) && varied.contains(HeatMap.colour(1).hex))
    }
}
