import Testing
@testable import Stochastics

/// A distribution with its moments computed independently (scipy.stats 1.17 for the
/// parametric families; mpmath closed forms for the truncated normal,
/// μ + σ·φ(α)/Q(α) and σ²(1 + αλ − λ²) with α = −μ/σ, and quadrature for its fourth
/// moment; exact sums for the empirical tables and the mixture).
struct MomentCase: Sendable, CustomTestStringConvertible {
    let name: String
    let make: @Sendable () throws -> Distribution
    let mean: Double
    let variance: Double
    /// The central fourth moment μ4, which sets the standard error of the sample variance.
    let centralFourthMoment: Double
    /// Where every sample must fall.
    let support: ClosedRange<Double>

    var testDescription: String { name }
}

let momentCases: [MomentCase] = [
    MomentCase(name: "exponential(mean: 2.5)", make: { try .exponential(mean: 2.5) },
               mean: 2.5, variance: 6.25, centralFourthMoment: 351.5625, support: 0...(.infinity)),
    MomentCase(name: "lognormal(mean: 3, cv: 0.5)", make: { try .lognormal(mean: 3, cv: 0.5) },
               mean: 3, variance: 2.25, centralFourthMoment: 40.677978515624886, support: 0...(.infinity)),
    MomentCase(name: "lognormal(mu: 0.2, sigma: 0.4)", make: { try .lognormal(mu: 0.2, sigma: 0.4) },
               mean: 1.323129812337437, variance: 0.3037607103477868, centralFourthMoment: 0.5776149602525766,
               support: 0...(.infinity)),
    MomentCase(name: "lognormal(median: 10, sigma: 0.3)", make: { try .lognormal(median: 10, sigma: 0.3) },
               mean: 10.46027859908717, variance: 10.304307941659987, centralFourthMoment: 493.19083717266767,
               support: 0...(.infinity)),
    MomentCase(name: "gamma(shape: 2.5, scale: 1.5)", make: { try .gamma(shape: 2.5, scale: 1.5) },
               mean: 3.75, variance: 5.625, centralFourthMoment: 170.859375, support: 0...(.infinity)),
    MomentCase(name: "gamma(shape: 0.5, scale: 2)", make: { try .gamma(shape: 0.5, scale: 2) },
               mean: 1, variance: 2, centralFourthMoment: 60, support: 0...(.infinity)),
    MomentCase(name: "erlang(phases: 3, mean: 6)", make: { try .erlang(phases: 3, mean: 6) },
               mean: 6, variance: 12, centralFourthMoment: 720, support: 0...(.infinity)),
    MomentCase(name: "weibull(shape: 1.5, scale: 2)", make: { try .weibull(shape: 1.5, scale: 2) },
               mean: 1.805490585901867, variance: 1.5027611392557279, centralFourthMoment: 9.914809032411494,
               support: 0...(.infinity)),
    MomentCase(name: "weibull(shape: 0.8, scale: 1)", make: { try .weibull(shape: 0.8, scale: 1) },
               mean: 1.1330030963193463, variance: 2.039654954178617, centralFourthMoment: 65.48451456147302,
               support: 0...(.infinity)),
    // Pareto shapes above 4, so the fourth moment (and the variance's standard error) exists.
    MomentCase(name: "pareto(shape: 5, scale: 1)", make: { try .pareto(shape: 5, scale: 1) },
               mean: 1.25, variance: 0.10416666666666667, centralFourthMoment: 0.80078125, support: 1...(.infinity)),
    MomentCase(name: "pareto(shape: 4.5, scale: 2)", make: { try .pareto(shape: 4.5, scale: 2) },
               mean: 2.5714285714285716, variance: 0.5877551020408164, centralFourthMoment: 51.626488962743224,
               support: 2...(.infinity)),
    MomentCase(name: "uniform(2, 5)", make: { try .uniform(lower: 2, upper: 5) },
               mean: 3.5, variance: 0.75, centralFourthMoment: 1.0125, support: 2...5),
    MomentCase(name: "normal(mean: -1, sd: 1)", make: { try .truncatedNormal(mean: -1, sd: 1) },
               mean: 0.52513527616098121, variance: 0.19909766557034879, centralFourthMoment: 0.19809462498743298,
               support: 0...(.infinity)),
    MomentCase(name: "normal(mean: 0, sd: 1)", make: { try .truncatedNormal(mean: 0, sd: 1) },
               mean: 0.79788456080286536, variance: 0.36338022763241866, centralFourthMoment: 0.51090625155678406,
               support: 0...(.infinity)),
    MomentCase(name: "normal(mean: 10, sd: 2)", make: { try .truncatedNormal(mean: 10, sd: 2) },
               mean: 10.000002973439882, variance: 3.9999702655923406, centralFourthMoment: 47.996669743725103,
               support: 0...(.infinity)),
    // Five and fifteen sd below zero: GSL switches to its tail sampler for these.
    MomentCase(name: "normal(mean: -5, sd: 1)", make: { try .truncatedNormal(mean: -5, sd: 1) },
               mean: 0.18650396712584212, variance: 0.032696434617112225, centralFourthMoment: 0.0082950074839007305,
               support: 0...(.infinity)),
    MomentCase(name: "normal(mean: -30, sd: 2)", make: { try .truncatedNormal(mean: -30, sd: 2) },
               mean: 0.13217365433564407, variance: 0.017320495030239575, centralFourthMoment: 0.0026398897946016579,
               support: 0...(.infinity)),
    MomentCase(name: "deterministic(4)", make: { try .deterministic(4) },
               mean: 4, variance: 0, centralFourthMoment: 0, support: 4...4),
    MomentCase(name: "empirical([1, 2, 5, 10], weights [4, 3, 2, 1])",
               make: { try .empirical(values: [1, 2, 5, 10], weights: [4, 3, 2, 1]) },
               mean: 3, variance: 7.6, centralFourthMoment: 250, support: 1...10),
    MomentCase(name: "empirical([1, 3, 3, 7]) with equal weights", make: { try .empirical(values: [1, 3, 3, 7]) },
               mean: 3.5, variance: 4.75, centralFourthMoment: 47.3125, support: 1...7),
    MomentCase(name: "empirical bins [0, 1, 3, 10] weights [1, 2, 1]",
               make: { try .empirical(binEdges: [0, 1, 3, 10], weights: [1, 2, 1]) },
               mean: 2.75, variance: 6.270833333333334, centralFourthMoment: 150.93828124999993, support: 0...10),
    // 0.3·Exp(1) + 0.7·(0.25·δ₂ + 0.75·U(4, 6)): a mixture inside a mixture.
    MomentCase(name: "nested mixture",
               make: {
                   try .mixture([
                       (weight: 3, distribution: .exponential(mean: 1)),
                       (weight: 7, distribution: .mixture([
                           (weight: 1, distribution: .deterministic(2)),
                           (weight: 3, distribution: .uniform(lower: 4, upper: 6)),
                       ])),
                   ])
               },
               mean: 3.275, variance: 3.874375, centralFourthMoment: 22.932655078125322, support: 0...(.infinity)),
]

