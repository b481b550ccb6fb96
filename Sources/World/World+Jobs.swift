#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Stochastics

/// Requests travelling through server pools: queueing, service, client timeouts,
/// rejections when a queue is full, and capacity changes.
extension World {
    /// Sends a new request of user `u` along `route`. The client stops waiting after
    /// `clientTimeout` (response time); a textbook customer instead reneges if still queued
    /// after `queuePatience`.
    ///
    /// A page carries `requests_per_page` backend requests (drawn per page), a login
    /// `login_cost` pages' worth; a textbook request and a refusal page carry one. A login
    /// after failed attempts may cost more (``loginWorkFactor(_:platform:)``).
    mutating func send(user u: Int32, kind: JobKind, route: Int, clientTimeout: Double, queuePatience: Double = .infinity) {
        let now = sim.now
        let reneges = queuePatience.isFinite
        // The job's own random position (its service demands), taken from its user's sequence.
        var requests = 1.0
        var workFactor = 1.0
        let platform = sourcePlatform[Int(users[u].source)]
        if platform >= 0, kind != .refusal {
            let b = behaviourIndex(of: u)
            requests = max(1, draw(model.behaviours[b].requestsPerPage, for: u).rounded())
            if kind == .login {
                requests *= model.behaviours[b].loginCost
                workFactor = loginWorkFactor(u, platform: platform)
            }
        }
        let key = UInt64(random.uniform(at: &users[u].random) * 9_007_199_254_740_992)
        let j = jobs.add(Job(user: u, source: users[u].source, route: Int32(route), kind: kind,
                             renegesWhileQueued: reneges, arrivedAtPool: now,
                             deadline: reneges ? now + queuePatience : now + clientTimeout,
                             random: EntityRandom.start(sourceKey: key, serial: 0), requests: requests,
                             workFactor: workFactor))
        users[u].currentJob = j
        arrive(j, at: Int(routePools[Int(routeStart[route])]))
    }

    /// The multiplier on the work of the login user `u` sends to platform `p` now: 1 without
    /// `retry_amplification`, else min(max, factor^k) after k failed attempts since the
    /// visit's last successful login. Counted for `login_work_amplification`.
    mutating func loginWorkFactor(_ u: Int32, platform p: Int) -> Double {
        guard let amplification = model.platforms[p].retryAmplification else { return 1 }
        let factor = amplification.multiplier(afterFailures: Int(users[u].failedLogins))
        platforms[p].count {
            $0.loginsSent += 1
            $0.loginWorkFactorSum += factor
        }
        return factor
    }

    /// Schedules the job's client timeout (once), at its deadline.
    @inline(__always)
    mutating func armTimeout(_ j: Int32) {
        guard !jobs[j].timeoutScheduled, jobs[j].deadline.isFinite else { return }
        jobs[j].timeoutScheduled = true
        sim.schedule(at: max(sim.now, jobs[j].deadline), .clientTimeout(job: j, generation: jobs[j].generation, user: jobs[j].user))
    }

    /// The job reaches pool `p`: served at once, queued, or rejected when the queue is full.
    mutating func arrive(_ j: Int32, at p: Int) {
        if attacks.filtering, filterBlocks(j, at: p) { return }  // World+Attacks.swift
        let now = sim.now
        let ji = Int(j)
        jobs[ji].arrivedAtPool = now
        pools[p].count { $0.arrived += 1 }
        if pools[p].busy < pools[p].workers {
            startService(j, at: p)
        } else if pools[p].liveQueued < model.pools[p].queueLimit {
            jobs[ji].state = .queued
            pools[p].queue.append(j)
            pools[p].liveQueued += 1
            pools[p].queueLevel.add(1, at: now)
            // A queued request may outlive its client: its timeout must be able to fire.
            armTimeout(j)
        } else {
            pools[p].count { $0.rejected += 1 }
            requestFailed(j)
            jobs.remove(j)  // rejected at the door: nothing holds the job any more
        }
    }

