#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

internal import CGSL

/// A probability distribution of a non-negative quantity (a duration, a count, a cost),
/// sampled through GSL from a ``RandomStream``.
///
/// A value type built only through the throwing factories below, which reject invalid
/// parameters with a message naming the distribution, the parameter and what was
/// expected. Each distribution knows its ``mean`` and ``variance`` in closed form, which
/// the analytic estimates and the tests use.
public struct Distribution: Sendable, Hashable {
    // Only the recursive case is boxed: the parametric families stay inline, so sampling
    // them in the simulator's hot path touches no reference count.
    @usableFromInline
    enum Kind: Sendable, Hashable {
        case deterministic(Double)
        case exponential(mean: Double)
        case lognormal(mu: Double, sigma: Double)
        case gamma(shape: Double, scale: Double)
        case weibull(shape: Double, scale: Double)
        case pareto(shape: Double, scale: Double)
        case uniform(lower: Double, upper: Double)
        case truncatedNormal(mu: Double, sigma: Double)
        /// Discrete values with cumulative probabilities (last = 1).
        case empiricalValues(values: [Double], cumulative: [Double])
        /// A histogram: bins [edges[i], edges[i+1]) with cumulative probabilities.
        case empiricalBins(edges: [Double], cumulative: [Double])
        indirect case mixture(components: [Distribution], cumulative: [Double])
    }

    @usableFromInline let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }
}

// MARK: - Construction

extension Distribution {
    /// Always `value`.
    public static func deterministic(_ value: Double) throws(DistributionError) -> Distribution {
        try require(value >= 0 && value.isFinite, "deterministic", "value", value, "a finite number ≥ 0")
        return Distribution(.deterministic(value))
    }

    /// Exponential with the given mean (`gsl_ran_exponential`).
    public static func exponential(mean: Double) throws(DistributionError) -> Distribution {
        try require(mean > 0 && mean.isFinite, "exponential", "mean", mean, "a finite number > 0")
        return Distribution(.exponential(mean: mean))
    }

    /// Lognormal given by the underlying normal's μ and σ (`gsl_ran_lognormal`).
    public static func lognormal(mu: Double, sigma: Double) throws(DistributionError) -> Distribution {
        try require(mu.isFinite, "lognormal", "mu", mu, "a finite number")
        try require(sigma > 0 && sigma.isFinite, "lognormal", "sigma", sigma, "a finite number > 0")
        return Distribution(.lognormal(mu: mu, sigma: sigma))
    }

    /// Lognormal given by its mean and coefficient of variation:
    /// σ² = ln(1 + cv²), μ = ln(mean) − σ²/2.
    public static func lognormal(mean: Double, cv: Double) throws(DistributionError) -> Distribution {
        try require(mean > 0 && mean.isFinite, "lognormal", "mean", mean, "a finite number > 0")
        try require(cv > 0 && cv.isFinite, "lognormal", "cv", cv, "a finite number > 0")
        let sigma2 = log1p(cv * cv)
        return Distribution(.lognormal(mu: log(mean) - sigma2 / 2, sigma: sigma2.squareRoot()))
    }

    /// Lognormal given by its median and the σ of its logarithm (μ = ln median).
    public static func lognormal(median: Double, sigma: Double) throws(DistributionError) -> Distribution {
        try require(median > 0 && median.isFinite, "lognormal", "median", median, "a finite number > 0")
        return try lognormal(mu: log(median), sigma: sigma)
    }

    /// Gamma with shape k and scale θ (mean kθ) (`gsl_ran_gamma`).
    public static func gamma(shape: Double, scale: Double) throws(DistributionError) -> Distribution {
        try require(shape > 0 && shape.isFinite, "gamma", "shape", shape, "a finite number > 0")
        try require(scale > 0 && scale.isFinite, "gamma", "scale", scale, "a finite number > 0")
        return Distribution(.gamma(shape: shape, scale: scale))
    }

    /// Erlang: the sum of `phases` exponential phases, with the given overall mean.
    public static func erlang(phases: Int, mean: Double) throws(DistributionError) -> Distribution {
        try require(phases >= 1, "erlang", "phases", Double(phases), "an integer ≥ 1")
        try require(mean > 0 && mean.isFinite, "erlang", "mean", mean, "a finite number > 0")
        return Distribution(.gamma(shape: Double(phases), scale: mean / Double(phases)))
    }

