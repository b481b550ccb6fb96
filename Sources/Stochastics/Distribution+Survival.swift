#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

internal import CGSL

// MARK: - Survival function

extension Distribution {
    /// P(X > x), from GSL's upper-tail CDFs (`gsl_cdf_*_Q`).
    ///
    /// The analytic twin needs it for the infinite-server occupancy
    /// m(t) = ∫ λ(t − u)·P(S > u) du (Eick, Massey & Whitt 1993), which depends on the
    /// whole service distribution, not only its mean.
    public func survival(_ x: Double) -> Double {
        guard x >= 0 else { return 1 }
        switch kind {
        case .deterministic(let v): return x < v ? 1 : 0
        case .exponential(let m): return gsl_cdf_exponential_Q(x, m)
        case .lognormal(let mu, let sigma): return x > 0 ? gsl_cdf_lognormal_Q(x, mu, sigma) : 1
        case .gamma(let k, let theta): return gsl_cdf_gamma_Q(x, k, theta)
        case .weibull(let k, let lambda): return gsl_cdf_weibull_Q(x, lambda, k)
        case .pareto(let alpha, let xm): return x < xm ? 1 : gsl_cdf_pareto_Q(x, alpha, xm)
        case .uniform(let a, let b): return x <= a ? 1 : (x >= b ? 0 : (b - x) / (b - a))
        case .truncatedNormal(let mu, let sigma):
            // P(X > x | X > 0) for X ~ N(μ, σ²).
            let above = gsl_cdf_gaussian_Q(x - mu, sigma)
            let positive = gsl_cdf_gaussian_Q(-mu, sigma)
            return positive > 0 ? above / positive : 0
        case .empiricalValues(let values, let cumulative):
            var previous = 0.0, tail = 0.0
            for (v, c) in zip(values, cumulative) {
                if v > x { tail += c - previous }
                previous = c
            }
            return tail
        case .empiricalBins(let edges, let cumulative):
            var previous = 0.0, tail = 0.0
            for (i, c) in cumulative.enumerated() {
                let (a, b) = (edges[i], edges[i + 1])
                let p = c - previous
                previous = c
                if x <= a { tail += p } else if x < b { tail += p * (b - x) / (b - a) }
            }
            return tail
        case .mixture(let components, let cumulative):
            var previous = 0.0, tail = 0.0
            for (d, c) in zip(components, cumulative) {
                tail += (c - previous) * d.survival(x)
                previous = c
            }
            return tail
        }
    }

    /// Whether the distribution is exponential (Erlang A's patience assumption).
    public var isExponential: Bool {
        if case .exponential = kind { return true }
        return false
    }
}
