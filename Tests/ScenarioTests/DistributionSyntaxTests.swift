import Foundation
import Stochastics
import Testing
@testable import Scenario

@Suite("Distribution syntax")
struct DistributionSyntaxTests {
    static let cases: [(String, Double, Double)] = [
        // (text, mean, variance) in seconds
        ("exponential(mean: 75s)", 75, 75 * 75),
        ("exponential(75s)", 75, 75 * 75),
        ("lognormal(mean: 120ms, cv: 1.5)", 0.12, 0.12 * 0.12 * 2.25),
        ("gamma(shape: 2, scale: 30s)", 60, 1800),
        ("erlang(k: 3, mean: 1s)", 1, 1.0 / 3),
        ("uniform(20min, 40min)", 1800, 1200 * 1200 / 12),
        ("uniform(min: 20min, max: 40min)", 1800, 1200 * 1200 / 12),
        ("deterministic(1s)", 1, 0),
        ("1s", 1, 0),
        ("empirical(values: [1s, 3s])", 2, 1),
        ("empirical(values: [1s, 3s], weights: [3, 1])", 1.5, 0.75),
        ("empirical(bins: [0s, 2s], weights: [1])", 1, 4.0 / 12),
        ("mixture(0.4: exponential(mean: 15s), 0.6: exponential(mean: 3min))", 0.4 * 15 + 0.6 * 180, 0.4 * 2 * 225 + 0.6 * 2 * 32400 - 114 * 114),
        ("mixture(50%: 1s, 50%: mixture(0.5: 2s, 0.5: 4s))", 2, 1.5),
    ]

    @Test("parses to the right distribution", arguments: cases)
    func parses(text: String, mean: Double, variance: Double) throws {
        let d = try DistributionSyntax.parse(text, .duration).get()
        #expect(abs(d.mean - mean) < 1e-9 * max(1, mean))
        #expect(abs(d.variance - variance) < 1e-6 * max(1, variance))
    }

    @Test("lognormal forms agree")
    func lognormalForms() throws {
        let median = try DistributionSyntax.parse("lognormal(median: 8min, sigma: 1.1)", .duration).get()
        let mu = try DistributionSyntax.parse("lognormal(mu: \(log(480.0)), sigma: 1.1)", .duration).get()
        #expect(abs(median.mean - mu.mean) < 1e-9)
        #expect(abs(median.mean - 480 * exp(1.1 * 1.1 / 2)) < 1e-9)
    }

    @Test("counts take no units")
    func counts() throws {
        #expect(try DistributionSyntax.parse("exponential(mean: 7.49)", .count).get().mean == 7.49)
        #expect(throws: Units.Failure.self) { try DistributionSyntax.parse("exponential(mean: 7s)", .count).get() }
        #expect(throws: Units.Failure.self) { try DistributionSyntax.parse("exponential(mean: 7)", .duration).get() }
    }

    @Test("normal is truncated at zero")
    func normal() throws {
        let d = try DistributionSyntax.parse("normal(mean: 30s, sd: 5s)", .duration).get()
        #expect(abs(d.mean - 30) < 1e-6)
    }

    @Test("errors say what and where", arguments: [
        ("exponentail(mean: 1s)", 0, "unknown distribution `exponentail`"),
        ("exponential(avg: 1s)", 12, "unknown parameter `avg`"),
        ("lognormal(mean: 1s, cv: -1)", 0, "lognormal: invalid cv -1"),
        ("uniform(2s, 1s)", 0, "uniform: invalid upper 1"),
        ("mixture(0.4: 1s, 0.5: 2s)", 0, "mixture weights add up to 90%"),
        ("mixture(1s)", 8, "mixture component without a weight"),
        ("gamma(shape: 2, scale: 30s", 26, "missing `)`"),
        ("exponential(mean: 1s) junk", 22, "unexpected `junk`"),
        ("erlang(k: 1.5, mean: 1s)", 10, "erlang: invalid k 1.5"),
        ("weibull(shape: 1)", 0, "weibull needs shape and scale"),
    ])
    func errors(text: String, offset: Int, message: String) {
        guard case .failure(let f) = DistributionSyntax.parse(text, .duration) else { Issue.record("accepted \(text)"); return }
        #expect(f.offset == offset, "\(f)")
        #expect(f.message.contains(message), "\(f.message)")
    }

    @Test("deep nesting is refused, not a stack overflow")
    func deepNesting() {
        let text = String(repeating: "mixture(1: ", count: 40) + "1s" + String(repeating: ")", count: 40)
        #expect(throws: Units.Failure.self) { try DistributionSyntax.parse(text, .duration).get() }
    }
}