    /// Weibull with shape k and scale λ (`gsl_ran_weibull(r, scale, shape)`).
    public static func weibull(shape: Double, scale: Double) throws(DistributionError) -> Distribution {
        try require(shape > 0 && shape.isFinite, "weibull", "shape", shape, "a finite number > 0")
        try require(scale > 0 && scale.isFinite, "weibull", "scale", scale, "a finite number > 0")
        return Distribution(.weibull(shape: shape, scale: scale))
    }

    /// Pareto (type I) with shape α and scale x_m, support [x_m, ∞) (`gsl_ran_pareto`).
    /// The mean is infinite for α ≤ 1 and the variance for α ≤ 2.
    public static func pareto(shape: Double, scale: Double) throws(DistributionError) -> Distribution {
        try require(shape > 0 && shape.isFinite, "pareto", "shape", shape, "a finite number > 0")
        try require(scale > 0 && scale.isFinite, "pareto", "scale", scale, "a finite number > 0")
        return Distribution(.pareto(shape: shape, scale: scale))
    }

    /// Uniform on [lower, upper] (`gsl_ran_flat`).
    public static func uniform(lower: Double, upper: Double) throws(DistributionError) -> Distribution {
        try require(lower >= 0 && lower.isFinite, "uniform", "lower", lower, "a finite number ≥ 0")
        try require(upper > lower && upper.isFinite, "uniform", "upper", upper, "a finite number > lower (\(formatNumber(lower)))")
        return Distribution(.uniform(lower: lower, upper: upper))
    }

    /// A normal N(μ, σ²) conditioned on being positive (`gsl_ran_gaussian_tail`), for
    /// quantities such as a durations that a plain normal would make negative.
    public static func truncatedNormal(mean mu: Double, sd sigma: Double) throws(DistributionError) -> Distribution {
        try require(mu.isFinite, "normal", "mean", mu, "a finite number")
        try require(sigma > 0 && sigma.isFinite, "normal", "sd", sigma, "a finite number > 0")
        // Beyond ~37 σ below zero the positive tail underflows in double precision.
        try require(mu / sigma > -37, "normal", "mean", mu, "not more than 37 sd below zero (almost no mass above zero)")
        return Distribution(.truncatedNormal(mu: mu, sigma: sigma))
    }

    /// A discrete distribution over observed values, with optional weights (default equal).
    public static func empirical(values: [Double], weights: [Double]? = nil) throws(DistributionError) -> Distribution {
        try require(!values.isEmpty, "empirical", "values", Double(values.count), "at least one value")
        for v in values { try require(v >= 0 && v.isFinite, "empirical", "values", v, "finite numbers ≥ 0") }
        let w = weights ?? Array(repeating: 1, count: values.count)
        try require(w.count == values.count, "empirical", "weights", Double(w.count), "as many weights as values (\(values.count))")
        let cumulative = try cumulativeProbabilities(w, "empirical")
        return Distribution(.empiricalValues(values: values, cumulative: cumulative))
    }

    /// A histogram: a value falls in bin i = [edges[i], edges[i+1]) with probability
    /// proportional to weights[i], uniformly within the bin.
    public static func empirical(binEdges edges: [Double], weights: [Double]) throws(DistributionError) -> Distribution {
        try require(edges.count >= 2, "empirical", "edges", Double(edges.count), "at least two bin edges")
        try require(weights.count == edges.count - 1, "empirical", "weights", Double(weights.count), "one weight per bin (\(edges.count - 1))")
        for e in edges { try require(e >= 0 && e.isFinite, "empirical", "edges", e, "finite numbers ≥ 0") }
        for i in 1..<edges.count {
            try require(edges[i] > edges[i - 1], "empirical", "edges", edges[i], "strictly increasing bin edges")
        }
        let cumulative = try cumulativeProbabilities(weights, "empirical")
        return Distribution(.empiricalBins(edges: edges, cumulative: cumulative))
    }

    /// A finite mixture: component i with probability weights[i] / Σ weights.
    public static func mixture(_ components: [(weight: Double, distribution: Distribution)]) throws(DistributionError) -> Distribution {
        try require(!components.isEmpty, "mixture", "components", 0, "at least one component")
        let cumulative = try cumulativeProbabilities(components.map(\.weight), "mixture")
        return Distribution(.mixture(components: components.map(\.distribution), cumulative: cumulative))
    }