@Suite("Distributions")
struct DistributionTests {
    @Test("the mean and variance formulas agree with independently computed values", arguments: momentCases)
    func formulas(_ c: MomentCase) throws {
        let d = try c.make()
        // Closed forms evaluated in double precision: a few ulps, except the truncated normal's
        // variance σ²(1 + αλ − λ²), which cancels about log10(λ²/variance) digits far in the tail.
        let tolerance = 1e-9
        #expect(abs(d.mean - c.mean) <= tolerance * max(1, abs(c.mean)), "mean \(d.mean)")
        #expect(abs(d.variance - c.variance) <= tolerance * max(1, abs(c.variance)), "variance \(d.variance)")
    }

    @Test("the sample mean and variance match the formulas within 4.5 standard errors", arguments: momentCases)
    func sampleMoments(_ c: MomentCase) throws {
        let d = try c.make()
        let stream = StreamFactory(seed: 20_240_607).stream(c.name)
        let n = 200_000
        var m = SampleMoments()
        var outside = 0
        for _ in 0..<n {
            let x = d.sample(stream)
            if !c.support.contains(x) { outside += 1 }
            m.add(x)
        }
        #expect(outside == 0, "samples outside \(c.support)")
        // Standard error of the sample mean: σ/√n. Of the sample variance: √((μ4 − σ⁴)/n).
        let meanError = (d.variance / Double(n)).squareRoot()
        let varianceError = ((c.centralFourthMoment - c.variance * c.variance) / Double(n)).squareRoot()
        #expect(abs(m.mean - d.mean) <= zBound * meanError, "sample mean \(m.mean) vs \(d.mean) (se \(meanError))")
        #expect(abs(m.variance - d.variance) <= zBound * varianceError,
                "sample variance \(m.variance) vs \(d.variance) (se \(varianceError))")
    }

    @Test("weighted empirical values are drawn in proportion to their weights; zero weights never")
    func empiricalFrequencies() throws {
        let d = try Distribution.empirical(values: [1, 2, 5, 10, 20], weights: [4, 3, 0, 2, 1])
        let stream = StreamFactory(seed: 11).stream("empirical-frequencies")
        let n = 100_000
        var counts = [Double: Int]()
        for _ in 0..<n { counts[d.sample(stream), default: 0] += 1 }
        #expect(counts[5] == nil)
        let values: [Double] = [1, 2, 10, 20], p = [0.4, 0.3, 0.2, 0.1]
        let pValue = chiSquarePValue(
            chiSquareStatistic(observed: values.map { counts[$0] ?? 0 }, expected: p.map { $0 * Double(n) }),
            degreesOfFreedom: values.count - 1)
        #expect(pValue > minimumPValue)
        // Leading and trailing zero weights too.
        let edges = try Distribution.empirical(values: [1, 2, 3], weights: [0, 1, 0])
        #expect((0..<10_000).allSatisfy { _ in edges.sample(stream) == 2 })
    }

    @Test("empirical bins are chosen by weight and filled uniformly")
    func binFrequencies() throws {
        let d = try Distribution.empirical(binEdges: [0, 1, 3, 10], weights: [1, 2, 1])
        let stream = StreamFactory(seed: 12).stream("bins")
        let n = 100_000
        // Cells of width 1 over [0, 10): bin 1 spreads 1/4, bin 2 spreads 1/2 over 2 cells, bin 3 1/4 over 7.
        var counts = [Int](repeating: 0, count: 10)
        for _ in 0..<n { counts[min(9, Int(d.sample(stream)))] += 1 }
        let p = [0.25, 0.25, 0.25] + [Double](repeating: 0.25 / 7, count: 7)
        let pValue = chiSquarePValue(chiSquareStatistic(observed: counts, expected: p.map { $0 * Double(n) }),
                                     degreesOfFreedom: 9)
        #expect(pValue > minimumPValue)
    }

    @Test("Pareto's mean is infinite for shape ≤ 1 and its variance for shape ≤ 2", arguments: [0.5, 1, 1.5, 2, 2.5])
    func paretoMoments(shape: Double) throws {
        let d = try Distribution.pareto(shape: shape, scale: 3)
        if shape <= 1 {
            #expect(d.mean == .infinity)
        } else {
            #expect(d.mean == shape * 3 / (shape - 1))
        }
        if shape <= 2 {
            #expect(d.variance == .infinity)
        } else {
            #expect(abs(d.variance - 9 * shape / ((shape - 1) * (shape - 1) * (shape - 2))) <= 1e-12)
        }
    }

    @Test("squared coefficients of variation: 1 for exponential, 1/k for Erlang-k, 0 for deterministic, cv² for lognormal")
    func squaredCoefficientOfVariation() throws {
        #expect(try Distribution.exponential(mean: 7).squaredCoefficientOfVariation == 1)
        #expect(abs(try Distribution.erlang(phases: 4, mean: 2).squaredCoefficientOfVariation - 0.25) <= 1e-15)
        #expect(try Distribution.deterministic(3).squaredCoefficientOfVariation == 0)
        #expect(abs(try Distribution.lognormal(mean: 5, cv: 1.5).squaredCoefficientOfVariation - 2.25) <= 1e-12)
    }

    @Test("descriptions use the scenario-file syntax")
    func descriptions() throws {
        #expect(try Distribution.exponential(mean: 30).description == "exponential(mean: 30)")
        #expect(try Distribution.truncatedNormal(mean: -1, sd: 0.5).description == "normal(mean: -1, sd: 0.5)")
        #expect(try Distribution.empirical(binEdges: [0, 1, 2], weights: [1, 1]).description == "empirical(2 bins)")
        #expect(try Distribution.mixture([(1, .deterministic(2)), (1, .uniform(lower: 0, upper: 1))]).description
                == "mixture(deterministic(2), uniform(0, 1))")
    }
}

