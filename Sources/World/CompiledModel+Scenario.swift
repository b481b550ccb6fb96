#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Scenario
import Stochastics

extension CompiledModel {
    init(_ scenario: Scenario) throws(WorldBuildError) {
        startClock = scenario.start
        duration = scenario.duration
        warmup = scenario.warmup
        interval = scenario.reportInterval
        let intervals = (scenario.duration / scenario.reportInterval).rounded(.up)
        // Checked before the conversion to Int (the exact check, with the series, is World's).
        guard intervals <= Double(RunBounds.maxSeriesValues) else {
            throw WorldBuildError(message: RunBounds.outputProblem(duration: scenario.duration, intervals: Int(min(intervals, 1e18)), series: 1, replications: 1) ?? "")
        }
        intervalCount = Int(intervals)
        sample = scenario.sample
        let scale = Sampling(share: scenario.sample)
        checkpoints = Checkpoints.inside(start: scenario.start, end: scenario.end).map { $0 - scenario.start }

        pools = scenario.pools.map { Self.compile(pool: $0, startClock: scenario.start, scale: scale) }
        let poolIndex = Dictionary(uniqueKeysWithValues: scenario.pools.enumerated().map { ($1.id, $0) })
        func pool(_ id: String) throws(WorldBuildError) -> Int32 {
            guard let i = poolIndex[id] else { throw WorldBuildError(message: "unknown pool '\(id)'") }
            return Int32(i)
        }

        var routes: [[Int32]] = []
        func route(_ pools: [Int32]) -> Int {
            if let existing = routes.firstIndex(of: pools) { return existing }
            routes.append(pools)
            return routes.count - 1
        }

        behaviours = scenario.behaviours.map(Self.compile(behaviour:))
        let behaviourIndex = Dictionary(uniqueKeysWithValues: scenario.behaviours.enumerated().map { ($1.id, $0) })

        var platforms: [PlatformModel] = []
        var reserved: [Set<String>] = []
        var gateSites: [GateSite] = []
        for platform in scenario.platforms {
            var tiers: [Int32] = []
            for id in platform.pools { tiers.append(try pool(id)) }
            var loginTiers = tiers
            if let ssoId = platform.sso {
                guard let service = scenario.service(ssoId) else { throw WorldBuildError(message: "platform '\(platform.id)': unknown sso service '\(ssoId)'") }
                loginTiers.insert(try pool(service.pool), at: 0)
            }
            let gates = try Self.compileGates(of: platform, in: scenario, scale: scale, firstState: gateSites.count)
            var model = PlatformModel(name: platform.id, pageRoute: route(tiers), loginRoute: route(loginTiers), refusalRoute: nil,
                                      gates: gates.steps, sessionLimit: gates.sessionLimit, idleTimeout: gates.idleTimeout,
                                      reservedShare: gates.reservedShare, retryAmplification: platform.retryAmplification)
            for (k, step) in gates.steps.enumerated() {
                gateSites.append(GateSite(platform: platforms.count, step: k, state: step.state))
                if case .waitingRoom(let room) = step.kind, room.capacity != nil { model.slotRooms.append(step.state) }
            }
            reserved.append(gates.reservedSegments)
            let refusalPool = try gates.refusalPool.map(pool) ?? tiers[0]
            if pools[Int(refusalPool)].service[Int(JobKind.refusal.rawValue)] != nil {
                model.refusalRoute = route([refusalPool])
            }
            platforms.append(model)
        }
        self.platforms = platforms
        let platformIndex = Dictionary(uniqueKeysWithValues: scenario.platforms.enumerated().map { ($1.id, $0) })

        var arrivals: [ArrivalSource] = []
        var segmentNames: [String] = []
        var segmentPlatform: [Int] = []
        var segmentIds: [String?] = []
        var segmentReserved: [Bool] = []
        let window = (0.0, scenario.duration)
        for segment in scenario.segments {
            guard let behaviour = behaviourIndex[segment.behaviour] else {
                throw WorldBuildError(message: "segment '\(segment.id)': unknown behaviour '\(segment.behaviour)'")
            }
            for use in segment.platforms {
                guard let p = platformIndex[use.platform] else { throw WorldBuildError(message: "segment '\(segment.id)': unknown platform '\(use.platform)'") }
                // One report entity per (segment, platform) when a segment uses several platforms.
                let name = segment.platforms.count == 1 ? segment.id : "\(segment.id)@\(use.platform)"
                let index = segmentNames.count
                segmentNames.append(name)
                segmentPlatform.append(p)
                segmentIds.append(segment.id)
                segmentReserved.append(reserved[p].contains(segment.id))
                let members = segment.activeMembers * use.share * scale.share
                let demand = try VisitDensity(intent: segment.intent, start: scenario.start, window: window)
                if let first = demand.independentFirstVisits, members > 0 {
                    arrivals.append(ArrivalSource(name: name + ".first", segment: index, target: .platform(p), behaviour: behaviour,
                                                  isFirstVisit: true, process: ArrivalProcess(intensity: first.scaled(by: members))))
                }
                // Sampling scales the number of classes, never their size: a class of 25 stays 25.
                for (k, classes) in demand.classes.enumerated() where members > 0 {
                    arrivals.append(ArrivalSource(name: name + ".classes\(k + 1)", segment: index, target: .platform(p), behaviour: behaviour,
                                                  isFirstVisit: true, process: ArrivalProcess(intensity: classes.classMoments.scaled(by: members)),
                                                  classes: classes))
                }
                if let repeats = demand.repeatVisits, members > 0 {
                    arrivals.append(ArrivalSource(name: name + ".repeat", segment: index, target: .platform(p), behaviour: behaviour,
                                                  isFirstVisit: false, process: ArrivalProcess(intensity: repeats.scaled(by: members))))
                }
            }
        }
        for source in scenario.sources {
            let index = segmentNames.count
            segmentNames.append(source.id)
            segmentPlatform.append(-1)
            segmentIds.append(nil)
            segmentReserved.append(false)
            let direct = route([try pool(source.pool)])
            let kind = JobKind(source.kind)
            let process: ArrivalProcess
            do {
                if let curve = source.rateCurve {
                    process = ArrivalProcess(curve: try curve.rateCurve(start: scenario.start).scaled(by: scale.share))
                } else {
                    process = try ArrivalProcess(constantRate: scale.rate(source.rate ?? 0))
                }
            } catch {
                throw WorldBuildError(message: "source '\(source.id)': \(error)")
            }
            arrivals.append(ArrivalSource(name: source.id, segment: index,
                                          target: .direct(route: direct, kind: kind, queuePatience: source.patience),
                                          behaviour: 0, isFirstVisit: true, process: process))
        }
        if behaviours.isEmpty { behaviours = [Self.singleRequestBehaviour] }
        attacks = try Self.compileAttacks(scenario, pools: pools) { route([$0]) }
        self.arrivals = arrivals
        self.segmentNames = segmentNames
        self.segmentPlatform = segmentPlatform
        self.segmentReserved = segmentReserved
        self.gateSites = gateSites
        self.routes = routes
        resolveWindows(segmentIds: segmentIds)
    }