    private static func require(
        _ condition: Bool, _ name: String, _ parameter: String, _ value: Double, _ expected: String
    ) throws(DistributionError) {
        if !condition { throw DistributionError(distribution: name, parameter: parameter, value: value, expected: expected) }
    }

    private static func cumulativeProbabilities(_ weights: [Double], _ name: String) throws(DistributionError) -> [Double] {
        var total = 0.0
        for w in weights {
            try require(w >= 0 && w.isFinite, name, "weight", w, "finite weights ≥ 0")
            total += w
        }
        try require(total > 0, name, "weights", total, "weights with a positive sum")
        var running = 0.0
        var cumulative = weights.map { w -> Double in
            running += w
            return running / total
        }
        cumulative[cumulative.count - 1] = 1  // guard against rounding leaving the last below 1
        return cumulative
    }
}

/// An invalid distribution parameter, phrased for the person who wrote it.
public struct DistributionError: Error, Equatable, CustomStringConvertible, Sendable {
    public let distribution: String
    public let parameter: String
    public let value: Double
    public let expected: String

    public var description: String {
        "\(distribution): invalid \(parameter) \(formatNumber(value)) (expected \(expected))"
    }
}

func formatNumber(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
}

// MARK: - Moments

extension Distribution {
    /// The mean (`.infinity` where it does not exist, e.g. Pareto with α ≤ 1).
    public var mean: Double {
        switch kind {
        case .deterministic(let v): return v
        case .exponential(let m): return m
        case .lognormal(let mu, let sigma): return exp(mu + sigma * sigma / 2)
        case .gamma(let k, let theta): return k * theta
        case .weibull(let k, let lambda): return lambda * gsl_sf_gamma(1 + 1 / k)
        case .pareto(let alpha, let xm): return alpha > 1 ? alpha * xm / (alpha - 1) : .infinity
        case .uniform(let a, let b): return (a + b) / 2
        case .truncatedNormal(let mu, let sigma):
            return mu + sigma * Self.inverseMillsRatio(-mu / sigma)
        case .empiricalValues(let values, let cumulative):
            return zip(values, Self.probabilities(cumulative)).reduce(0) { $0 + $1.0 * $1.1 }
        case .empiricalBins(let edges, let cumulative):
            return Self.probabilities(cumulative).enumerated().reduce(0) { acc, bin in
                acc + bin.element * (edges[bin.offset] + edges[bin.offset + 1]) / 2
            }
        case .mixture(let components, let cumulative):
            return zip(components, Self.probabilities(cumulative)).reduce(0) { $0 + $1.0.mean * $1.1 }
        }
    }

    /// The variance (`.infinity` where it does not exist).
    public var variance: Double {
        switch kind {
        case .deterministic: return 0
        case .exponential(let m): return m * m
        case .lognormal(let mu, let sigma):
            let s2 = sigma * sigma
            return expm1(s2) * exp(2 * mu + s2)
        case .gamma(let k, let theta): return k * theta * theta
        case .weibull(let k, let lambda):
            let g1 = gsl_sf_gamma(1 + 1 / k)
            return lambda * lambda * (gsl_sf_gamma(1 + 2 / k) - g1 * g1)
        case .pareto(let alpha, let xm):
            return alpha > 2 ? xm * xm * alpha / ((alpha - 1) * (alpha - 1) * (alpha - 2)) : .infinity
        case .uniform(let a, let b): return (b - a) * (b - a) / 12
        case .truncatedNormal(let mu, let sigma):
            let alpha = -mu / sigma
            let lambda = Self.inverseMillsRatio(alpha)
            return sigma * sigma * (1 + alpha * lambda - lambda * lambda)
        case .empiricalValues(let values, let cumulative):
            let m = mean
            return zip(values, Self.probabilities(cumulative)).reduce(0) { $0 + ($1.0 - m) * ($1.0 - m) * $1.1 }
        case .empiricalBins(let edges, let cumulative):
            // E[X²] of a uniform bin [a, b) is (a² + ab + b²) / 3.
            let m = mean
            let secondMoment = Self.probabilities(cumulative).enumerated().reduce(0.0) { acc, bin in
                let a = edges[bin.offset], b = edges[bin.offset + 1]
                return acc + bin.element * (a * a + a * b + b * b) / 3
            }
            return secondMoment - m * m
        case .mixture(let components, let cumulative):
            let m = mean
            let secondMoment = zip(components, Self.probabilities(cumulative)).reduce(0.0) { acc, pair in
                acc + pair.1 * (pair.0.variance + pair.0.mean * pair.0.mean)
            }
            return secondMoment - m * m
        }
    }

