import QueueingTheory
import Scenario
import Testing
import World

/// Small models in which each policy mechanism has a consequence that can be derived by
/// hand from its definition (docs/scenario-format.md), so a test compares the simulator
/// with that consequence, not with itself. Unless said otherwise: logins are free
/// (`login_cost: 0`, so a login ends at the instant it starts and a user is counted in the
/// same interval as their admission), pages are one request of 10 ms on 50 workers (no
/// queueing to speak of), and durations written bare are constants.
enum MechanismModels {
    /// Users who give up at the first refusal (no retries), 1 arrival/s for three hours,
    /// a bucket of 30 new users/min holding 100 tokens. Policy `light`: 0.25 arrivals/s.
    static let tokenBucket = """
    version: 1
    name: token bucket
    start: 08:00
    end: 11:00
    warmup: 20min
    seed: 31
    behaviours:
      - {id: once, pages_per_session: 1, requests_per_page: 1, login_cost: 0, think_time: 1s, patience: 10h, retry_probability: 0%}
    segments:
      - {id: users, size: 10800, platforms: lms, behaviour: once, intent: {curves: [{points: [[08:00, 1], [11:00, 1]]}]}}
    platforms:
      - {id: lms, pools: web, gate: [bucket]}
    pools:
      - {id: web, servers: 50, service_time: 10ms}
    gates:
      - {id: bucket, token_bucket: {new_users: 30/min, burst: 100}}
    policies:
      light: {set: {segments.users.size: 2700}}
    """

    /// The same bucket, idle for 20 min (it fills to its 100 tokens), then a flood of
    /// 5 arrivals/s, ten times what it lets in.
    static let tokenBucketFlood = """
    version: 1
    name: token bucket flood
    start: 08:00
    end: 09:00
    seed: 32
    behaviours:
      - {id: once, pages_per_session: 1, requests_per_page: 1, login_cost: 0, think_time: 1s, patience: 10h, retry_probability: 0%}
    segments:
      - {id: users, size: 12000, platforms: lms, behaviour: once,
         intent: {curves: [{interpolation: step, points: [[08:00, 0], [08:20, 1], [09:00, 1]]}]}}
    platforms:
      - {id: lms, pools: web, gate: [bucket]}
    pools:
      - {id: web, servers: 50, service_time: 10ms}
    gates:
      - {id: bucket, token_bucket: {new_users: 30/min, burst: 100}}
    """

    /// Three segments arriving evenly over the hour: pupils unrestricted, parents barred
    /// 08:20–08:40 (deny), a school level admitted only 08:30–08:50 (allow). A refused
    /// user comes back exactly 30 s after the window that lets them in opens.
    static let timeWindows = """
    version: 1
    name: time windows
    start: 08:00
    end: 09:00
    seed: 33
    behaviours:
      - {id: once, pages_per_session: 1, requests_per_page: 1, login_cost: 0, think_time: 1s, patience: 10h, retry_delay: 30s}
    segments:
      - {id: pupils, size: 600, platforms: lms, behaviour: once, intent: {curves: [{points: [[08:00, 1], [09:00, 1]]}]}}
      - {id: parents, size: 600, platforms: lms, behaviour: once, intent: {curves: [{points: [[08:00, 1], [09:00, 1]]}]}}
      - {id: level, size: 600, platforms: lms, behaviour: once, intent: {curves: [{points: [[08:00, 1], [09:00, 1]]}]}}
    platforms:
      - {id: lms, pools: web, gate: [windows]}
    pools:
      - {id: web, servers: 50, service_time: 10ms}
    gates:
      - id: windows
        time_windows:
          - {segments: [parents], from: 08:20, to: 08:40, action: deny}
          - {segments: [level], from: 08:30, to: 08:50, action: allow}
    """

