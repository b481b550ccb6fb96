import Stochastics

/// Requests travelling through server pools: queueing, service, client timeouts,
/// rejections when a queue is full, and capacity changes.
extension World {
    /// Keeps the per-user side table as long as the user table.
    mutating func growJobSideTables() {
        while refusedAfterLogin.count < users.capacity { refusedAfterLogin.append(false) }
    }

    /// Sends a new request of user `u` along `route`. The client stops waiting after
    /// `clientTimeout` (response time); a textbook customer instead reneges if still queued
    /// after `queuePatience`.
    mutating func send(user u: Int32, kind: JobKind, route: Int, clientTimeout: Double, queuePatience: Double = .infinity) {
        let now = sim.now
        let reneges = queuePatience.isFinite
        let j = jobs.add(user: u, source: users.source[Int(u)], kind: kind, route: Int32(route), now: now, reneges: reneges)
        let ji = Int(j)
        // The job's own random position (its service demands), taken from its user's sequence.
        random.seek(users.random[Int(u)])
        let key = UInt64(random.stream.uniform() * 9_007_199_254_740_992)
        users.random[Int(u)] = random.position
        if ji == jobRandom.count {
            jobRandom.append(0); jobDeadline.append(0); jobTimeoutScheduled.append(false)
        }
        jobRandom[ji] = EntityRandom.start(sourceKey: key, serial: 0)
        jobDeadline[ji] = reneges ? now + queuePatience : now + clientTimeout
        jobTimeoutScheduled[ji] = false
        users.currentJob[Int(u)] = j
        arrive(j, at: Int(model.routes[route][0]))
    }

    /// Schedules the job's client timeout (once), at its deadline.
    @inline(__always)
    mutating func armTimeout(_ j: Int32) {
        let ji = Int(j)
        guard !jobTimeoutScheduled[ji], jobDeadline[ji].isFinite else { return }
        jobTimeoutScheduled[ji] = true
        sim.schedule(at: max(sim.now, jobDeadline[ji]), .clientTimeout(job: j, generation: jobs.generation[ji]))
    }