    mutating func startService(_ j: Int32, at p: Int) {
        if isAttackJob(j) { return startAttackService(j, at: p) }  // World+Attacks.swift
        let now = sim.now
        let ji = Int(j)
        let wait = now - jobs[ji].arrivedAtPool
        let target = model.pools[p].waitTarget ?? .infinity
        pools[p].count {
            $0.leftQueue(after: wait, target: target)
            $0.serviceStarts += 1
            $0.servedWaitSum += wait
        }
        pools[p].busy += 1
        pools[p].busyLevel.add(1, at: now)
        jobs[ji].state = .inService
        let service = serviceTime(of: j, at: p)
        sim.schedule(after: service, .serviceDone(job: j, user: jobs[ji].user))
        if jobs[ji].renegesWhileQueued {
            // In service, a textbook customer no longer reneges: its pending patience is stale.
            jobs[ji].generation &+= 1
            jobs[j].timeoutScheduled = true
        } else if now + service > jobs[j].deadline {
            armTimeout(j)
        }
    }

    /// The job's service demand at pool `p`: its requests' time (``requestTime(of:at:)``)
    /// times its work factor (a retried login's amplification; 1 for everything else).
    @inline(__always)
    mutating func serviceTime(of j: Int32, at p: Int) -> Double {
        let time = requestTime(of: j, at: p)
        let factor = jobs[j].workFactor
        return factor == 1 ? time : time * factor
    }

    /// The time of the job's requests at pool `p`, from the job's own random sequence.
    ///
    /// A job of n requests holds one worker for the sum of n request times. The sum is
    /// drawn as one lognormal variate with the sum's exact mean n·m and variance n·v (a
    /// moment match: one draw instead of n, the same mean load and spread); a single
    /// request, a login with its own distribution and a refusal page are drawn exactly.
    /// A heavy tail without a finite mean or variance (`pareto(shape: 0.1, …)`), or a job
    /// so large the sum's moments overflow, has no moments to match: its sum is drawn
    /// request by request (``heavyTailedSum(of:at:requests:)``).
    mutating func requestTime(of j: Int32, at p: Int) -> Double {
        switch jobs[j].kind {
        case .refusal:
            guard let refusal = model.pools[p].service[Int(JobKind.refusal.rawValue)] else { return 0 }
            return random.draw(refusal, at: &jobs[j].random)
        case .login:
            if let login = model.pools[p].service[Int(JobKind.login.rawValue)] { return random.draw(login, at: &jobs[j].random) }
        case .page:
            break
        }
        let n = jobs[j].requests
        if n == 1 {
            guard let page = model.pools[p].service[Int(JobKind.page.rawValue)] else { return 0 }
            return random.draw(page, at: &jobs[j].random)
        }
        let mean = n * model.pools[p].requestMean
        guard mean.isFinite, (n * model.pools[p].requestVariance).isFinite else {
            return heavyTailedSum(of: j, at: p, requests: n)
        }
        guard n * model.pools[p].requestVariance > 0 else { return mean }
        let sum = requestSums.shape(pool: p, requests: n, requestMean: model.pools[p].requestMean,
                                    requestVariance: model.pools[p].requestVariance)
        return random.lognormal(mu: sum.mu, sigma: sum.sigma, at: &jobs[j].random)
    }

    /// The most requests of one job drawn one by one; a larger job scales the sum of
    /// this many draws (the same mean where there is one), so a huge `requests_per_page`
    /// costs bounded time per job.
    static let exactRequestDraws = 1024

    /// The sum of n request times drawn one by one, for a distribution whose moments are
    /// infinite; a fractional n adds that fraction of one more draw. The sum may be huge
    /// or infinite: the job then simply never finishes within the run.
    mutating func heavyTailedSum(of j: Int32, at p: Int, requests n: Double) -> Double {
        guard let page = model.pools[p].service[Int(JobKind.page.rawValue)], n > 0 else { return 0 }
        let whole = n.rounded(.down)
        let draws = Int(min(whole, Double(Self.exactRequestDraws)))
        var sum = 0.0
        for _ in 0..<draws { sum += random.draw(page, at: &jobs[j].random) }
        if draws > 0, sum > 0 { sum *= whole / Double(draws) }
        let fraction = n - whole
        if fraction > 0 { sum += fraction * random.draw(page, at: &jobs[j].random) }
        return sum
    }

