/// Erlang's loss formula: the blocking probability of an M/M/c/c (or M/G/c/c) system
/// offered `load` = λ/μ erlangs.
///
/// Computed by the stable recursion B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)), which
/// never forms a factorial and is exact in floating point for thousands of servers.
///
/// - Complexity: O(c).
public func erlangB(servers c: Int, load a: Double) -> Double {
    precondition(c >= 0 && a >= 0, "erlangB needs c ≥ 0 and a ≥ 0")
    var b = 1.0
    if c == 0 { return b }
    for k in 1...c { b = a * b / (Double(k) + a * b) }
    return b
}