    /// The squared coefficient of variation, Var/mean² (Pollaczek–Khinchine uses it).
    public var squaredCoefficientOfVariation: Double { variance / (mean * mean) }

    /// φ(α) / (1 − Φ(α)): the mean shift of a standard normal conditioned on exceeding α.
    private static func inverseMillsRatio(_ alpha: Double) -> Double {
        // gsl_sf_hazard(x) is exactly φ(x) / Q(x), computed stably far into the tail.
        gsl_sf_hazard(alpha)
    }

    private static func probabilities(_ cumulative: [Double]) -> [Double] {
        var previous = 0.0
        return cumulative.map { c in
            defer { previous = c }
            return c - previous
        }
    }
}

// MARK: - Sampling

extension Distribution {
    /// One variate, drawn from `stream`.
    ///
    /// - Complexity: O(1) for the parametric families (amortised O(1) for the truncated
    ///   normal's rejection); O(log n) for empirical tables and mixtures of n components.
    public func sample(_ stream: RandomStream) -> Double {
        // `stream.rng` only where GSL samples: reading it takes back an exponential drawn
        // ahead and stops drawing ahead on that stream (RandomStream.exponential).
        switch kind {
        case .deterministic(let v): return v
        case .exponential(let m): return stream.exponential(mean: m)
        case .lognormal(let mu, let sigma): return gsl_ran_lognormal(stream.rng, mu, sigma)
        case .gamma(let k, let theta): return gsl_ran_gamma(stream.rng, k, theta)
        case .weibull(let k, let lambda): return gsl_ran_weibull(stream.rng, lambda, k)
        case .pareto(let alpha, let xm): return gsl_ran_pareto(stream.rng, alpha, xm)
        case .uniform(let a, let b): return gsl_ran_flat(stream.rng, a, b)
        case .truncatedNormal(let mu, let sigma):
            // gsl_ran_gaussian_tail draws X ~ N(0, σ²) given X > a; shift by μ with a = −μ.
            return mu + gsl_ran_gaussian_tail(stream.rng, -mu, sigma)
        case .empiricalValues(let values, let cumulative):
            return values[Self.pick(cumulative, stream)]
        case .empiricalBins(let edges, let cumulative):
            let i = Self.pick(cumulative, stream)
            return gsl_ran_flat(stream.rng, edges[i], edges[i + 1])
        case .mixture(let components, let cumulative):
            return components[Self.pick(cumulative, stream)].sample(stream)
        }
    }

    /// The first index whose cumulative probability exceeds a uniform draw (binary search).
    private static func pick(_ cumulative: [Double], _ stream: RandomStream) -> Int {
        let u = stream.uniform()
        var low = 0, high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > u { high = mid } else { low = mid + 1 }
        }
        return low
    }
}

// MARK: - Description

extension Distribution: CustomStringConvertible {
    /// The distribution in the scenario-file syntax (durations in seconds).
    public var description: String {
        switch kind {
        case .deterministic(let v): return "deterministic(\(formatNumber(v)))"
        case .exponential(let m): return "exponential(mean: \(formatNumber(m)))"
        case .lognormal(let mu, let sigma): return "lognormal(mu: \(mu), sigma: \(sigma))"
        case .gamma(let k, let theta): return "gamma(shape: \(formatNumber(k)), scale: \(formatNumber(theta)))"
        case .weibull(let k, let lambda): return "weibull(shape: \(formatNumber(k)), scale: \(formatNumber(lambda)))"
        case .pareto(let alpha, let xm): return "pareto(shape: \(formatNumber(alpha)), scale: \(formatNumber(xm)))"
        case .uniform(let a, let b): return "uniform(\(formatNumber(a)), \(formatNumber(b)))"
        case .truncatedNormal(let mu, let sigma): return "normal(mean: \(formatNumber(mu)), sd: \(formatNumber(sigma)))"
        case .empiricalValues(let values, _): return "empirical(\(values.count) values)"
        case .empiricalBins(let edges, _): return "empirical(\(edges.count - 1) bins)"
        case .mixture(let components, _): return "mixture(\(components.map(\.description).joined(separator: ", ")))"
        }
    }
}
