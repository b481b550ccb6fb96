#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Scenario

extension AdaptiveThrottling {
    /// The probability that a client rejects its next request locally, given the requests
    /// it attempted (locally rejected ones included) and the accepts it received over the
    /// window: max(0, (requests − K · accepts) / (requests + 1)) (SRE book, ch. 21, eq. 21-1).
    static func rejectionProbability(requests: Double, accepts: Double, k: Double) -> Double {
        max(0, (requests - k * accepts) / (requests + 1))
    }

    func rejectionProbability(requests: Double, accepts: Double) -> Double {
        Self.rejectionProbability(requests: requests, accepts: accepts, k: k)
    }
}

extension Backoff {
    /// The delay before retry `n` (1 for the first retry) before jitter:
    /// min(max, initial · multiplierⁿ⁻¹).
    func cappedDelay(retry n: Int) -> Double {
        min(max, initial * pow(multiplier, Double(Swift.max(0, n - 1))))
    }

    /// Whether the jitter needs a uniform draw (a 0% jitter draws nothing).
    var jittered: Bool {
        if case .proportional(let j) = jitter { return j > 0 }
        return true
    }

    /// The delay before retry `n`, jittered by `uniform` in [0, 1): proportional jitter j
    /// multiplies the capped delay by 1 − j + 2j · uniform (gRPC: ±20%, so a jittered delay
    /// may exceed `max` by up to j); full jitter takes uniform · capped delay.
    func delay(retry n: Int, uniform: Double) -> Double {
        let capped = cappedDelay(retry: n)
        switch jitter {
        case .proportional(let j): return capped * (1 - j + 2 * j * uniform)
        case .full: return capped * uniform
        }
    }
}