    /// The job reaches pool `p`: served at once, queued, or rejected when the queue is full.
    mutating func arrive(_ j: Int32, at p: Int) {
        let now = sim.now
        let ji = Int(j)
        jobs.arrivedAtPool[ji] = now
        pools[p].count { $0.arrived += 1 }
        if pools[p].busy < pools[p].workers {
            startService(j, at: p)
        } else if pools[p].liveQueued < model.pools[p].queueLimit {
            jobs.state[ji] = .queued
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
        let now = sim.now
        let ji = Int(j)
        let wait = now - jobs.arrivedAtPool[ji]
        pools[p].count {
            $0.queueExits += 1
            $0.waitSum += wait
            if wait > 0 { $0.waited += 1 }
        }
        pools[p].busy += 1
        pools[p].busyLevel.add(1, at: now)
        jobs.state[ji] = .inService
        let service = serviceTime(of: j, at: p)
        sim.schedule(after: service, .serviceDone(job: j))
        if jobs.renegesWhileQueued[ji] {
            // In service, a textbook customer no longer reneges: its pending patience is stale.
            jobs.generation[ji] &+= 1
            jobTimeoutScheduled[ji] = true
        } else if now + service > jobDeadline[ji] {
            armTimeout(j)
        }
    }

    /// The job's service demand at pool `p`, from the job's own random sequence.
    mutating func serviceTime(of j: Int32, at p: Int) -> Double {
        let ji = Int(j)
        let kind = jobs.kind[ji]
        random.seek(jobRandom[ji])
        defer { jobRandom[ji] = random.position }
        if let d = model.pools[p].service[Int(kind.rawValue)] {
            return d.sample(random.stream)
        }
        // No distribution of its own: a login costs `loginCost` pages, a refusal nothing.
        guard kind == .login, let page = model.pools[p].service[Int(JobKind.page.rawValue)] else { return 0 }
        return behaviourOfJob(j).loginCost * page.sample(random.stream)
    }

    func behaviourOfJob(_ j: Int32) -> BehaviourModel {
        model.behaviours[model.arrivals[Int(jobs.source[Int(j)])].behaviour]
    }

    mutating func serviceDone(_ j: Int32) {
        let now = sim.now
        let ji = Int(j)
        let route = model.routes[Int(jobs.route[ji])]
        let p = Int(route[Int(jobs.hop[ji])])
        let response = now - jobs.arrivedAtPool[ji]
        let wasted = jobs.clientGaveUp[ji]
        pools[p].count {
            $0.served += 1
            $0.responseSum += response
            $0.response.record(response)
            if wasted { $0.wasted += 1 }
        }
        pools[p].busy -= 1
        pools[p].busyLevel.add(-1, at: now)
        startWaitingJobs(at: p)
        if Int(jobs.hop[ji]) + 1 < route.count {
            jobs.hop[ji] += 1
            arrive(j, at: Int(route[Int(jobs.hop[ji])]))
            return
        }
        jobFinished(j)
    }

    /// Fills free workers from the queue, skipping requests dropped while waiting.
    mutating func startWaitingJobs(at p: Int) {
        while pools[p].busy < pools[p].workers, let j = pools[p].queue.popFirst() {
            if jobs.state[Int(j)] == .abandoned {
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
        let u = jobs.user[ji]
        let kind = jobs.kind[ji]
        let delivered = !jobs.clientGaveUp[ji] && users.currentJob[Int(u)] == j
        jobs.remove(j)
        guard delivered else { return }
        users.currentJob[Int(u)] = -1
        if case .direct = model.arrivals[Int(users.source[Int(u)])].target {
            leave(u, outcome: .direct)
            return
        }
        switch kind {
        case .refusal: refused(u)
        case .login:
            if refusedAfterLogin[Int(u)] { refused(u) } else { sessionStarted(u) }
        case .page: pageDone(u)
        }
    }

    /// The client stops waiting: a queued request may be dropped, a textbook customer reneges.
    mutating func clientTimeout(_ j: Int32) {
        let ji = Int(j)
        let route = model.routes[Int(jobs.route[ji])]
        let p = Int(route[Int(jobs.hop[ji])])
        let queued = jobs.state[ji] == .queued
        if jobs.renegesWhileQueued[ji] {
            guard queued else { return }
            let wait = sim.now - jobs.arrivedAtPool[ji]
            pools[p].count {
                $0.reneged += 1
                $0.queueExits += 1
                $0.waitSum += wait
                if wait > 0 { $0.waited += 1 }
            }
            dropQueued(j, at: p)
            let u = jobs.user[ji]
            users.currentJob[Int(u)] = -1
            leave(u, outcome: .gaveUpNeverIn)
            return
        }
        if queued && model.pools[p].dropExpired {
            pools[p].count { $0.dropped += 1 }
            dropQueued(j, at: p)
        }
        guard !jobs.clientGaveUp[ji] else { return }  // nobody was waiting any more
        pools[p].count { $0.timedOut += 1 }
        requestFailed(j)
    }

    /// Marks a queued job as gone; it leaves the queue when it reaches the head.
    mutating func dropQueued(_ j: Int32, at p: Int) {
        jobs.state[Int(j)] = .abandoned
        pools[p].liveQueued -= 1
        pools[p].queueLevel.add(-1, at: sim.now)
    }

    /// The client learns its request failed (timed out, or rejected by a full queue).
    mutating func requestFailed(_ j: Int32) {
        let ji = Int(j)
        let u = jobs.user[ji]
        guard !jobs.clientGaveUp[ji], users.currentJob[Int(u)] == j else { return }
        jobs.clientGaveUp[ji] = true
        users.currentJob[Int(u)] = -1
        if case .direct = model.arrivals[Int(users.source[Int(u)])].target {
            leave(u, outcome: .gaveUpNeverIn)
            return
        }
        let p = platformIndex(of: u)
        switch jobs.kind[ji] {
        case .page:
            platforms[p].count { $0.pageTimeouts += 1 }
            let b = behaviour(of: u)
            if Int(users.reloads[Int(u)]) < b.retryLimit, uniform(for: u) < b.reloadOnTimeout {
                users.reloads[Int(u)] += 1
                platforms[p].count { $0.pageReloads += 1 }
                requestPage(u)
            } else {
                releaseSlot(u, platform: p)
                giveUp(u)
            }
        case .login, .refusal:
            platforms[p].count { $0.loginFailures += 1 }
            releaseSlot(u, platform: p)
            retryOrGiveUp(u)
        }
    }

    mutating func setWorkers(_ p: Int, _ workers: Int) {
        pools[p].workers = max(0, workers)
        pools[p].workersLevel.set(Double(pools[p].workers), at: sim.now)
        startWaitingJobs(at: p)
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
