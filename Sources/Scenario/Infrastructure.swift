import Foundation
import Stochastics

/// The kinds of request a pool serves, each with its own service time.
public enum RequestKind: String, Sendable, Hashable, CaseIterable {
    case page, login, refusal
}

/// An application users log in to.
public struct Platform: Sendable, Hashable {
    public var id: String
    /// A name for people (`label:`); reports and the stdout summary show it instead of the id.
    public var label: String?
    /// Pool ids in tier order, front to back.
    public var pools: [String]
    /// Gate ids applied in order; empty means no admission control.
    public var gates: [String]
    /// Shared single sign-on service id.
    public var sso: String?
    /// Extra login work after failed attempts (`retry_amplification:`); nil: a retried
    /// login costs what a first one does.
    public var retryAmplification: RetryAmplification? = nil
}

/// Work amplification by retries (Bronson et al., HotOS 2021; Huang et al., OSDI 2022):
/// a login that follows k failed login attempts of the same visit costs the platform
/// min(`max`, `factor`^k) times a first login's work, on every pool of its login route.
///
/// Why a retried login may cost more: the failed attempt left a half-built session to
/// tear down and rebuild, a single sign-on round trip to redo, caches cold again. That
/// it does, and by how much, is a modelling assumption: the 6 April sources report the
/// retries ("effet bulle avec des tentatives multiples de reconnexion"), not their cost.
public struct RetryAmplification: Sendable, Hashable {
    /// Growth of the login's work per failed attempt before it (≥ 1).
    public var factor: Double
    /// Cap on the multiplier (≥ 1).
    public var max: Double

    public init(factor: Double, max: Double) {
        self.factor = factor
        self.max = max
    }

    /// The multiplier on the work of a login that follows `failures` failed attempts:
    /// 1 for a first login, min(max, factor^failures) after failures.
    public func multiplier(afterFailures failures: Int) -> Double {
        failures <= 0 ? 1 : Swift.min(max, pow(factor, Double(failures)))
    }
}

/// Servers × workers request slots with a queue, or an infinite-server pool.
public struct Pool: Sendable, Hashable {
    public var id: String
    /// A name for people (`label:`); reports and the stdout summary show it instead of the id.
    public var label: String?
    /// Servers at the start; 0 for an unlimited pool (see ``unlimited``).
    public var servers: Int
    public var workersPerServer: Int
    /// Service time per request kind; `page` is always present. A missing `login` costs
    /// the behaviour's `loginCost` pages; a missing `refusal` costs nothing.
    public var serviceTime: [RequestKind: Distribution]
    /// Requests that may wait; `nil`: unlimited.
    public var queueLimit: Int?
    public var dropExpired: Bool
    public var capacitySchedule: [CapacityStep]
    public var autoscaling: Autoscaling?
    /// `servers: unlimited`: an infinite-server pool (M/G/∞), where every request starts
    /// service on arrival. It has no queue, no schedule and no autoscaling (the loader
    /// refuses them), and `servers`/`workers` are 0: code that sizes capacity must ask.
    public var unlimited = false
    /// The service objective whose attainment the pool reports (`service_level:`).
    public var serviceLevel: ServiceLevel?

    /// Request slots at the start (0 for an unlimited pool: ask ``unlimited`` first).
    public var workers: Int { servers * workersPerServer }

    /// Thresholds of a pool's service objective: the pool reports the share of requests
    /// leaving its queue after waiting longer than `wait`, and the share of served
    /// requests answered within `response` (arrival at the pool to end of service).
    public struct ServiceLevel: Sendable, Hashable {
        public var wait: Double?
        public var response: Double?
    }

    public struct CapacityStep: Sendable, Hashable {
        /// Clock time.
        public var at: Double
        public var servers: Int
    }

    public struct Autoscaling: Sendable, Hashable {
        public enum Metric: String, Sendable, Hashable { case utilisation, queueLength = "queue_length" }
        public var metric: Metric
        public var threshold: Double
        public var step: Int
        public var provisioningDelay: Double
        public var interval: Double
        public var min: Int
        public var max: Int
    }
}

/// A service shared by several platforms.
public struct SharedService: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case sso }
    public var id: String
    /// A name for people (`label:`); reports and the stdout summary show it instead of the id.
    public var label: String?
    public var kind: Kind
    public var pool: String
}
