#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The stationary distribution of a birth–death chain on 0...n, computed in log space
/// so that large state counts neither overflow nor underflow.
///
/// π(k) ∝ Π_{i<k} birth(i) / death(i+1). Used for the finite-capacity and abandonment
/// models (M/M/c/K, Erlang A) whose closed forms are awkward but whose chains are exact.
func birthDeathStationary(states n: Int, birth: (Int) -> Double, death: (Int) -> Double) -> [Double] {
    var logWeights = [0.0]
    logWeights.reserveCapacity(n + 1)
    var acc = 0.0
    if n >= 1 {
        for k in 1...n {
            let b = birth(k - 1), d = death(k)
            if b <= 0 { break }
            acc += log(b) - log(d)
            logWeights.append(acc)
        }
    }
    let peak = logWeights.max() ?? 0
    let weights = logWeights.map { exp($0 - peak) }
    let total = weights.reduce(0, +)
    return weights.map { $0 / total }
}
