/// What happened at a platform's door and in its sessions over a stretch of time.
struct PlatformCounters {
    var attemptsFirst = 0.0
    var attemptsRetry = 0.0
    var admitted = 0.0
    var refused = 0.0
    var loginFailures = 0.0
    var successfulLogins = 0.0
    var gaveUp = 0.0
    var forcedLogouts = 0.0
    var idleLogouts = 0.0
    var sessionsCompleted = 0.0
    var pagesOK = 0.0
    var pageTimeouts = 0.0
    var pageReloads = 0.0
    /// Logins sent on a platform with `retry_amplification`, and the sum of their work
    /// multipliers (their mean is `login_work_amplification`).
    var loginsSent = 0.0
    var loginWorkFactorSum = 0.0

    var attempts: Double { attemptsFirst + attemptsRetry }
    /// Failures users saw at this platform: refusals, failed logins, timed-out pages.
    var errors: Double { refused + loginFailures + pageTimeouts }
    /// Requests answered, failed or not: every login attempt ends as a refusal, a failed or a
    /// successful login, every page as served or timed out. Counted when they end, like `errors`,
    /// so errors / answered is a share (≤ 1) even when a login starts in one interval and fails
    /// in the next; counting attempts when they start made it exceed 1 in a storm's first minutes.
    var answered: Double { refused + loginFailures + successfulLogins + pagesOK + pageTimeouts }

    mutating func reset() { self = PlatformCounters() }
}

/// A platform's sessions, the users who want to be in, and its observations.
struct PlatformState {
    var sessions = 0

    /// Sessions held (slots), users present (logging in, in session, or waiting to retry),
    /// and users waiting to retry.
    var sessionLevel = LevelIntegral()
    var presentLevel = LevelIntegral()
    var orbitLevel = LevelIntegral()
    var interval = PlatformCounters()
    var run = PlatformCounters()
    var measuring = false

    @inline(__always)
    mutating func count(_ change: (inout PlatformCounters) -> Void) {
        change(&interval)
        if measuring { change(&run) }
    }
}

/// How each visit of a segment ended, and when its users got in.
struct SegmentStats {
    var visits = 0.0
    var firstVisits = 0.0
    var usersIn = 0.0
    var firstVisitsIn = 0.0
    var leftDone = 0.0
    var leftForced = 0.0
    var gaveUpNeverIn = 0.0
    var gaveUpAfterIn = 0.0
    var timeToFirstPage = LogHistogram()
    var timeToFirstPageSum = 0.0
    var firstPages = 0.0
    /// Per checkpoint: first visits arrived by it, and those of them in by it.
    var arrivedBy: [Double]
    var inBy: [Double]
    // Per interval.
    var intervalVisits = 0.0
    var intervalFirstIns = 0.0
    var intervalGaveUp = 0.0

    init(checkpoints: Int) {
        arrivedBy = Array(repeating: 0, count: checkpoints)
        inBy = Array(repeating: 0, count: checkpoints)
    }

    var ended: Double { leftDone + leftForced + gaveUpNeverIn + gaveUpAfterIn }
}
