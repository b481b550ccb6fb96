import Scenario
import Stochastics

/// A platform's gates compiled: the admission steps in the file's order, the session
/// policies, and the reservations that change the steps' limits.
struct CompiledGates {
    var steps: [PlatformGate] = []
    var sessionLimit: (limit: Double, jitter: Distribution?)?
    var idleTimeout: Double?
    var reservedShare = 0.0
    var reservedSegments = Set<String>()
    /// The pool of the last gate that names one: where refusal pages are served.
    var refusalPool: String?
}

extension CompiledModel {
    /// Compiles `platform`'s gates in the order its `gate:` list gives them. `firstState`
    /// is the index in `World.gates` of the platform's first admission step.
    static func compileGates(of platform: Platform, in scenario: Scenario, scale: Sampling, firstState: Int) throws(WorldBuildError) -> CompiledGates {
        var compiled = CompiledGates()
        for gateId in platform.gates {
            guard let gate = scenario.gate(gateId) else { throw WorldBuildError(message: "platform '\(platform.id)': unknown gate '\(gateId)'") }
            if let pool = gate.pool { compiled.refusalPool = pool }
            func step(_ kind: PlatformGate.Kind) {
                compiled.steps.append(PlatformGate(id: gateId, state: firstState + compiled.steps.count, kind: kind))
            }
            switch gate.kind {
            case .noControl:
                break
            case .sessionCap(let cap):
                step(.sessionCap(SessionCapModel(
                    maxSessions: scale.count(cap.maxSessions),
                    refuseAfterLogin: cap.refusal == .afterLogin,
                    activationSessions: Int((Double(scale.count(cap.maxSessions)) * (cap.activation ?? 0)).rounded(.up)),
                    activeFrom: cap.activeFrom.map { $0 - scenario.start } ?? -.infinity,
                    activeUntil: cap.activeUntil.map { $0 - scenario.start } ?? .infinity)))
            case .sessionTimeLimit(let limit, let jitter):
                compiled.sessionLimit = (limit, jitter)
            case .idleTimeout(let limit):
                compiled.idleTimeout = min(compiled.idleTimeout ?? .infinity, limit)
            case .waitingRoom(let room):
                let starts = room.startsAt.map { $0 - scenario.start } ?? -.infinity
                step(.waitingRoom(WaitingRoomModel(
                    randomOrder: room.order == .random,
                    rate: room.outflow == .rate ? room.rate.map(scale.rate) : nil,
                    capacity: room.outflow == .slotFreed ? room.capacity.map(scale.count) : nil,
                    preQueueOpens: room.preQueueOpens.map { $0 - scenario.start } ?? starts,
                    startsAt: starts, showsWait: room.showsWait, balkOver: room.balkOver)))
            case .tokenBucket(let bucket):
                step(.tokenBucket(TokenBucketModel(rate: scale.rate(bucket.newUsersRate),
                                                   burst: max(1, scale.rate(bucket.burst ?? bucket.newUsersRate * 60)),
                                                   maxActive: bucket.maxActive.map(scale.count))))
                // Cloudflare's session_duration: renewed by each request (an idle timeout), or a single span.
                if let duration = bucket.sessionDuration {
                    if bucket.renewing {
                        compiled.idleTimeout = min(compiled.idleTimeout ?? .infinity, duration)
                    } else if compiled.sessionLimit == nil || compiled.sessionLimit!.limit > duration {
                        compiled.sessionLimit = (duration, nil)
                    }
                }
            case .timeWindows(let windows):
                var bySegmentId: [String: [TimeWindowModel]] = [:]
                for w in windows {
                    for s in w.segments {
                        bySegmentId[s, default: []].append(TimeWindowModel(from: w.from - scenario.start, to: w.to - scenario.start, allow: w.action == .allow))
                    }
                }
                step(.timeWindows(TimeWindowsModel(bySegment: [], bySegmentId: bySegmentId)))
            case .priority(let reservations):
                for r in reservations {
                    compiled.reservedShare += r.share
                    compiled.reservedSegments.formUnion(r.segments)
                }
            }
        }
        compiled.reservedShare = min(1, compiled.reservedShare)
        return compiled
    }

    /// Time-window steps resolved per segment index, once the segments are compiled
    /// (`segmentIds[s]`: the scenario id of report segment `s`; sources have none).
    mutating func resolveWindows(segmentIds: [String?]) {
        for p in platforms.indices {
            for k in platforms[p].gates.indices {
                guard case .timeWindows(var windows) = platforms[p].gates[k].kind else { continue }
                windows.bySegment = segmentIds.map { id in id.flatMap { windows.bySegmentId[$0] } ?? [] }
                platforms[p].gates[k].kind = .timeWindows(windows)
            }
        }
    }
}
