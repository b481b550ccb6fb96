import CPrefetch
import Stochastics

/// Where a user is in a visit.
enum UserPhase: UInt8 {
    /// Between a refusal or failure and the next login attempt.
    case waitingToRetry
    /// A login (or refusal page) request is in flight.
    case loggingIn
    /// Waiting for a page.
    case requestingPage
    /// Reading a page.
    case thinking
    /// Waiting in a platform's waiting room.
    case inRoom
    /// The visit is over; the slot is free for reuse.
    case gone
}

/// One visit in progress. Kept small and together (one or two cache lines): handling an
/// event about a user reads and writes several of these fields at once.
struct User {
    var source: Int32
    var phase: UserPhase = .waitingToRetry
    var holdsSlot = false
    var everIn = false
    var firstPageSeen = false
    var cameBack = false
    var inOrbit = false
    /// Refused after the login work was done (the 6 April "costly refusal").
    var refusedAfterLogin = false
    /// Stamp for the user's next action (retry, think): bumped to cancel it.
    var actionGeneration: UInt32 = 0
    /// Stamp for the current session's timers (time limit, idle expiry).
    var session: UInt32 = 0
    var attempts: Int32 = 0
    /// Login attempts of this visit the platform saw fail since its last successful login
    /// (refused, timed out, rejected): what `retry_amplification` multiplies the next login's work by.
    var failedLogins: Int32 = 0
    var reloads: Int32 = 0
    var pagesLeft: Int32 = 0
    var currentJob: Int32 = -1
    var random: EntityRandom.Position
    var arrivalTime: Double
    var patienceDeadline = Double.infinity
}

/// The users currently in the world, addressed by index; a user's slot is reused once its
/// visit is over, so memory follows the number of users present at once, not the number
/// of visits in the day.
///
/// The rows live in an ``EntityStore`` (huge pages, no copy-on-write): the table belongs
/// to its world and is not copied with it.
struct UserTable {
    private let rows = EntityStore<User>(of: "user")
    private var free: [Int32] = []
    private(set) var live = 0

    subscript(u: Int32) -> User {
        @inline(__always) get { self[Int(u)] }
        @inline(__always) nonmutating _modify { yield &self[Int(u)] }
    }

    subscript(i: Int) -> User {
        @inline(__always) get { rows[i] }
        @inline(__always) nonmutating _modify { yield &rows[i] }
    }

    /// Starts loading user `u`'s record into the cache.
    @inline(__always)
    func prefetch(_ u: Int32) {
        if u >= 0, Int(u) < rows.count { affluence_prefetch(rows.rows + Int(u)) }
    }

    /// A fresh user slot, reusing a freed one when possible.
    mutating func add(source s: Int32, random r: EntityRandom.Position, now: Double) -> Int32 {
        live += 1
        if let u = free.popLast() {
            let i = Int(u)
            // Keep the stamps growing so events of the slot's previous user stay stale.
            let action = self[i].actionGeneration &+ 1, session = self[i].session &+ 1
            self[i] = User(source: s, random: r, arrivalTime: now)
            self[i].actionGeneration = action
            self[i].session = session
            return u
        }
        rows.append(User(source: s, random: r, arrivalTime: now))
        return Int32(rows.count - 1)
    }

    /// Ends a visit and frees its slot; pending events of the user become stale.
    mutating func remove(_ u: Int32) {
        let i = Int(u)
        self[i].phase = .gone
        self[i].actionGeneration &+= 1
        self[i].session &+= 1
        self[i].currentJob = -1
        free.append(u)
        live -= 1
    }

    var capacity: Int { rows.count }
}

/// A request in flight.
struct Job {
    /// `arriving` until the request reaches a pool's queue or a worker: only a request that
    /// really waited in a queue is `queued` when it starts (the queue level relies on it).
    enum State: UInt8 { case arriving, queued, inService, abandoned }

    var user: Int32
    /// The arrival source of the user who sent it (kept: the user's slot may be reused).
    var source: Int32
    var route: Int32
    var hop: Int32 = 0
    var kind: JobKind
    var state: State = .arriving
    var clientGaveUp = false
    /// Textbook reneging: the job leaves the queue when its patience runs out.
    var renegesWhileQueued: Bool
    var timeoutScheduled = false
    var generation: UInt32 = 0
    /// When it reached its current pool (waiting time runs from here).
    var arrivedAtPool: Double
    /// When its client stops waiting (or, reneging, when it leaves the queue).
    var deadline: Double
    /// Its own random position, for its service demands.
    var random: EntityRandom.Position
    /// Backend requests it carries (a page's `requests_per_page`, a login's `login_cost` pages).
    var requests: Double = 1
    /// What its service time is multiplied by: 1, except for a login after failed attempts
    /// on a platform with `retry_amplification`.
    var workFactor: Double = 1
}

/// Requests in flight; slots are recycled. Rows live in an ``EntityStore``, as users' do.
struct JobTable {
    private let rows = EntityStore<Job>(of: "job")
    private var free: [Int32] = []

    subscript(j: Int32) -> Job {
        @inline(__always) get { self[Int(j)] }
        @inline(__always) nonmutating _modify { yield &self[Int(j)] }
    }

    subscript(i: Int) -> Job {
        @inline(__always) get { rows[i] }
        @inline(__always) nonmutating _modify { yield &rows[i] }
    }

    /// Starts loading job `j`'s record into the cache.
    @inline(__always)
    func prefetch(_ j: Int32) {
        if j >= 0, Int(j) < rows.count { affluence_prefetch(rows.rows + Int(j)) }
    }

    mutating func add(_ job: Job) -> Int32 {
        if let j = free.popLast() {
            let generation = self[j].generation &+ 1
            self[j] = job
            self[j].generation = generation
            return j
        }
        rows.append(job)
        return Int32(rows.count - 1)
    }

    mutating func remove(_ j: Int32) {
        self[j].generation &+= 1
        free.append(j)
    }
}