    /// About 2000 readers (Poisson) all log in during the first minute; sessions of 4 pages, each think
    /// 2 min or 10 min with equal chance, an idle limit of 4 min, nobody logs in again.
    /// Page k (k = 1…4) is served in [2(k − 1) min, 2(k − 1) min + 1 min + 40 ms): in
    /// report interval k − 1 (2 min wide). A session whose think after page k is long is
    /// idle-logged-out 4 min after that page: in interval k + 1, and in no other.
    static let idleTimeout = """
    version: 1
    name: idle timeout
    start: 08:00
    end: 08:30
    report_interval: 2min
    seed: 34
    behaviours:
      - {id: reader, pages_per_session: 4, requests_per_page: 1, login_cost: 0, think_time: "empirical(values: [2min, 10min])",
         patience: 10h, relogin: {probability: 0%}}
    segments:
      - {id: readers, size: 2000, platforms: lms, behaviour: reader, intent: {curves: [{interpolation: step, points: [[08:00, 1], [08:01, 0]]}]}}
    platforms:
      - {id: lms, pools: web, gate: [idle]}
    pools:
      - {id: web, servers: 50, service_time: 10ms}
    gates:
      - {id: idle, idle_timeout: {limit: 4min}}
    """

    /// Sessions that outlast the run behind a cap of 300 (as `GateModels.monotoneCap`),
    /// with a costly login: 6 requests of 10 ms. Refused users retry each minute.
    /// Policy `after_login` refuses after the login instead of at the edge.
    static let refusalPlace = """
    version: 1
    name: where the cap refuses
    start: 08:00
    end: 10:00
    seed: 35
    behaviours:
      - {id: stay, requests_per_page: 1, login_cost: 6, pages_per_session: 1000, think_time: exponential(mean: 60s),
         patience: 10h, retry_delay: exponential(mean: 1min)}
    segments:
      - {id: pupils, size: 600, platforms: lms, behaviour: stay, intent: {curves: [{points: [[08:00, 1], [09:00, 1]]}]}}
    platforms:
      - {id: lms, pools: web, gate: cap}
    pools:
      - {id: web, servers: 50, service_time: 10ms}
    gates:
      - {id: cap, session_cap: {max_sessions: 300}}
    policies:
      after_login: {set: {gates.cap.session_cap.refusal: after_login}}
    """

    /// Sessions that outlast the run behind a cap of 100 with 20% reserved for teachers:
    /// 300 pupils arrive 08:00–09:00 and keep retrying each minute, 30 teachers arrive
    /// 09:00–10:00, when pupils have long filled their part. Policy `unreserved` drops the
    /// reservation; `activated` switches the cap on only at 90 sessions.
    static let reservedShare = """
    version: 1
    name: reserved share
    start: 08:00
    end: 10:00
    seed: 36
    behaviours:
      - {id: stay, requests_per_page: 1, login_cost: 0, pages_per_session: 1000, think_time: exponential(mean: 60s),
         patience: 10h, retry_delay: exponential(mean: 1min)}
    segments:
      - {id: pupils, size: 300, platforms: lms, behaviour: stay, intent: {curves: [{points: [[08:00, 1], [09:00, 1]]}]}}
      - {id: teachers, size: 30, platforms: lms, behaviour: stay, intent: {curves: [{points: [[09:00, 1], [10:00, 1]]}]}}
    platforms:
      - {id: lms, pools: web, gate: [cap, reserve]}
    pools:
      - {id: web, servers: 50, service_time: 10ms}
    gates:
      - {id: cap, session_cap: {max_sessions: 100}}
      - {id: reserve, priority: [{segments: [teachers], share: 20%}]}
    policies:
      unreserved: {set: {platforms.lms.gate: [cap]}}
      activated: {set: {gates.cap.session_cap.activation: 90%}}
    """

