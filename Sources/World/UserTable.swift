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
    /// The visit is over; the slot is free for reuse.
    case gone
}

/// The users currently in the world, stored as parallel arrays (struct of arrays) addressed
/// by index; a user's slot is reused once its visit is over, so memory follows the number
/// of users present at once, not the number of visits in the day.
struct UserTable {
    var source: [Int32] = []
    var phase: [UserPhase] = []
    /// Stamp for the user's next action (retry, think): bumped to cancel it.
    var actionGeneration: [UInt32] = []
    /// Stamp for the current session's timers (time limit, idle expiry).
    var session: [UInt32] = []
    var random: [EntityRandom.Position] = []
    var arrivalTime: [Double] = []
    var patienceDeadline: [Double] = []
    var attempts: [Int32] = []
    var reloads: [Int32] = []
    var pagesLeft: [Int32] = []
    var currentJob: [Int32] = []
    var holdsSlot: [Bool] = []
    var everIn: [Bool] = []
    var firstPageSeen: [Bool] = []
    var cameBack: [Bool] = []
    var inOrbit: [Bool] = []
    /// Last time the session did something, for the idle timeout.
    var lastActivity: [Double] = []

    private var free: [Int32] = []
    private(set) var live = 0

    /// A fresh user slot, reusing a freed one when possible.
    mutating func add(source s: Int32, random r: EntityRandom.Position, now: Double) -> Int32 {
        live += 1
        if let u = free.popLast() {
            let i = Int(u)
            source[i] = s; phase[i] = .waitingToRetry; random[i] = r
            arrivalTime[i] = now; patienceDeadline[i] = .infinity; attempts[i] = 0; reloads[i] = 0
            pagesLeft[i] = 0; currentJob[i] = -1; holdsSlot[i] = false; everIn[i] = false
            firstPageSeen[i] = false; cameBack[i] = false; inOrbit[i] = false; lastActivity[i] = now
            actionGeneration[i] &+= 1; session[i] &+= 1
            return u
        }
        source.append(s); phase.append(.waitingToRetry); actionGeneration.append(0); session.append(0)
        random.append(r); arrivalTime.append(now); patienceDeadline.append(.infinity); attempts.append(0)
        reloads.append(0); pagesLeft.append(0); currentJob.append(-1); holdsSlot.append(false)
        everIn.append(false); firstPageSeen.append(false); cameBack.append(false); inOrbit.append(false)
        lastActivity.append(now)
        return Int32(source.count - 1)
    }

    /// Ends a visit and frees its slot; pending events of the user become stale.
    mutating func remove(_ u: Int32) {
        let i = Int(u)
        phase[i] = .gone
        actionGeneration[i] &+= 1
        session[i] &+= 1
        currentJob[i] = -1
        free.append(u)
        live -= 1
    }

    var capacity: Int { source.count }
}

/// Requests in flight, as parallel arrays; slots are recycled.
struct JobTable {
    enum State: UInt8 { case queued, inService, abandoned }

    var user: [Int32] = []
    /// The arrival source of the user who sent it (kept: the user's slot may be reused).
    var source: [Int32] = []
    var kind: [JobKind] = []
    var route: [Int32] = []
    var hop: [Int32] = []
    var state: [State] = []
    var generation: [UInt32] = []
    /// When the client sent it (response time runs from here).
    var sentAt: [Double] = []
    /// When it reached its current pool (waiting time runs from here).
    var arrivedAtPool: [Double] = []
    var clientGaveUp: [Bool] = []
    /// Textbook reneging: the job leaves the queue when this patience runs out.
    var renegesWhileQueued: [Bool] = []

    private var free: [Int32] = []

    mutating func add(user u: Int32, source s: Int32, kind k: JobKind, route r: Int32, now: Double, reneges: Bool) -> Int32 {
        if let j = free.popLast() {
            let i = Int(j)
            user[i] = u; source[i] = s; kind[i] = k; route[i] = r; hop[i] = 0; state[i] = .queued
            generation[i] &+= 1; sentAt[i] = now; arrivedAtPool[i] = now; clientGaveUp[i] = false
            renegesWhileQueued[i] = reneges
            return j
        }
        user.append(u); source.append(s); kind.append(k); route.append(r); hop.append(0); state.append(.queued)
        generation.append(0); sentAt.append(now); arrivedAtPool.append(now); clientGaveUp.append(false)
        renegesWhileQueued.append(reneges)
        return Int32(user.count - 1)
    }

    mutating func remove(_ j: Int32) {
        generation[Int(j)] &+= 1
        free.append(j)
    }
}
