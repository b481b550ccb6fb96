import Testing
@testable import Scenario

/// A source's `rate_curve` may touch zero: the docs say a curve is zero outside its points,
/// so a point at zero inside it (a gap in demand) is as legal as one outside.
@Suite("Rate curves that touch zero")
struct RateCurveSyntaxTests {
    static func model(_ points: String) -> String {
        """
        version: 1
        name: zero touch
        end: 00:30
        sources:
          - {id: s, rate_curve: \(points), interpolation: step, pool: p}
        pools:
          - {id: p, servers: 5, service_time: exponential(mean: 1s)}
        """
    }

    @Test("a zero rate point is read in every unit, and the curve is zero there", arguments: ["0", "0/s", "0/min", "0/h", "0.0/s"])
    func zeroPoints(zero: String) throws {
        let scenario = try load(Self.model("[[00:00, \(zero)], [00:10, 2/s], [00:20, \(zero)], [00:30, 1/s]]"))
        let curve = try #require(scenario.sources.first?.rateCurve)
        #expect(curve.rates == [0, 2, 0, 1])
    }

    @Test("a curve that is zero everywhere, or a negative rate, is still an error")
    func stillRefused() {
        #expect(diagnostics(Self.model("[[00:00, 0/s], [00:30, 0/min]]")).first?.message == "the curve is zero everywhere")
        #expect(diagnostics(Self.model("[[00:00, -1/s], [00:30, 1/s]]")).first?.message.contains("-1/s") == true)
    }
}
