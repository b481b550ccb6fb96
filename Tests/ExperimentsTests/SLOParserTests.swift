import Testing
@testable import Experiments

@Suite("service objectives: parsing")
struct SLOParserTests {
    @Test("the issue's example reads as two terms in the metrics' own units")
    func issueExample() throws {
        let slo = try SLOParser.parse("p95(time_to_first_page) <= 2min and share_never_in <= 1%")
        #expect(slo.terms.count == 2)
        #expect(slo.terms[0].metric == "p95_time_to_first_page_s")
        #expect(slo.terms[0].threshold == 120)
        #expect(slo.terms[0].comparison == .atMost)
        #expect(slo.terms[0].entity == nil)
        #expect(slo.terms[1].metric == "share_never_in")
        #expect(abs(slo.terms[1].threshold - 0.01) < 1e-15)
    }

    @Test("entities, mean(), clock times, strict and reversed comparisons")
    func forms() throws {
        let slo = try SLOParser.parse("mean(wait)[servers] < 500ms and share_in_by_0900[pupils] >= 95% and saturation_onset_clock_s[ent] > 08:30 and p_wait <= 0.2")
        #expect(slo.terms.map(\.metric) == ["mean_wait", "share_in_by_0900", "saturation_onset_clock_s", "p_wait"])
        #expect(slo.terms.map(\.entity) == ["servers", "pupils", "ent", nil])
        #expect(slo.terms.map(\.comparison) == [.below, .atLeast, .above, .atMost])
        #expect(slo.terms[0].threshold == 0.5)
        #expect(slo.terms[2].threshold == 8.5 * 3600)
    }

    @Test("mistakes are reported at their column", arguments: [
        ("share_nevr_in <= 1%", 1, "unknown metric"),
        ("p_wait 0.2", 8, "expected a comparison"),
        ("p50(response) < 1s", 5, "no p50 of 'response'"),
        ("mean_wait <= 5%", 15, "not a share"),
        ("p95(time_to_first_page) <= 2hours", 29, "unknown unit"),
        ("p_wait <= 0.2 or p_blocked <= 1%", 15, "expected `and`"),
        ("utilization <= ", 16, "expected a number"),
        ("max(wait) <= 1s", 1, "unknown function"),
    ])
    func errors(text: String, column: Int, message: String) {
        do {
            _ = try SLOParser.parse(text)
            Issue.record("\(text) parsed")
        } catch {
            #expect(error.column == column, "\(error.description)")
            #expect(error.message.contains(message), "\(error.message)")
            #expect(error.description.contains("^"))
        }
    }
}
