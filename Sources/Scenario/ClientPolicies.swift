/// What a user's client (the browser tab or app, one per user) does on its own about
/// overload, on top of the person's patience and retry habits: Google SRE's client-side
/// adaptive throttling and retry budgets, and gRPC's capped exponential backoff.
///
/// Each policy is optional; a profile without any behaves exactly as before (same draws).
public struct ClientPolicies: Sendable, Hashable {
    public var throttling: AdaptiveThrottling?
    public var retryBudget: RetryBudget?
    public var backoff: Backoff?

    public init(throttling: AdaptiveThrottling? = nil, retryBudget: RetryBudget? = nil, backoff: Backoff? = nil) {
        self.throttling = throttling
        self.retryBudget = retryBudget
        self.backoff = backoff
    }

    /// No client policy: the person alone decides when to retry.
    public var isEmpty: Bool { throttling == nil && retryBudget == nil && backoff == nil }
}

/// Client-side adaptive throttling (Beyer et al., *Site Reliability Engineering*, ch. 21):
/// over the last `window`, the client counts the requests it attempted and those the
/// servers accepted, and rejects a new request locally with probability
/// max(0, (requests − k · accepts) / (requests + 1)).
public struct AdaptiveThrottling: Sendable, Hashable {
    /// K: how many requests per accepted one the client lets through before throttling.
    public var k: Double
    /// Width of the sliding window, in seconds.
    public var window: Double

    public init(k: Double, window: Double) {
        self.k = k
        self.window = window
    }
}

/// Retry budgets (SRE ch. 21): at most `maxAttempts` attempts per request (the first and
/// its retries), and a retry only while the client's retries are below `ratio` × its requests.
public struct RetryBudget: Sendable, Hashable {
    public var maxAttempts: Int
    public var ratio: Double

    public init(maxAttempts: Int, ratio: Double) {
        self.maxAttempts = maxAttempts
        self.ratio = ratio
    }
}

/// Capped exponential backoff with jitter (gRPC connection backoff: 1 s, ×1.6, at most
/// 120 s, ±20%): retry n waits min(max, initial · multiplierⁿ⁻¹), jittered.
public struct Backoff: Sendable, Hashable {
    public enum Jitter: Sendable, Hashable {
        /// gRPC's: the delay times a uniform factor in [1 − j, 1 + j].
        case proportional(Double)
        /// "Full jitter" (Brooker, Amazon Builders' Library): uniform in [0, delay].
        case full
    }

    public var initial: Double
    public var multiplier: Double
    public var max: Double
    public var jitter: Jitter

    public init(initial: Double, multiplier: Double, max: Double, jitter: Jitter) {
        self.initial = initial
        self.multiplier = multiplier
        self.max = max
        self.jitter = jitter
    }
}