    /// Sources need no behaviour, but every arrival names one.
    static var singleRequestBehaviour: BehaviourModel {
        // Valid parameters cannot fail to build.
        let one = try! Distribution.deterministic(1)
        return BehaviourModel(pages: one, think: one, requestsPerPage: one, loginCost: 1, clientTimeout: .infinity,
                              reloadOnTimeout: 0, patience: one, retryDelay: one, retryProbability: 0, retryLimit: 0,
                              reloginProbability: 0, reloginDelay: one, comeback: nil)
    }

    static func compile(behaviour b: BehaviourProfile) -> BehaviourModel {
        BehaviourModel(
            pages: b.pagesPerSession, think: b.thinkTime, requestsPerPage: b.requestsPerPage,
            loginCost: b.loginCost, clientTimeout: b.clientTimeout, reloadOnTimeout: b.reloadOnTimeout,
            patience: b.patience, retryDelay: b.retryDelay, retryProbability: b.retryProbability,
            retryLimit: b.retryLimit ?? Int.max, reloginProbability: b.relogin.probability,
            reloginDelay: b.relogin.delay,
            comeback: b.comeback.map { ($0.probability, $0.at, $0.sd) }, client: b.client.isEmpty ? nil : b.client)
    }

    static func compile(pool p: Pool, startClock: Double, scale: Sampling) -> PoolModel {
        let w = p.workersPerServer
        let page = p.serviceTime[.page]
        return PoolModel(
            name: p.id, workers: p.unlimited ? Int.max : scale.count(p.servers * w),
            service: JobKind.allInOrder.map { p.serviceTime[RequestKind($0)] },
            requestMean: page?.mean ?? 0, requestVariance: page?.variance ?? 0,
            queueLimit: p.queueLimit.map(scale.count) ?? Int.max, dropExpired: p.dropExpired,
            schedule: p.capacitySchedule.map { ($0.at - startClock, scale.count($0.servers * w)) },
            autoscaling: p.autoscaling.map { a in
                AutoscalingModel(onQueueLength: a.metric == .queueLength, threshold: a.threshold,
                                 stepWorkers: scale.count(a.step * w), provisioningDelay: a.provisioningDelay,
                                 interval: a.interval, minWorkers: scale.count(a.min * w), maxWorkers: scale.count(a.max * w))
            },
            unlimited: p.unlimited, waitTarget: p.serviceLevel?.wait, responseTarget: p.serviceLevel?.response)
    }
}

extension JobKind {
    static let allInOrder: [JobKind] = [.page, .login, .refusal]

    init(_ kind: RequestKind) {
        switch kind {
        case .page: self = .page
        case .login: self = .login
        case .refusal: self = .refusal
        }
    }
}

extension RequestKind {
    init(_ kind: JobKind) {
        switch kind {
        case .page: self = .page
        case .login: self = .login
        case .refusal: self = .refusal
        }
    }
}
