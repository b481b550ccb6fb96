/// The state of each user's client (browser tab or app) for its overload policies: the
/// sliding window of adaptive throttling and the counts of the retry budget.
///
/// Rows are addressed by the user's slot in ``UserTable`` and reset when a visit with
/// client policies starts (``World/clientStarts(_:)``); a visit's client lives as long as
/// the visit. Nothing is allocated for users whose behaviour has no client policy.
///
/// The window keeps the times of the client's last ``memory`` events (requests sent and
/// responses accepted) in a ring: the counts are exact while a client has at most that
/// many events in one window. Beyond, the oldest are forgotten; a client that has sent
/// 32 requests in a window without an accept is already rejecting 32/33 ≈ 97% locally.
struct ClientTable {
    /// Events (requests and accepts) each client remembers for its window.
    static let memory = 32

    /// Per user slot, `memory` event times in a ring.
    private var times: ContiguousArray<Double> = []
    /// Per user slot: bit k set when event k of the ring is an accept (else a request).
    private var acceptBits: ContiguousArray<UInt32> = []
    /// Per user slot: events stored (at most `memory`) and the ring position written next.
    private var stored: ContiguousArray<UInt8> = []
    private var next: ContiguousArray<UInt8> = []
    /// Per user slot, over the visit: requests attempted and, of them, retries.
    private var requests: ContiguousArray<Int32> = []
    private var retries: ContiguousArray<Int32> = []

    /// Per platform, over the measured part of the run.
    private(set) var counters: [ClientCounters] = []

    /// A fresh client for user slot `u`.
    mutating func reset(_ u: Int32) {
        let i = Int(u)
        while stored.count <= i {
            times.append(contentsOf: repeatElement(0, count: Self.memory))
            acceptBits.append(0)
            stored.append(0)
            next.append(0)
            requests.append(0)
            retries.append(0)
        }
        acceptBits[i] = 0
        stored[i] = 0
        next[i] = 0
        requests[i] = 0
        retries[i] = 0
    }

    /// Requests and accepts of client `u` in the window (now − width, now].
    ///
    /// - Complexity: O(``memory``).
    func window(_ u: Int32, now: Double, width: Double) -> (requests: Double, accepts: Double) {
        let i = Int(u)
        let base = i * Self.memory
        let since = now - width
        var sent = 0, accepted = 0
        for k in 0..<Int(stored[i]) where times[base + k] > since {
            if acceptBits[i] & (1 << UInt32(k)) != 0 { accepted += 1 } else { sent += 1 }
        }
        return (Double(sent), Double(accepted))
    }

    /// Client `u` attempts a request (a retry or not) at `now`.
    mutating func recordRequest(_ u: Int32, at now: Double, retry: Bool) {
        remember(u, at: now, accept: false)
        requests[Int(u)] &+= 1
        if retry { retries[Int(u)] &+= 1 }
    }

    /// A response of the servers accepted client `u`'s request at `now`.
    mutating func recordAccept(_ u: Int32, at now: Double) {
        remember(u, at: now, accept: true)
    }

    /// Whether client `u`'s retries so far are below `ratio` × its requests so far (the
    /// SRE per-client budget: "retry only while the ratio is below 10%").
    func retriesBelow(_ ratio: Double, _ u: Int32) -> Bool {
        Double(retries[Int(u)]) < ratio * Double(requests[Int(u)])
    }

    private mutating func remember(_ u: Int32, at now: Double, accept: Bool) {
        let i = Int(u)
        let k = Int(next[i])
        times[i * Self.memory + k] = now
        if accept { acceptBits[i] |= 1 << UInt32(k) } else { acceptBits[i] &= ~(1 << UInt32(k)) }
        next[i] = UInt8((k + 1) % Self.memory)
        if Int(stored[i]) < Self.memory { stored[i] += 1 }
    }

    /// Adds to platform `p`'s counters (only once the warm-up is over).
    mutating func count(platform p: Int, measuring: Bool, _ change: (inout ClientCounters) -> Void) {
        guard measuring else { return }
        while counters.count <= p { counters.append(ClientCounters()) }
        change(&counters[p])
    }

    func counters(platform p: Int) -> ClientCounters {
        p < counters.count ? counters[p] : ClientCounters()
    }
}

/// What the clients of a platform's users did about overload.
struct ClientCounters {
    /// Login attempts and page requests the clients attempted, locally rejected ones included.
    var requests = 0.0
    /// Of them, rejected locally by adaptive throttling.
    var throttled = 0.0
    /// Retries the users would have made that the retry budget refused.
    var suppressed = 0.0
}
