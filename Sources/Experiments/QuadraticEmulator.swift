internal import CGSL
import Stochastics

/// A quadratic response surface: a cheap stand-in for the simulator's mean of one figure
/// over the parameter box, fitted by least squares (GSL's `gsl_multifit_linear`) on the
/// points already simulated, in unit-box coordinates.
///
/// Its variance at x is the fit's prediction variance (xᵀ·Cov·x, GSL's
/// `gsl_multifit_linear_est`) plus the residual variance σ² (what the quadratic leaves
/// out of the surface): a poor fit is a wide emulator, which rules out little. History
/// matching uses it only to choose where the next wave looks; no point is ever judged on
/// it (``HistoryMatching``).
///
/// Full quadratic (1, xᵢ, xᵢ², xᵢxⱼ) when there are at least twice as many points as
/// terms, else linear (1, xᵢ) under the same rule, else none.
struct QuadraticEmulator {
    let quadratic: Bool
    let coefficients: [Double]
    /// Cov(coefficients) = σ²(XᵀX)⁻¹, row-major.
    let covariance: [Double]
    let residualVariance: Double

    static func terms(dimension d: Int, quadratic: Bool) -> Int { quadratic ? 1 + 2 * d + d * (d - 1) / 2 : 1 + d }

    /// The regressors of position `x`.
    static func basis(_ x: [Double], quadratic: Bool) -> [Double] {
        var row = [1.0] + x
        guard quadratic else { return row }
        for i in x.indices {
            row.append(x[i] * x[i])
            for j in (i + 1)..<x.count where j < x.count { row.append(x[i] * x[j]) }
        }
        return row
    }

    /// Fits `values` at `positions` (finite values only); nil when too few points.
    init?(positions: [[Double]], values: [Double]) {
        let pairs = zip(positions, values).filter { $0.1.isFinite }
        guard let d = pairs.first?.0.count else { return nil }
        let n = pairs.count
        let quadratic: Bool
        if n >= 2 * Self.terms(dimension: d, quadratic: true) { quadratic = true }
        else if n >= 2 * Self.terms(dimension: d, quadratic: false) { quadratic = false }
        else { return nil }
        let p = Self.terms(dimension: d, quadratic: quadratic)
        GSL.configure()
        guard let x = gsl_matrix_alloc(n, p), let y = gsl_vector_alloc(n), let c = gsl_vector_alloc(p),
              let cov = gsl_matrix_alloc(p, p), let work = gsl_multifit_linear_alloc(n, p) else { return nil }
        defer {
            gsl_matrix_free(x); gsl_vector_free(y); gsl_vector_free(c); gsl_matrix_free(cov); gsl_multifit_linear_free(work)
        }
        for (i, (position, value)) in pairs.enumerated() {
            for (j, regressor) in Self.basis(position, quadratic: quadratic).enumerated() { gsl_matrix_set(x, i, j, regressor) }
            gsl_vector_set(y, i, value)
        }
        var chisq = 0.0
        guard gsl_multifit_linear(x, y, c, cov, &chisq, work) == GSL_SUCCESS else { return nil }
        self.quadratic = quadratic
        coefficients = (0..<p).map { gsl_vector_get(c, $0) }
        covariance = (0..<(p * p)).map { gsl_matrix_get(cov, $0 / p, $0 % p) }
        residualVariance = chisq / Double(n - p)
    }

    /// The emulated mean at `position` and its variance.
    func predict(_ position: [Double]) -> (mean: Double, variance: Double) {
        let row = Self.basis(position, quadratic: quadratic)
        let p = row.count
        var mean = 0.0, spread = 0.0
        for i in 0..<p {
            mean += row[i] * coefficients[i]
            for j in 0..<p { spread += row[i] * covariance[i * p + j] * row[j] }
        }
        return (mean, max(0, spread) + residualVariance)
    }
}
