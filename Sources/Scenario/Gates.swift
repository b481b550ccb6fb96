import Stochastics

/// An admission or quota policy at a platform's door (DESIGN.md, "Gates").
public struct Gate: Sendable, Hashable {
    public var id: String
    /// A name for people (`label:`); reports and the stdout summary show it instead of the id.
    public var label: String?
    /// Pool serving refusal and waiting pages; `nil`: the platform's first pool.
    public var pool: String?
    public var kind: Kind

    public enum Kind: Sendable, Hashable {
        /// No control: every user is admitted (`none:` in the file).
        case noControl
        case sessionCap(SessionCap)
        case sessionTimeLimit(limit: Double, jitter: Distribution?)
        case idleTimeout(limit: Double)
        case waitingRoom(WaitingRoom)
        case tokenBucket(TokenBucket)
        case timeWindows([TimeWindow])
        case priority([Reservation])
    }

    public enum Refusal: String, Sendable, Hashable {
        /// Refused before login: cheap.
        case edge
        /// Refused after the login work was done: costly.
        case afterLogin = "after_login"
    }

    public struct SessionCap: Sendable, Hashable {
        public var maxSessions: Int
        public var refusal: Refusal
        /// The cap switches on when active sessions reach this share of `maxSessions`; `nil`: always.
        public var activation: Double?
        /// Clock times bounding when the cap applies.
        public var activeFrom: Double?
        public var activeUntil: Double?
    }

    public struct WaitingRoom: Sendable, Hashable {
        public enum Order: String, Sendable, Hashable { case fifo, random }
        public enum Outflow: String, Sendable, Hashable { case slotFreed = "slot_freed", rate }
        public var order: Order
        public var outflow: Outflow
        /// Admissions per second (outflow `rate`).
        public var rate: Double?
        /// Most sessions admitted at once (outflow `slotFreed`).
        public var capacity: Int?
        public var preQueueOpens: Double?
        public var startsAt: Double?
        public var showsWait: Bool
        public var balkOver: Double?
    }

    public struct TokenBucket: Sendable, Hashable {
        /// New sessions per second.
        public var newUsersRate: Double
        /// `nil`: one minute of `newUsersRate`.
        public var burst: Double?
        public var maxActive: Int?
        public var sessionDuration: Double?
        public var renewing: Bool
    }

    public struct TimeWindow: Sendable, Hashable {
        public enum Action: String, Sendable, Hashable { case deny, allow }
        public var segments: [String]
        public var from: Double
        public var to: Double
        public var action: Action
    }

    public struct Reservation: Sendable, Hashable {
        public var segments: [String]
        public var share: Double
    }
}
