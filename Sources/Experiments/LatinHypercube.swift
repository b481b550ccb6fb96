import Stochastics

/// A seeded Latin hypercube sample of sweep points (McKay, Beckman & Conover 1979).
///
/// Each parameter's range is cut into N equal strata and every stratum is used exactly
/// once, so N points cover each dimension evenly however many dimensions there are — the
/// point of sampling instead of a grid when the grid would be too large. Each parameter is
/// stratified over the indices of its values (a range `a:b:step` over its grid points), so
/// every sample is a value the planner wrote and stratum k holds the values with index in
/// [k·n/N, (k+1)·n/N). The generator is SplitMix64 keyed by the seed: the same seed gives
/// the same points on any machine.
public enum LatinHypercube {
    /// `samples` points, each one value per parameter, in parameter order.
    public static func sample(_ parameters: [SweepParameter], samples: Int, seed: UInt64) -> [[String]] {
        guard samples > 0 else { return [] }
        var random = SplitMix64(seed: seed)
        var columns: [[String]] = []
        for parameter in parameters {
            // A random permutation of the strata (Fisher–Yates), then a uniform draw within each.
            var strata = Array(0..<samples)
            for i in stride(from: samples - 1, to: 0, by: -1) {
                let j = Int(random.next() % UInt64(i + 1))
                strata.swapAt(i, j)
            }
            columns.append(strata.map { stratum in
                let u = (Double(stratum) + random.unit()) / Double(samples)
                return parameter.values[min(parameter.values.count - 1, Int(u * Double(parameter.values.count)))]
            })
        }
        return (0..<samples).map { k in columns.map { $0[k] } }
    }
}