    /// A Poisson source idle until 00:10, then 50 requests/s of 1 s on 2 servers: from
    /// then on every worker is busy at every check (utilisation 1 > 80%), before it none
    /// is (0). Checks every minute; 2 servers per decision, ready 155 s later, at most 10.
    /// Reported every 10 s, so a server's arrival (at a check + 155 s) falls inside an
    /// interval, never on its edge. Policy `unreachable`: a threshold of 1 (100%), which a
    /// utilisation never exceeds.
    static let autoscaling = """
    version: 1
    name: autoscaling
    start: 00:00
    end: 00:30
    report_interval: 10s
    seed: 37
    sources:
      - {id: load, rate_curve: [[00:10, 50/s], [00:30, 50/s]], interpolation: step, pool: web}
    pools:
      - {id: web, servers: 2, service_time: exponential(mean: 1s), queue_limit: 500,
         autoscaling: {metric: utilisation, threshold: 0.8, step: 2, provisioning_delay: 155s, interval: 1min, max: 10}}
    policies:
      unreachable: {set: {pools.web.autoscaling.threshold: 1}}
    """

    /// 4 arrivals/s for an hour at a room that lets 2/s out (shown wait: position / rate);
    /// patience 10 h, so nobody balks on patience. Policy `balking`: users shown more than
    /// 30 s leave at once.
    static let rateRoom = """
    version: 1
    name: rate-outflow room
    start: 08:00
    end: 09:00
    seed: 38
    behaviours:
      - {id: once, pages_per_session: 1, requests_per_page: 1, login_cost: 0, think_time: 1s, patience: 10h, retry_probability: 0%}
    segments:
      - {id: users, size: 14400, platforms: lms, behaviour: once, intent: {curves: [{points: [[08:00, 1], [09:00, 1]]}]}}
    platforms:
      - {id: lms, pools: web, gate: [room]}
    pools:
      - {id: web, servers: 50, service_time: 10ms}
    gates:
      - {id: room, waiting_room: {order: fifo, outflow: rate, rate: 2/s, shows_wait: true}}
      - {id: balking_room, waiting_room: {order: fifo, outflow: rate, rate: 2/s, shows_wait: true, balk_over: 30s}}
    policies:
      balking: {set: {platforms.lms.gate: [balking_room]}}
    """

    /// The M/M/10 room of `GateWaitingRoomTests` (9 arrivals/s, sessions of one Exp(1 s)
    /// page, slot outflow, nobody reneges), shorter, in the given order.
    static func slotRoom(order: String) -> String {
        """
        version: 1
        name: room in \(order) order
        start: 00:00
        end: 06:00
        warmup: 1h
        report_interval: 10min
        seed: 39
        behaviours:
          - {id: one, pages_per_session: 1, think_time: 1s, requests_per_page: 1, login_cost: 0, client_timeout: 100h,
             patience: 1000h, retry_delay: 1s, retry_probability: 0%}
        segments:
          - {id: users, size: \(9 * 6 * 3600), platforms: web, behaviour: one,
             intent: {curves: [{interpolation: step, points: [[00:00, 1], [06:00, 1]]}]}}
        platforms:
          - {id: web, pools: web, gate: [room]}
        pools:
          - {id: web, servers: 2000, service_time: exponential(mean: 1s)}
        gates:
          - {id: room, waiting_room: {order: \(order), outflow: slot_freed, capacity: 10, shows_wait: false}}
        """
    }
}

@Suite("Mechanisms: each policy mechanism does what its definition says")
struct MechanismTests {
    // MARK: Token bucket

