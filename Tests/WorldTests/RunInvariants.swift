import Foundation
import Testing
import World

/// Broken invariants found in a run: what each check of ``RunInvariants`` reports, so the
/// same checks serve the model tests (each violation an issue) and the property-based
/// tests (a violation is a finding to shrink).
struct InvariantLog {
    struct Violation: CustomStringConvertible, Equatable {
        let invariant: String
        let detail: String
        var description: String { detail.isEmpty ? invariant : "\(invariant): \(detail)" }
    }

    /// The invariant the next checks belong to.
    var invariant = ""
    private(set) var violations: [Violation] = []

    mutating func expect(_ holds: Bool, _ detail: @autoclosure () -> String = "") {
        if !holds { violations.append(Violation(invariant: invariant, detail: detail())) }
    }

    mutating func fail(_ invariant: String, _ detail: String) {
        violations.append(Violation(invariant: invariant, detail: detail))
    }

    /// Each violation as an issue of the running test.
    func record(_ context: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
        for v in violations { Issue.record("\(context)\(v)", sourceLocation: sourceLocation) }
    }
}

/// Invariants every run satisfies, read from its outputs (series, summary, visit accounts).
enum RunInvariants {
    /// Every visit of a segment is accounted for exactly once.
    static func conservation(_ run: RunResult, _ log: inout InvariantLog) throws {
        log.invariant = "users are conserved"
        log.expect(!run.visitAccounts.isEmpty)
        for a in run.visitAccounts {
            log.expect(a.visits == a.leftDone + a.leftForced + a.gaveUpNeverIn + a.gaveUpAfterIn + a.presentAtEnd,
                    "\(a.segment): \(a)")
            log.expect([a.visits, a.leftDone, a.leftForced, a.gaveUpNeverIn, a.gaveUpAfterIn, a.presentAtEnd].allSatisfy { $0 >= 0 && $0 == $0.rounded() })
            // The per-interval visits add up to the segment's total; so do its first logins.
            log.expect(try run.values("visits", a.segment).reduce(0, +) == a.visits)
            log.expect(try run.value("visits", a.segment) == a.visits)
            log.expect(try run.values("first_ins", a.segment).reduce(0, +) == run.value("users_in", a.segment))
            log.expect(try run.value("users_in", a.segment) <= a.visits)
        }
    }

    /// No counter, rate or level is negative; NaN only for documented ratios.
    static func signs(_ run: RunResult, _ log: inout InvariantLog) throws {
        log.invariant = "no counter is negative, NaN only where documented"
        log.expect(run.intervalCount > 0)
        for s in run.series {
            log.expect(s.values.count == run.intervalCount, "\(s.entity).\(s.metric) has \(s.values.count) values")
            for (k, v) in s.values.enumerated() {
                if v.isNaN {
                    log.expect(DocumentedNaN.allowed(s.kind, s.metric, series: true), "\(s.entity).\(s.metric)[\(k)] is NaN")
                } else {
                    log.expect(v >= 0 && v.isFinite, "\(s.entity).\(s.metric)[\(k)] = \(v)")
                }
            }
        }
        for v in run.summary {
            if v.value.isNaN {
                log.expect(DocumentedNaN.allowed(v.kind, v.metric, series: false), "summary \(v.entity).\(v.metric) is NaN")
            } else {
                log.expect(v.value >= 0 && v.value.isFinite, "summary \(v.entity).\(v.metric) = \(v.value)")
            }
        }
    }

