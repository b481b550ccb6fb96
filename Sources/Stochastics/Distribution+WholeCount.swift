// MARK: - Whole counts

extension Distribution {
    /// A draw as a whole count N = max(1, ⌈X⌉): what the simulator makes of a count
    /// distribution (pages per session, members per class), clamped so that a heavy-tailed
    /// draw of 1e300 is a very large count, not a trap.
    public func wholeCount(_ stream: RandomStream) -> Int {
        Int(min(Double(Int32.max), max(1, sample(stream).rounded(.up))))
    }

    /// Mean and second moment of N = max(1, ⌈X⌉): P(N ≥ k) = P(X > k − 1) for k ≥ 2, so
    /// E[N] = 1 + Σ_{k≥1} P(X > k) and E[N²] = 1 + Σ_{k≥1} (2k + 1)·P(X > k).
    ///
    /// - Complexity: O(k) survival evaluations up to where P(X > k) < 10⁻¹², at most 10⁶.
    public var wholeCountMoments: (mean: Double, second: Double) {
        var mean = 1.0, second = 1.0
        var k = 1.0
        while k < 1e6 {
            let s = survival(k)
            if s < 1e-12 { break }
            mean += s
            second += (2 * k + 1) * s
            k += 1
        }
        return (mean, second)
    }
}