    /// Tokens come at r = 0.5/s and each admission takes one, so over a stretch that starts
    /// and ends in the bucket's stationary regime the expected admitted count is r·T when
    /// users come faster than r (the bucket is almost never full, so no token is lost), and
    /// λ·T when they come slower (it is almost never empty, so nobody is refused). A bucket
    /// that let everyone in, or refilled at another rate, misses one of the two.
    @Test("a token bucket admits min(λ, r) users per second in the long run", arguments: [
        ("heavy", 1.0), ("light", 0.25),
    ])
    func tokenBucketRate(policy: String, arrivalRate: Double) throws {
        let scenario = try Models.load(text: MechanismModels.tokenBucket, name: "token-bucket.yaml",
                                       policy: policy == "heavy" ? nil : policy)
        let rate = 0.5, measured = 3 * 3600.0 - 1200
        let runs = try replicate(scenario, 6)
        let admittedRates = try runs.map { try $0.sum("admitted", "lms", 20..<180) / measured }
        print("token bucket, λ = \(arrivalRate)/s: admitted \(MeanInterval(admittedRates, confidence: 0.95)) per s, expected \(min(arrivalRate, rate))")
        #expect(agrees(admittedRates, min(arrivalRate, rate), confidence: familyConfidence(comparisons: 2)))
        for run in runs {
            // Refused users give up at once: a refusal is the bucket's, and only when λ > r.
            let refused = try run.value("bucket_refused", "lms")
            #expect(try run.value("refused", "lms") == refused)
            if arrivalRate > rate { #expect(refused > 0) }
        }
    }

    /// Over any stretch of time a token bucket lets in at most its size plus what it earns
    /// meanwhile: Σ admitted over intervals i…j ≤ burst + r·(j − i + 1)·60 s. A full bucket
    /// hit by a flood gives exactly that less the tokens left at the end, and during a
    /// 5/s flood the bucket holds 3 tokens or more only after 6 s without an arrival
    /// (probability e⁻³⁰ at a given instant), so the bound is attained to within 3.
    @Test("a full bucket hit by a flood lets in its burst plus its rate, never more")
    func tokenBucketBurst() throws {
        let scenario = try Models.load(text: MechanismModels.tokenBucketFlood, name: "token-bucket-flood.yaml")
        let burst = 100.0, perInterval = 30.0, floodStart = 20
        for run in try replicate(scenario, 4) {
            let admitted = try run.values("admitted", "lms")
            #expect(admitted[..<floodStart].allSatisfy { $0 == 0 }, "nobody arrives before 08:20")
            for i in admitted.indices {
                var total = 0.0
                for j in i..<admitted.count {
                    total += admitted[j]
                    #expect(total <= burst + perInterval * Double(j - i + 1), "intervals \(i)…\(j): \(total) admitted")
                }
            }
            var sinceFlood = 0.0
            for j in floodStart..<admitted.count {
                sinceFlood += admitted[j]
                let allowed = burst + perInterval * Double(j - floodStart + 1)
                #expect(sinceFlood > allowed - 3, "08:20 to interval \(j): \(sinceFlood) admitted of \(allowed) allowed")
            }
            #expect(admitted[floodStart] > perInterval + burst - 3, "the first flooded minute uses the stored burst")
        }
    }

    // MARK: Time windows

    /// Everyone is admitted on arrival unless a window bars them, and a barred user comes
    /// back 30 s after the reopening: per interval, first logins equal arrivals except
    /// inside the barred time (none) and in the reopening minute (its arrivals plus all
    /// those refused). Parents barred 08:20–08:40; the level allowed only 08:30–08:50
    /// (after 08:50 no window reopens today: they give up). Removing or shifting a window,
    /// or letting a refused user back at another time, changes some interval's count.
    @Test("time windows bar their segments inside (deny) or outside (allow) the window, exactly, per interval")
    func timeWindows() throws {
        let scenario = try Models.load(text: MechanismModels.timeWindows, name: "time-windows.yaml")
        for run in try replicate(scenario, 3) {
            func expectFirstIns(_ segment: String, barred: Range<Int>, reopening: Int?) throws {
                let visits = try run.values("visits", segment)
                let firstIns = try run.values("first_ins", segment)
                let refused = visits[barred].reduce(0, +)
                if !barred.isEmpty { #expect(refused > 0, "\(segment): nobody arrived while barred") }
                for j in visits.indices {
                    let expected = barred.contains(j) ? 0 : visits[j] + (j == reopening ? refused : 0)
                    #expect(firstIns[j] == expected, "\(segment), interval \(j): \(firstIns[j]) first logins, expected \(expected)")
                }
            }
            try expectFirstIns("pupils", barred: 0..<0, reopening: nil)
            try expectFirstIns("parents", barred: 20..<40, reopening: 40)
            // The level: barred before 08:30 (all come back at 08:30:30) and after 08:50.
            let visits = try run.values("visits", "level")
            let firstIns = try run.values("first_ins", "level")
            let gaveUp = try run.values("gave_up", "level")
            let early = visits[..<30].reduce(0, +)
            for j in visits.indices {
                let expected = j < 30 ? 0 : j == 30 ? visits[j] + early : j < 50 ? visits[j] : 0
                #expect(firstIns[j] == expected, "level, interval \(j): \(firstIns[j]) first logins, expected \(expected)")
                #expect(gaveUp[j] == (j >= 50 ? visits[j] : 0), "level, interval \(j): \(gaveUp[j]) gave up")
            }
            let barredArrivals = try run.sum("visits", "parents", 20..<40) + early + visits[50...].reduce(0, +)
            #expect(try run.value("window_refused", "lms") == barredArrivals)
            #expect(try run.value("refused", "lms") == barredArrivals)
        }
    }

    // MARK: Idle timeout

    /// The idle limit (4 min) is shorter than a long think (10 min) and longer than a short
    /// one (2 min), so a session ends at the first long think, 4 min after the page before
    /// it. Page k is served in interval k − 1, so the sessions that saw page k but not page
    /// k + 1 are logged out in interval k + 1 — exactly, interval by interval — and those
    /// that saw page 4 end normally in interval 3. Their expected shares are 1/2, 1/4, 1/8
    /// (idle after page 1, 2, 3) and 1/8 (complete). A limit counted from the login puts
    /// every idle logout in interval 2; one counted to the end of the think, or not
    /// applied, puts none there.
    @Test("an idle session ends exactly at the idle limit after its last page")
    func idleTimeout() throws {
        let scenario = try Models.load(text: MechanismModels.idleTimeout, name: "idle-timeout.yaml")
        let runs = try replicate(scenario, 6)
        var shares: [[Double]] = [[], [], [], []]
        for run in runs {
            let pages = try run.values("pages_ok", "lms")
            let idle = try run.values("idle_logouts", "lms")
            let completed = try run.values("sessions_completed", "lms")
            let logins = try run.values("successful_logins", "lms").reduce(0, +)
            #expect(try logins == run.value("visits", "lms"), "every reader logs in once")
            for j in pages.indices {
                let expectedIdle = (2...4).contains(j) ? pages[j - 2] - pages[j - 1] : 0
                #expect(idle[j] == expectedIdle, "interval \(j): \(idle[j]) idle logouts, expected \(expectedIdle)")
                #expect(completed[j] == (j == 3 ? pages[3] : 0), "interval \(j): \(completed[j]) sessions completed")
                if j >= 4 { #expect(pages[j] == 0) }
            }
            #expect(pages[0] == logins)
            #expect(idle.reduce(0, +) + completed.reduce(0, +) == logins, "every session ends by idleness or completion")
            #expect(try run.value("forced_logouts", "lms") == idle.reduce(0, +))
            shares[0].append(idle[2] / logins)
            shares[1].append(idle[3] / logins)
            shares[2].append(idle[4] / logins)
            shares[3].append(completed[3] / logins)
        }
        let confidence = familyConfidence(comparisons: 4)
        print("idle timeout shares (idle after page 1, 2, 3; complete):", shares.map { MeanInterval($0, confidence: 0.95) })
        for (k, expected) in [0.5, 0.25, 0.125, 0.125].enumerated() {
            #expect(agrees(shares[k], expected, confidence: confidence), "share \(k)")
        }
    }

    // MARK: Refusal after login

    /// Each request is a job of the pool; a login costs 6 × 10 ms, a page 10 ms. At the
    /// edge a refusal costs the pool nothing; after login, each refused attempt is a login
    /// served in full and then refused. So served = logins + pages (+ refusals after
    /// login), interval by interval (a job is counted when its answer reaches the user),
    /// and the busy time is 60 ms per login (and refusal) plus 10 ms per page, up to the
    /// work still in service at the end (≤ 50 workers × 60 ms). The users let in are the
    /// same in both runs (sessions outlast the run: the first 300 arrivals), so sessions
    /// and pages coincide. A refusal that skipped the login, or a login that went unpaid,
    /// breaks one of the equalities.
    @Test("refusal after login makes the pool serve every refused login; refusal at the edge costs it nothing")
    func refusalAfterLogin() throws {
        let edge = try Models.load(text: MechanismModels.refusalPlace, name: "refusal-place.yaml")
        let afterLogin = try Models.load(text: MechanismModels.refusalPlace, name: "refusal-place.yaml", policy: "after_login")
        let duration = 7200.0
        for replication in 0..<3 {
            var edgeWorld = try World(scenario: edge, replication: replication)
            var afterWorld = try World(scenario: afterLogin, replication: replication)
            let atEdge = edgeWorld.run(), after = afterWorld.run()
            for (run, refusalsServed) in [(atEdge, false), (after, true)] {
                let served = try run.values("served", "web")
                let logins = try run.values("successful_logins", "lms")
                let pages = try run.values("pages_ok", "lms")
                let refused = try run.values("refused", "lms")
                #expect(try run.value("refused", "lms") > 0)
                for j in served.indices {
                    let expected = logins[j] + pages[j] + (refusalsServed ? refused[j] : 0)
                    #expect(served[j] == expected, "refusal after login \(refusalsServed), interval \(j): \(served[j]) served, expected \(expected)")
                }
                let work = 0.06 * (logins.reduce(0, +) + (refusalsServed ? refused.reduce(0, +) : 0)) + 0.01 * pages.reduce(0, +)
                let busy = try run.value("busy_workers", "web") * duration
                // Busy time includes the part served so far of requests still in service at the end.
                #expect(busy >= work - 1e-6 && busy <= work + 50 * 0.06, "busy \(busy) s, work done \(work) s")
            }
            #expect(try atEdge.values("successful_logins", "lms") == after.values("successful_logins", "lms"))
            #expect(try atEdge.values("pages_ok", "lms") == after.values("pages_ok", "lms"))
            #expect(try atEdge.value("peak_active_sessions", "lms") == 300)
            #expect(try after.value("peak_active_sessions", "lms") == 300)
        }
    }

    // MARK: Reserved shares and activation

    /// With 20% of a cap of 100 reserved, pupils (unreserved) see a cap of 80: they fill it
    /// long before 09:00 and are refused from then on, while the teachers arriving after
    /// 09:00 get the 20 reserved places (and no more: the whole cap is 100). Without the
    /// reservation pupils take all 100 and no teacher gets in.
    @Test("a reserved share admits its segment while the others are refused")
    func reservedShare() throws {
        let reserved = try Models.load(text: MechanismModels.reservedShare, name: "reserved-share.yaml")
        let open = try Models.load(text: MechanismModels.reservedShare, name: "reserved-share.yaml", policy: "unreserved")
        for run in try replicate(reserved, 3) {
            #expect(try run.value("users_in", "pupils") == 80)
            #expect(try run.value("users_in", "teachers") == 20)
            #expect(try run.value("peak_active_sessions", "lms") == 100)
            let pupilsIn = try run.values("first_ins", "pupils")
            let teachersIn = try run.values("first_ins", "teachers")
            let refused = try run.values("refused", "lms")
            #expect(pupilsIn[60...].allSatisfy { $0 == 0 } && teachersIn[..<60].allSatisfy { $0 == 0 })
            // Each minute in which teachers got in, retrying pupils were refused.
            let teacherMinutes = teachersIn.indices.filter { teachersIn[$0] > 0 }
            #expect(!teacherMinutes.isEmpty)
            for j in teacherMinutes { #expect(refused[j] > 0, "interval \(j): teachers admitted, nobody refused") }
        }
        for run in try replicate(open, 2) {
            #expect(try run.value("users_in", "pupils") == 100)
            #expect(try run.value("users_in", "teachers") == 0)
        }
    }

    /// An activation share (at most 100%) only matters through a reservation: without one,
    /// sessions reach the activation share before the cap, so the cap is always on by the
    /// time it could refuse. So activation is tested with the reservation: until 90
    /// sessions the cap is off and no one is refused, pupils included, although they are
    /// past their 80; once on, it stays on (sessions never fall here) and pupils are refused
    /// at once. So pupils get exactly 90 places and teachers the 10 left. Without activation
    /// refusals start at 80 sessions (the test above).
    @Test("a cap with activation refuses nobody before active sessions reach the activation share")
    func capActivation() throws {
        let scenario = try Models.load(text: MechanismModels.reservedShare, name: "reserved-share.yaml", policy: "activated")
        for run in try replicate(scenario, 3) {
            #expect(try run.value("users_in", "pupils") == 90)
            #expect(try run.value("users_in", "teachers") == 10)
            let sessions = try run.values("active_sessions_end", "lms")
            let refused = try run.values("refused", "lms")
            #expect(refused.contains { $0 > 0 })
            // Sessions only grow here, so a refusal in an interval that ends below 90 sessions
            // was made below 90. Without activation pupils are refused from 80 sessions on.
            for j in refused.indices where sessions[j] < 90 {
                #expect(refused[j] == 0, "interval \(j): \(refused[j]) refused with \(sessions[j]) sessions")
            }
        }
    }

    // MARK: Autoscaling

    /// The rule, applied by hand: checks at every whole minute; at 00:10 and before, the
    /// pool is idle (utilisation 0), after it saturated (1 > 80%); each check from 00:11
    /// orders 2 servers while the servers present and ordered stay within 10, so orders at
    /// 00:11, 00:12, 00:13 and 00:14, each ready 155 s later. The servers at the end of each
    /// 10 s interval follow exactly. Below the threshold (policy `unreachable`) nothing is
    /// ever ordered. A scaler without the delay, above `max`, or deaf to its threshold
    /// breaks the series.
    @Test("autoscaling adds its step a provisioning delay after each check over the threshold, up to max")
    func autoscaling() throws {
        let scaling = try Models.load(text: MechanismModels.autoscaling, name: "autoscaling.yaml")
        let steady = try Models.load(text: MechanismModels.autoscaling, name: "autoscaling.yaml", policy: "unreachable")
        let ready = [11, 12, 13, 14].map { Double($0 * 60 + 155) }
        for replication in 0..<2 {
            var world = try World(scenario: scaling, replication: replication)
            let workers = try world.run().values("workers", "web")
            #expect(workers.count == 180)
            for j in workers.indices {
                let end = Double(j + 1) * 10
                let expected = 2 + 2 * Double(ready.filter { $0 <= end }.count)
                #expect(workers[j] == expected, "interval ending at \(end) s: \(workers[j]) workers, expected \(expected)")
            }
            var still = try World(scenario: steady, replication: replication)
            let unchanged = try still.run()
            #expect(try unchanged.values("workers", "web").allSatisfy { $0 == 2 })
            #expect(try unchanged.value("utilization", "web") > 0.6, "the pool was saturated for two thirds of the run")
        }
    }

    // MARK: Waiting rooms

    /// A rate room releases one user every 1/rate = 0.5 s at the earliest, so a minute
    /// holds at most 120 admissions; while the room is never empty (from the second minute:
    /// 4 arrive per second for 2 let out, the backlog grows by ~120 a minute) the releases
    /// are exactly 0.5 s apart: 120 per minute. Users shown their wait with 10 h of patience
    /// never balk. A room letting out at another rate, or in bursts, breaks the counts.
    @Test("a rate room admits at most rate × interval per interval, exactly that while users wait")
    func rateRoomOutflow() throws {
        let scenario = try Models.load(text: MechanismModels.rateRoom, name: "rate-room.yaml")
        for run in try replicate(scenario, 3) {
            let admitted = try run.values("admitted", "lms")
            #expect(admitted.allSatisfy { $0 <= 120 }, "\(admitted)")
            for j in 2..<admitted.count { #expect(admitted[j] == 120, "interval \(j): \(admitted[j]) admitted") }
            #expect(try run.value("balked", "lms") == 0)
            #expect(try run.value("peak_waiting_room_users", "lms") > 60)
        }
    }

    /// The shown wait is (users ahead + 1) / rate; above 30 s a user leaves: so a newcomer
    /// balks exactly when 60 users wait (61 / 2 s > 30 s, 60 / 2 s is not), and the room
    /// fills to 60 and never beyond. Every arrival is let through, enters, or balks, and
    /// nobody reneges, so balkers are the arrivals less the admitted less those still in
    /// the room at the end (0 to 60). Without `balk_over` the same users never balk.
    @Test("users shown a wait above balk_over leave at once: the room holds exactly balk_over × rate")
    func balking() throws {
        let scenario = try Models.load(text: MechanismModels.rateRoom, name: "rate-room.yaml", policy: "balking")
        for run in try replicate(scenario, 3) {
            #expect(try run.value("peak_waiting_room_users", "lms") == 60)
            #expect(try run.values("waiting_room_users", "lms").allSatisfy { $0 <= 60 })
            let balked = try run.value("balked", "lms")
            let arrivals = try run.value("visits", "lms")
            let admitted = try run.values("admitted", "lms").reduce(0, +)
            #expect(balked <= arrivals - admitted && balked >= arrivals - admitted - 60,
                    "\(balked) balked, \(arrivals) arrivals, \(admitted) admitted")
            #expect(try run.value("reneged_room", "lms") == 0)
        }
    }

    /// The order of service does not change how many wait or how long on average (the
    /// number waiting evolves the same whoever leaves: Erlang C holds for random order too),
    /// but it spreads the waits: in random order a newcomer may be passed over again and
    /// again, so the wait's variance is larger (for the M/M/c waiting part, the second
    /// moment of a wait is 2/(2 − ρ) times FIFO's). The run does not report a per-user wait
    /// variance; it reports the 95th percentile of each user's time to the first page (the
    /// wait plus one Exp(1 s) page), whose increase is what the larger variance shows as.
    /// With the same seeds (common random numbers) the paired difference of those
    /// percentiles must be positive beyond its interval; the means must match Erlang C.
    @Test("a random-order room has FIFO's (Erlang C) mean wait and a wider spread of waits")
    func randomOrderRoom() throws {
        let theory = MMc(servers: 10, arrivalRate: 9, serviceRate: 1)
        let fifo = try replicate(Models.load(text: MechanismModels.slotRoom(order: "fifo"), name: "room-fifo.yaml"), 6)
        let random = try replicate(Models.load(text: MechanismModels.slotRoom(order: "random"), name: "room-random.yaml"), 6)
        let confidence = familyConfidence(comparisons: 4)
        let waits = try random.map { try $0.value("mean_room_wait_s", "web") }
        let pWait = try random.map { try $0.value("p_room_wait", "web") }
        let fifoWaits = try fifo.map { try $0.value("mean_room_wait_s", "web") }
        #expect(agrees(waits, theory.meanWait, confidence: confidence), "random order, mean wait")
        #expect(agrees(pWait, theory.probabilityOfWait, confidence: confidence), "random order, P(wait)")
        #expect(agrees(fifoWaits, theory.meanWait, confidence: confidence), "FIFO, mean wait (the control)")
        let spread = try zip(random, fifo).map {
            try $0.value("p95_time_to_first_page_s", "users") - $1.value("p95_time_to_first_page_s", "users")
        }
        let gap = MeanInterval(spread, confidence: confidence)
        print("room: random-order mean wait \(MeanInterval(waits, confidence: 0.95)) s, P(wait) \(MeanInterval(pWait, confidence: 0.95)),",
              "FIFO mean wait \(MeanInterval(fifoWaits, confidence: 0.95)) s; Erlang C \(theory.meanWait) s, \(theory.probabilityOfWait);",
              "p95 time to first page, random − FIFO \(gap) s")
        #expect(gap.mean - gap.halfWidth > 0, "p95 time to first page, random − FIFO: \(gap)")
    }
}