/// A factory call that must fail, and the distribution and parameter its error must name.
struct InvalidCase: Sendable, CustomTestStringConvertible {
    let call: String
    let make: @Sendable () throws -> Distribution
    let distribution: String
    let parameter: String
    var testDescription: String { call }
}

let invalidCases: [InvalidCase] = [
    InvalidCase(call: "deterministic(-1)", make: { try .deterministic(-1) }, distribution: "deterministic", parameter: "value"),
    InvalidCase(call: "deterministic(nan)", make: { try .deterministic(.nan) }, distribution: "deterministic", parameter: "value"),
    InvalidCase(call: "deterministic(inf)", make: { try .deterministic(.infinity) }, distribution: "deterministic", parameter: "value"),
    InvalidCase(call: "exponential(mean: 0)", make: { try .exponential(mean: 0) }, distribution: "exponential", parameter: "mean"),
    InvalidCase(call: "exponential(mean: -2)", make: { try .exponential(mean: -2) }, distribution: "exponential", parameter: "mean"),
    InvalidCase(call: "exponential(mean: inf)", make: { try .exponential(mean: .infinity) }, distribution: "exponential", parameter: "mean"),
    InvalidCase(call: "lognormal(mu: nan, sigma: 1)", make: { try .lognormal(mu: .nan, sigma: 1) }, distribution: "lognormal", parameter: "mu"),
    InvalidCase(call: "lognormal(mu: 0, sigma: 0)", make: { try .lognormal(mu: 0, sigma: 0) }, distribution: "lognormal", parameter: "sigma"),
    InvalidCase(call: "lognormal(mean: 0, cv: 1)", make: { try .lognormal(mean: 0, cv: 1) }, distribution: "lognormal", parameter: "mean"),
    InvalidCase(call: "lognormal(mean: 1, cv: 0)", make: { try .lognormal(mean: 1, cv: 0) }, distribution: "lognormal", parameter: "cv"),
    InvalidCase(call: "lognormal(mean: 1, cv: -1)", make: { try .lognormal(mean: 1, cv: -1) }, distribution: "lognormal", parameter: "cv"),
    InvalidCase(call: "lognormal(median: 0, sigma: 1)", make: { try .lognormal(median: 0, sigma: 1) }, distribution: "lognormal", parameter: "median"),
    InvalidCase(call: "lognormal(median: 1, sigma: -1)", make: { try .lognormal(median: 1, sigma: -1) }, distribution: "lognormal", parameter: "sigma"),
    InvalidCase(call: "gamma(shape: 0, scale: 1)", make: { try .gamma(shape: 0, scale: 1) }, distribution: "gamma", parameter: "shape"),
    InvalidCase(call: "gamma(shape: 1, scale: -2)", make: { try .gamma(shape: 1, scale: -2) }, distribution: "gamma", parameter: "scale"),
    InvalidCase(call: "erlang(phases: 0, mean: 1)", make: { try .erlang(phases: 0, mean: 1) }, distribution: "erlang", parameter: "phases"),
    InvalidCase(call: "erlang(phases: 2, mean: 0)", make: { try .erlang(phases: 2, mean: 0) }, distribution: "erlang", parameter: "mean"),
    InvalidCase(call: "weibull(shape: -1, scale: 1)", make: { try .weibull(shape: -1, scale: 1) }, distribution: "weibull", parameter: "shape"),
    InvalidCase(call: "weibull(shape: 1, scale: 0)", make: { try .weibull(shape: 1, scale: 0) }, distribution: "weibull", parameter: "scale"),
    InvalidCase(call: "pareto(shape: 0, scale: 1)", make: { try .pareto(shape: 0, scale: 1) }, distribution: "pareto", parameter: "shape"),
    InvalidCase(call: "pareto(shape: 2, scale: inf)", make: { try .pareto(shape: 2, scale: .infinity) }, distribution: "pareto", parameter: "scale"),
    InvalidCase(call: "uniform(-1, 1)", make: { try .uniform(lower: -1, upper: 1) }, distribution: "uniform", parameter: "lower"),
    InvalidCase(call: "uniform(2, 2)", make: { try .uniform(lower: 2, upper: 2) }, distribution: "uniform", parameter: "upper"),
    InvalidCase(call: "uniform(3, 1)", make: { try .uniform(lower: 3, upper: 1) }, distribution: "uniform", parameter: "upper"),
    InvalidCase(call: "normal(mean: nan, sd: 1)", make: { try .truncatedNormal(mean: .nan, sd: 1) }, distribution: "normal", parameter: "mean"),
    InvalidCase(call: "normal(mean: 1, sd: 0)", make: { try .truncatedNormal(mean: 1, sd: 0) }, distribution: "normal", parameter: "sd"),
    InvalidCase(call: "normal(mean: -40, sd: 1)", make: { try .truncatedNormal(mean: -40, sd: 1) }, distribution: "normal", parameter: "mean"),
    InvalidCase(call: "empirical(values: [])", make: { try .empirical(values: []) }, distribution: "empirical", parameter: "values"),
    InvalidCase(call: "empirical(values: [1, -1])", make: { try .empirical(values: [1, -1]) }, distribution: "empirical", parameter: "values"),
    InvalidCase(call: "empirical(values: [1, 2], weights: [1])", make: { try .empirical(values: [1, 2], weights: [1]) },
                distribution: "empirical", parameter: "weights"),
    InvalidCase(call: "empirical(values: [1, 2], weights: [1, -1])", make: { try .empirical(values: [1, 2], weights: [1, -1]) },
                distribution: "empirical", parameter: "weight"),
    InvalidCase(call: "empirical(values: [1, 2], weights: [0, 0])", make: { try .empirical(values: [1, 2], weights: [0, 0]) },
                distribution: "empirical", parameter: "weights"),
    InvalidCase(call: "empirical(binEdges: [1], weights: [])", make: { try .empirical(binEdges: [1], weights: []) },
                distribution: "empirical", parameter: "edges"),
    InvalidCase(call: "empirical(binEdges: [0, 1, 1], weights: [1, 1])", make: { try .empirical(binEdges: [0, 1, 1], weights: [1, 1]) },
                distribution: "empirical", parameter: "edges"),
    InvalidCase(call: "empirical(binEdges: [-1, 1], weights: [1])", make: { try .empirical(binEdges: [-1, 1], weights: [1]) },
                distribution: "empirical", parameter: "edges"),
    InvalidCase(call: "empirical(binEdges: [0, 1, 2], weights: [1])", make: { try .empirical(binEdges: [0, 1, 2], weights: [1]) },
                distribution: "empirical", parameter: "weights"),
    InvalidCase(call: "empirical(binEdges: [0, 1], weights: [0])", make: { try .empirical(binEdges: [0, 1], weights: [0]) },
                distribution: "empirical", parameter: "weights"),
    InvalidCase(call: "mixture([])", make: { try .mixture([]) }, distribution: "mixture", parameter: "components"),
    InvalidCase(call: "mixture([(-1, δ1)])", make: { try .mixture([(weight: -1, distribution: .deterministic(1))]) },
                distribution: "mixture", parameter: "weight"),
    InvalidCase(call: "mixture([(0, δ1), (0, δ2)])",
                make: { try .mixture([(weight: 0, distribution: .deterministic(1)), (weight: 0, distribution: .deterministic(2))]) },
                distribution: "mixture", parameter: "weights"),
]

@Suite("Distribution parameter validation")
struct DistributionValidationTests {
    @Test("invalid parameters are rejected with a message naming the distribution and the parameter", arguments: invalidCases)
    func rejected(_ c: InvalidCase) {
        let error = #expect(throws: DistributionError.self) { try c.make() }
        #expect(error?.distribution == c.distribution)
        #expect(error?.parameter == c.parameter)
        // The message leads with "<distribution>: invalid <parameter>" and says what was expected.
        #expect(error?.description.hasPrefix("\(c.distribution): invalid \(c.parameter) ") == true, "\(String(describing: error))")
        #expect(error?.description.contains("(expected ") == true)
    }

    @Test("messages print the offending value readably")
    func messages() {
        #expect(throws: DistributionError(distribution: "uniform", parameter: "upper", value: 1,
                                          expected: "a finite number > lower (3)")) { try Distribution.uniform(lower: 3, upper: 1) }
        let error = #expect(throws: DistributionError.self) { try Distribution.exponential(mean: -0.5) }
        #expect(error?.description == "exponential: invalid mean -0.5 (expected a finite number > 0)")
    }
}
