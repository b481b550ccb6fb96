import Stochastics

/// The kinds of request a pool serves, each with its own service time.
public enum RequestKind: String, Sendable, Hashable, CaseIterable {
    case page, login, refusal
}

/// An application users log in to.
public struct Platform: Sendable, Hashable {
    public var id: String
    /// Pool ids in tier order, front to back.
    public var pools: [String]
    /// Gate ids applied in order; empty means no admission control.
    public var gates: [String]
    /// Shared single sign-on service id.
    public var sso: String?
}

/// Servers × workers request slots with a queue.
public struct Pool: Sendable, Hashable {
    public var id: String
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

    /// Request slots at the start.
    public var workers: Int { servers * workersPerServer }

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
    public var kind: Kind
    public var pool: String
}
