import Experiments
import Testing

@Suite("Compare ranks by the catalogue's direction")
struct CompareDirectionTests {
    @Test("directions and units come from the catalogue; an onset ranks later-is-better", arguments: [
        ("share_never_in@pupils", CompareMetric.Direction.lowerIsBetter, "share"),
        ("share_in_by_0900@pupils", .higherIsBetter, "share"),
        ("goodput_pages_per_s@ode_idf", .higherIsBetter, "1/s"),
        ("p95_response_s@ode_idf", .lowerIsBetter, "s"),
        ("saturation_onset_clock_s@ode_idf", .higherIsBetter, "s"),
        ("saturated_until_clock_s@ode_idf", .lowerIsBetter, "s"),
        ("refusals_per_success@*", .lowerIsBetter, "ratio"),
        ("attempts_per_success@ode_idf", .lowerIsBetter, "ratio"),
    ])
    func direction(text: String, direction: CompareMetric.Direction, unit: String) throws {
        let metric = try #require(CompareMetric(text))
        #expect(metric.direction == direction)
        #expect(metric.unit == unit)
    }

    @Test("a metric neither way better keeps ranking lower-first, and says it is neither")
    func neither() throws {
        let visits = try #require(CompareMetric("visits@ode_idf"))
        #expect(visits.catalogueDirection == .neither)
        #expect(visits.direction == .lowerIsBetter)
    }
}