    /// Counts are whole, flows are ordered (nothing served that did not arrive, no session
    /// that was not admitted), ratios are in range, and a NaN ratio has a zero denominator.
    ///
    /// `capacityChanges` names the pools whose capacity changes during the run (schedule or
    /// autoscaling): the `workers` series samples capacity at interval ends, after any change
    /// at that instant, so such a pool may show workers at both ends of an interval it spent
    /// without any (its utilisation NaN).
    static func counters(_ run: RunResult, measuredFrom: Int, capacityChanges: Set<String> = [], _ log: inout InvariantLog) throws {
        log.invariant = "counts are whole, flows ordered, ratios in range"
        let whole: Set<String> = ["arrived", "served", "timed_out", "rejected", "wasted", "dropped", "reneged",
                                  "attempts_first", "attempts_retry", "admitted", "refused", "login_failures",
                                  "successful_logins", "gave_up", "forced_logouts", "idle_logouts", "sessions_completed",
                                  "pages_ok", "page_timeouts", "active_sessions_end", "visits", "first_ins"]
        for s in run.series where whole.contains(s.metric) {
            log.expect(s.values.allSatisfy { $0 == $0.rounded() }, "\(s.entity).\(s.metric) is not a count")
        }
        let measured = measuredFrom..<run.intervalCount
        for pool in Set(run.series.filter { $0.kind == .pool }.map(\.entity)).sorted() {
            let arrived = try run.values("arrived", pool), served = try run.values("served", pool)
            let rejected = try run.values("rejected", pool), reneged = try run.values("reneged", pool)
            let dropped = try run.values("dropped", pool), wasted = try run.values("wasted", pool)
            let utilization = try run.values("utilization", pool), workers = try run.values("workers", pool)
            let busy = try run.values("busy_workers", pool)
            var inflow = 0.0, outflow = 0.0
            for k in arrived.indices {
                inflow += arrived[k] - rejected[k] - reneged[k] - dropped[k]
                outflow += served[k]
                log.expect(outflow <= inflow, "\(pool)[\(k)]: served more than was admitted")
                log.expect(wasted[k] <= served[k], "\(pool)[\(k)]: \(wasted[k]) wasted of \(served[k]) served")
                log.expect(rejected[k] <= arrived[k], "rejections happen on arrival")
                if utilization[k].isFinite { log.expect(utilization[k] <= 1 + 1e-9, "\(pool)[\(k)] utilization \(utilization[k])") }
                // NaN workers: a `servers: unlimited` pool, whose utilisation is NaN throughout.
                if utilization[k].isNaN, !workers[k].isNaN {
                    log.expect(busy[k] == 0, "\(pool)[\(k)]: utilization NaN with \(busy[k]) busy workers")
                    log.expect(capacityChanges.contains(pool) || workers[k] == 0 || (k > 0 && workers[k - 1] == 0),
                               "\(pool)[\(k)]: utilization NaN with \(workers[k]) workers at its end")
                }
            }
            let arrivedMeasured = measured.reduce(0) { $0 + arrived[$1] }
            for ratio in ["p_blocked", "p_abandon", "p_timeout"] {
                let v = try run.value(ratio, pool)
                log.expect(v.isNaN == (arrivedMeasured == 0), "\(pool).\(ratio) = \(v) with \(arrivedMeasured) arrivals")
                if v.isFinite { log.expect(v <= 1, "\(pool).\(ratio) = \(v)") }
            }
            if let p = run.summary("p_wait", pool), p.isFinite { log.expect(p <= 1) }
            let u = try run.value("utilization", pool)
            if u.isFinite { log.expect(u <= 1 + 1e-9, "\(pool).utilization = \(u)") }
        }
        for platform in Set(run.series.filter { $0.kind == .platform }.map(\.entity)).sorted() {
            let attempts = zip(try run.values("attempts_first", platform), try run.values("attempts_retry", platform)).map(+)
            let admitted = try run.values("admitted", platform)
            let logins = try run.values("successful_logins", platform)
            let completed = try run.values("sessions_completed", platform)
            var a = 0.0, b = 0.0, c = 0.0, d = 0.0
            for k in attempts.indices {
                a += attempts[k]; b += admitted[k]; c += logins[k]; d += completed[k]
                log.expect(b <= a && c <= b && d <= c, "\(platform)[\(k)]: attempts \(a) ≥ admitted \(b) ≥ logins \(c) ≥ completed \(d) fails")
            }
            let perSuccess = try run.values("attempts_per_success", platform)
            for k in perSuccess.indices {
                log.expect(perSuccess[k].isNaN == (logins[k] == 0), "\(platform)[\(k)] attempts_per_success \(perSuccess[k]) with \(logins[k]) logins")
            }
            // A share: failures over the requests answered in the same interval (both counted when
            // a request ends), so a login started in one interval and failed in the next cannot push it past 1.
            let errorShare = try run.values("error_share", platform)
            for k in errorShare.indices where errorShare[k].isFinite {
                log.expect(errorShare[k] <= 1, "\(platform)[\(k)] error_share \(errorShare[k])")
            }
            let peak = try run.value("peak_active_sessions", platform)
            log.expect(try run.value("mean_active_sessions", platform) <= peak + 1e-9)
            log.expect(try run.values("active_sessions_end", platform).allSatisfy { $0 <= peak })
            log.expect(try run.values("active_sessions", platform).allSatisfy { $0 <= peak + 1e-9 })
            // A user holding a session is present; a user waiting to retry is present too.
            log.expect(try run.value("peak_desired_sessions", platform) >= peak)
            let desired = try run.values("desired_sessions", platform)
            for (k, (held, waiting)) in zip(try run.values("active_sessions", platform), try run.values("waiting_users", platform)).enumerated() {
                log.expect(held <= desired[k] + 1e-9 && waiting <= desired[k] + 1e-9, "\(platform)[\(k)]: \(held) sessions, \(waiting) waiting, \(desired[k]) present")
            }
            let loginsMeasured = measured.reduce(0) { $0 + logins[$1] }
            log.expect(try run.value("attempts_per_success", platform).isNaN == (loginsMeasured == 0))
            let visits = try run.value("visits", platform)
            log.expect(try run.value("share_never_in", platform).isNaN == (visits == 0))
            // Amplification only ever adds work: a login costs at least a first login's.
            if let amplification = run.summary("login_work_amplification", platform) {
                log.expect(amplification.isNaN || amplification >= 1, "\(platform) login_work_amplification \(amplification)")
            }
        }
    }
}