    mutating func serviceDone(_ j: Int32) {
        let now = sim.now
        let ji = Int(j)
        let first = Int(routeStart[Int(jobs[ji].route)])
        let hops = Int(routeStart[Int(jobs[ji].route) + 1]) - first
        let p = Int(routePools[first + Int(jobs[ji].hop)])
        let response = now - jobs[ji].arrivedAtPool
        let bucket = LogHistogram.bucket(of: response)  // once for the interval's and the run's histograms
        let wasted = jobs[ji].clientGaveUp
        let withinTarget = response <= (model.pools[p].responseTarget ?? -.infinity)
        pools[p].count {
            $0.served += 1
            $0.responseSum += response
            if withinTarget { $0.respondedWithinTarget += 1 }
            $0.response.record(bucket: bucket)
            if wasted { $0.wasted += 1 }
        }
        pools[p].busy -= 1
        pools[p].busyLevel.add(-1, at: now)
        slotsLeft(p)
        startWaitingJobs(at: p)
        if Int(jobs[ji].hop) + 1 < hops {
            jobs[ji].hop += 1
            arrive(j, at: Int(routePools[first + Int(jobs[ji].hop)]))
            return
        }
        jobFinished(j)
    }

    /// Fills free workers from the queue, skipping requests dropped while waiting.
    mutating func startWaitingJobs(at p: Int) {
        if attacks.wantWorkers { attackTakesFreeWorkers(at: p) }  // World+Attacks.swift
        while pools[p].busy < pools[p].workers, let j = pools[p].queue.popFirst() {
            // The job behind it is taken at a later departure: start loading its record now.
            if let next = pools[p].queue.first { jobs.prefetch(next) }
            if jobs[Int(j)].state == .abandoned {
                jobs.remove(j)
                continue
            }
            pools[p].liveQueued -= 1
            pools[p].queueLevel.add(-1, at: sim.now)
            startService(j, at: p)
        }
    }

    /// The response reached the client, or nobody was waiting for it any more.
    mutating func jobFinished(_ j: Int32) {
        let ji = Int(j)
        let u = jobs[ji].user
        let kind = jobs[ji].kind
        let delivered = !jobs[ji].clientGaveUp && users[Int(u)].currentJob == j
        jobs.remove(j)
        guard delivered else { return }
        users[Int(u)].currentJob = -1
        if sourcePlatform[Int(users[u].source)] < 0 {
            leave(u, outcome: .direct)
            return
        }
        switch kind {
        case .refusal: refused(u)
        case .login:
            if users[u].refusedAfterLogin { refused(u) } else { sessionStarted(u) }
        case .page: pageDone(u)
        }
    }

    /// The client stops waiting: a queued request may be dropped, a textbook customer reneges.
    mutating func clientTimeout(_ j: Int32) {
        let ji = Int(j)
        let p = Int(routePools[Int(routeStart[Int(jobs[ji].route)]) + Int(jobs[ji].hop)])
        let queued = jobs[ji].state == .queued
        if jobs[ji].renegesWhileQueued {
            guard queued else { return }
            let wait = sim.now - jobs[ji].arrivedAtPool
            let target = model.pools[p].waitTarget ?? .infinity
            pools[p].count {
                $0.reneged += 1
                $0.leftQueue(after: wait, target: target)
            }
            dropQueued(j, at: p)
            let u = jobs[ji].user
            users[Int(u)].currentJob = -1
            leave(u, outcome: .gaveUpNeverIn)
            return
        }
        if queued && model.pools[p].dropExpired {
            let wait = sim.now - jobs[ji].arrivedAtPool
            let target = model.pools[p].waitTarget ?? .infinity
            pools[p].count {
                $0.dropped += 1
                $0.leftQueue(after: wait, target: target)
            }
            dropQueued(j, at: p)
        }
        guard !jobs[ji].clientGaveUp else { return }  // nobody was waiting any more
        pools[p].count { $0.timedOut += 1 }
        requestFailed(j)
    }

    /// Marks a queued job as gone; it leaves the queue when it reaches the head.
    mutating func dropQueued(_ j: Int32, at p: Int) {
        jobs[Int(j)].state = .abandoned
        pools[p].liveQueued -= 1
        pools[p].queueLevel.add(-1, at: sim.now)
    }

