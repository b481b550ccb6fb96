internal import CMRG32k3a

/// Direct access to the MRG32k3a core, for verification only.
///
/// The tests check the C generator against L'Ecuyer's published reference values (the
/// first outputs from the all-12345 state, the jump matrices A^(2^76) and A^(2^127) of
/// RngStream.c) and check that jumping agrees with stepping. Those checks need the
/// C functions that ``StreamFactory`` calls internally; these wrappers expose them to
/// the package's own tests (`package` access) without letting a C type into the API.
/// Simulation code should obtain streams from a ``StreamFactory`` instead.
extension RandomStream {
    /// The transition matrix of MRG32k3a component 1 (mod m1) or 2 (mod m2) raised to
    /// the power 2^`log2Steps`, as 9 words in row-major order.
    package static func transitionMatrix(component: Int, log2Steps: UInt32) -> [UInt64] {
        precondition(component == 1 || component == 2, "MRG32k3a has components 1 and 2")
        var out = [UInt64](repeating: 0, count: 9)
        out.withUnsafeMutableBufferPointer { affluence_mrg32k3a_matrix_pow2(Int32(component), log2Steps, $0.baseAddress) }
        return out
    }

    /// `state` advanced by exactly `steps` steps of the recurrence (by matrix powers).
    package static func advance(_ state: [UInt64], by steps: UInt64) -> [UInt64] {
        words(affluence_mrg32k3a_advance(cState(state), steps))
    }

    /// `state` advanced by `stream` · 2^127 + `substream` · 2^76 steps, as ``StreamFactory`` does.
    package static func jump(_ state: [UInt64], stream: UInt64, substream: UInt64) -> [UInt64] {
        words(affluence_mrg32k3a_jump(cState(state), stream, substream))
    }

    /// The starting state for a master seed (SplitMix64 spread over the six words).
    package static func seedState(_ seed: UInt64) -> [UInt64] {
        words(affluence_mrg32k3a_from_seed(seed))
    }

    private static func cState(_ words: [UInt64]) -> affluence_mrg32k3a_state {
        precondition(words.count == 6, "an MRG32k3a state has 6 words")
        var st = affluence_mrg32k3a_state()
        withUnsafeMutableBytes(of: &st.s) { raw in
            let out = raw.bindMemory(to: UInt64.self)
            for i in 0..<6 { out[i] = words[i] }
        }
        return st
    }

    private static func words(_ st: affluence_mrg32k3a_state) -> [UInt64] {
        withUnsafeBytes(of: st.s) { Array($0.bindMemory(to: UInt64.self)) }
    }
}
