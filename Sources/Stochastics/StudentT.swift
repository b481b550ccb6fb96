internal import CGSL

/// Quantiles of Student's t distribution (`gsl_cdf_tdist_Pinv`), for confidence
/// intervals over a small number of replications or batches.
public enum StudentT {
    /// The p-quantile with `degreesOfFreedom` degrees of freedom.
    public static func quantile(_ p: Double, degreesOfFreedom: Int) -> Double {
        precondition(p > 0 && p < 1 && degreesOfFreedom >= 1)
        return gsl_cdf_tdist_Pinv(p, Double(degreesOfFreedom))
    }

    /// The half-width multiplier of a two-sided interval at `confidence` (0.95 → t_{0.975, df}).
    public static func twoSidedMultiplier(confidence: Double, degreesOfFreedom: Int) -> Double {
        quantile(1 - (1 - confidence) / 2, degreesOfFreedom: degreesOfFreedom)
    }
}