    /// The client learns its request failed (timed out, or rejected by a full queue).
    mutating func requestFailed(_ j: Int32) {
        let ji = Int(j)
        let u = jobs[ji].user
        guard !jobs[ji].clientGaveUp, users[Int(u)].currentJob == j else { return }
        jobs[ji].clientGaveUp = true
        users[Int(u)].currentJob = -1
        if sourcePlatform[Int(users[u].source)] < 0 {
            leave(u, outcome: .gaveUpNeverIn)
            return
        }
        let p = platformIndex(of: u)
        switch jobs[ji].kind {
        case .page:
            platforms[p].count { $0.pageTimeouts += 1 }
            reloadOrLeave(u, platform: p)
        case .login, .refusal:
            platforms[p].count { $0.loginFailures += 1 }
            users[u].failedLogins += 1
            releaseSlot(u, platform: p)
            retryOrGiveUp(u)
        }
    }

    /// A page failed: the user reloads it after a retry delay (F5, or "a few minutes"),
    /// within the retry limit and a fresh patience for this page; otherwise the session is
    /// abandoned. The page's patience starts at its first failure.
    mutating func reloadOrLeave(_ u: Int32, platform p: Int) {
        let b = behaviourIndex(of: u)
        let now = sim.now
        if users[u].reloads == 0 {
            users[u].patienceDeadline = now + draw(model.behaviours[b].patience, for: u)
        }
        if Int(users[u].reloads) < model.behaviours[b].retryLimit, uniform(for: u) < model.behaviours[b].reloadOnTimeout {
            let delay = retryDelay(u, retry: Int(users[u].reloads) + 1)
            if now + delay <= users[u].patienceDeadline, clientAllowsRetry(u, attempt: Int(users[u].reloads) + 2) {
                users[u].reloads += 1
                platforms[p].count { $0.pageReloads += 1 }
                users[u].phase = .thinking
                // The reload is the session's next action: a forced logout meanwhile cancels it.
                sim.schedule(after: delay, .thinkDone(user: u, generation: users[u].actionGeneration))
                return
            }
        }
        releaseSlot(u, platform: p)
        giveUp(u)
    }

    /// A capacity change. A cut takes effect as busy workers finish: a removed server's slot
    /// stays in service (and counts in `workers` and `utilization`) until its request ends.
    mutating func setWorkers(_ p: Int, _ workers: Int) {
        pools[p].workers = max(0, workers)
        pools[p].workersLevel.set(Double(max(pools[p].workers, pools[p].busy)), at: sim.now)
        startWaitingJobs(at: p)
    }

    /// A worker of pool `p` became free: if it belonged to a server removed by a cut, its
    /// slot leaves service now (utilisation stays a share of the slots in service, ≤ 1).
    @inline(__always)
    mutating func slotsLeft(_ p: Int) {
        let inService = Double(max(pools[p].workers, pools[p].busy))
        if pools[p].workersLevel.value > inService { pools[p].workersLevel.set(inService, at: sim.now) }
    }

    /// A threshold autoscaler, checked every `interval`: above the threshold it orders `step`
    /// servers, which arrive after the provisioning delay; below half of the threshold it
    /// releases `step` servers at once (busy workers finish their request first).
    mutating func autoscale(_ p: Int) {
        guard let a = model.pools[p].autoscaling else { return }
        let now = sim.now
        // The metric is sampled at the check: utilisation now, or the queue length now.
        let metric = a.onQueueLength
            ? Double(pools[p].liveQueued)
            : Double(pools[p].busy) / Double(max(1, pools[p].workers))
        let planned = pools[p].workers + pools[p].onOrder
        if metric > a.threshold, planned + a.stepWorkers <= a.maxWorkers {
            pools[p].onOrder += a.stepWorkers
            sim.schedule(after: a.provisioningDelay, .provisioned(pool: Int32(p), workers: Int32(a.stepWorkers)))
        } else if metric < a.threshold / 2, pools[p].workers - a.stepWorkers >= a.minWorkers {
            setWorkers(p, pools[p].workers - a.stepWorkers)
        }
        if now + a.interval <= model.duration {
            sim.schedule(after: a.interval, .autoscaleCheck(pool: Int32(p)))
        }
    }
}
