import Metrics
import Testing

@Suite("The metric catalogue")
struct MetricCatalogTests {
    @Test("every name is unique and reported somewhere, with a doc line that names its kinds")
    func entriesAreWellFormed() {
        var seen: Set<String> = []
        for m in MetricCatalog.all {
            #expect(seen.insert(m.name).inserted, "\(m.name) twice")
            #expect(!m.summaryKinds.isEmpty || !m.seriesKinds.isEmpty, "\(m.name) is reported nowhere")
            #expect((m.window != nil) == !m.seriesKinds.isEmpty, "\(m.name): a window aggregation exactly for series")
            #expect(!m.doc.isEmpty)
            // The doc line starts with the kinds it is reported for: "pool: …", "platform or segment series: …".
            let lead = m.doc.prefix { $0 != ":" }
            for kind in Set(m.summaryKinds + m.seriesKinds) {
                #expect(lead.contains(kind.rawValue), "\(m.name): doc \"\(lead)\" does not name \(kind)")
            }
        }
    }

    @Test("the CSV unit column keeps its spellings", arguments: [
        ("utilization", "share"), ("mean_wait", "s"), ("mean_response", "s"), ("p95_response_s", "s"),
        ("throughput_per_s", "1/s"), ("attempts_per_success", "ratio"), ("saturation_onset_clock_s", "s"),
        ("share_in_by_0900", "share"), ("busy_workers", "count"), ("fluid_mode", "count"), ("visits", "count"),
        ("error_share", "share"), ("p_wait_over_target", "share"),
    ])
    func csvUnits(metric: String, unit: String) {
        #expect(MetricCatalog.csvUnit(of: metric) == unit)
    }

    @Test("a checkpoint share is found by its clock time, the pattern itself is no summary metric")
    func patterns() throws {
        let spec = try #require(MetricCatalog.spec("share_in_by_0930"))
        #expect(spec.name == "share_in_by_HHMM")
        #expect(MetricCatalog.isSummary("share_in_by_0800", of: .segment))
        #expect(!MetricCatalog.isSummary("share_in_by_HHMM", of: .segment))
        #expect(MetricCatalog.spec("share_in_by_930") == nil)
        #expect(MetricCatalog.spec("share_in_by_09300") == nil)
        #expect(MetricCatalog.spec("no_such_metric") == nil)
    }

    @Test("series of counts sum over a window, levels and shares average, attempts per success is a ratio of sums")
    func windows() {
        #expect(MetricCatalog.spec("arrived")?.window == .sum)
        #expect(MetricCatalog.spec("active_sessions")?.window == .mean)
        #expect(MetricCatalog.spec("error_share")?.window == .mean)
        #expect(MetricCatalog.spec("attempts_per_success")?.window
            == .ratio(of: ["attempts_first", "attempts_retry"], to: "successful_logins"))
        #expect(MetricCatalog.spec("mean_wait")?.window == nil)
    }

    @Test("the names a ratio window reads are series of the same kinds")
    func ratioWindowsReadSeries() {
        for m in MetricCatalog.all {
            guard case .ratio(let tops, let bottom)? = m.window else { continue }
            for name in tops + [bottom] {
                for kind in m.seriesKinds { #expect(MetricCatalog.isSeries(name, of: kind), "\(m.name) reads \(name)") }
            }
        }
    }

    @Test("shares are better one way, demand is neither")
    func directions() {
        #expect(MetricCatalog.spec("share_never_in")?.direction == .lowerIsBetter)
        #expect(MetricCatalog.spec("share_in_by_0900")?.direction == .higherIsBetter)
        #expect(MetricCatalog.spec("saturation_onset_clock_s")?.direction == .higherIsBetter)
        #expect(MetricCatalog.spec("saturated_until_clock_s")?.direction == .lowerIsBetter)
        #expect(MetricCatalog.spec("visits")?.direction == MetricDirection.neither)
    }

    @Test("a summary figure is drawn over the day by itself or by the series its entry names for the entity's kind", arguments: [
        ("saturated_until_clock_s", EntityKind.platform, "error_share"), ("saturated_until_clock_s", .pool, "utilization"),
        ("saturation_onset_clock_s", .platform, "error_share"), ("refusal_onset_clock_s", .platform, "refused"),
        ("share_in_by_0900", .segment, "first_ins"), ("share_in_by_0900", .platform, "successful_logins"),
        ("mean_time_to_first_page_s", .segment, "first_ins"), ("forced_logouts", .platform, "forced_logouts"),
        ("utilization", .pool, "utilization"), ("share_never_in", .segment, "gave_up"), ("cap_refused", .platform, "refused"),
    ])
    func daySeries(metric: String, kind: EntityKind, series: String) {
        #expect(MetricCatalog.daySeries(of: metric, kind: kind) == series)
    }

    @Test("a figure with no series behind it has none; every series an entry names is recorded for one of its kinds")
    func daySeriesAreSeries() {
        #expect(MetricCatalog.daySeries(of: "p_wait_over_target", kind: .pool) == nil)
        #expect(MetricCatalog.daySeries(of: "events", kind: .run) == nil)
        #expect(MetricCatalog.daySeries(of: "no_such_metric", kind: .platform) == nil)
        for m in MetricCatalog.all {
            for name in m.overTheDay {
                #expect(m.summaryKinds.contains { MetricCatalog.isSeries(name, of: $0) }, "\(m.name) is drawn as \(name), a series of none of its kinds")
            }
        }
    }

    @Test("features' metrics are listed by what they require")
    func requirements() {
        #expect(MetricCatalog.names(requiring: .sessionCap) == ["cap_refused"])
        #expect(MetricCatalog.names(requiring: .serviceLevel) == ["p_wait_over_target", "share_response_within_target"])
        #expect(MetricCatalog.names(requiring: .waitingRoom).contains("peak_waiting_room_users"))
    }
}
