import Experiments
import Foundation
import Output
import Scenario
import World

/// The bounded queue of simulations and comparisons: at most `jobs` run at once, each on a
/// thread of its own at a lower priority than the request handlers (so the twin's instant
/// answers stay instant), at most `maxQueued` wait; a job nobody watches is cancelled.
final class JobQueue: @unchecked Sendable {
    let configuration: ServeConfiguration
    private let lock = NSLock()
    /// Every job still kept, oldest first.
    private var all: [Job] = []
    private var waiting: [Job] = []
    private var running = 0

    init(configuration: ServeConfiguration) {
        self.configuration = configuration
    }

    /// Queues `job`, or refuses it when the queue is full.
    func submit(_ job: Job) throws(ServeError) {
        let accepted = lock.withLock { () -> Bool in
            guard waiting.count < configuration.maxQueued else { return false }
            all.append(job)
            waiting.append(job)
            return true
        }
        guard accepted else {
            throw .tooMany("\(configuration.maxQueued) jobs are already waiting for \(configuration.jobs) slot(s); try again when one finishes")
        }
        forgetOld()
        startWaiting()
    }

    func job(_ id: String) -> Job? { lock.withLock { all.first { $0.id == id } } }

    var statuses: [Job.Status] { lock.withLock { all }.map(\.status) }

    /// Counts by state, for the load check.
    var counts: [String: Int] {
        var counts: [String: Int] = [:]
        for s in statuses { counts[s.state.rawValue, default: 0] += 1 }
        return counts
    }

    /// Cancels jobs nobody watches and sends keep-alives to the streams still open.
    func sweep(now: Date = Date()) {
        let jobs = lock.withLock { all }
        for job in jobs where !job.isFinished {
            if job.isUnwatched(grace: configuration.unwatchedGrace, now: now) {
                job.cancel(reason: "cancelled: no page has watched it for \(Int(configuration.unwatchedGrace)) s")
            } else {
                job.heartbeat()
            }
        }
        startWaiting()
    }

    /// Forgets the oldest finished jobs beyond `keptJobs`, deleting their folders.
    private func forgetOld() {
        let gone = lock.withLock { () -> [Job] in
            var gone: [Job] = []
            while all.count > configuration.keptJobs, let i = all.firstIndex(where: \.isFinished) {
                gone.append(all.remove(at: i))
            }
            return gone
        }
        for job in gone { try? FileManager.default.removeItem(at: job.folder.deletingLastPathComponent()) }
    }

    private func startWaiting() {
        while true {
            let next = lock.withLock { () -> Job? in
                waiting.removeAll { $0.isFinished }
                guard running < configuration.jobs, !waiting.isEmpty else { return nil }
                running += 1
                return waiting.removeFirst()
            }
            guard let job = next else { return }
            let thread = Thread { [self] in
                JobRunner.run(job)
                lock.withLock { running -= 1 }
                forgetOld()
                startWaiting()
            }
            thread.name = "affluence-job-\(job.id)"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}

/// Runs a job's work on the current thread: replication by replication (or compared run by
/// compared run), checking for a cancel in between, then writes the folder with the run's
/// and compare's own writers (`RunOutput`, `CompareOutput`): the files `affluence run` and
/// `affluence compare` write.
enum JobRunner {
    static func run(_ job: Job) {
        guard job.start() else { return }
        lowerPriority()
        do {
            switch job.work {
            case .simulate(let scenario, let modelPath, let command):
                try simulate(job, scenario: scenario, modelPath: modelPath, command: command)
            case .compare(let settings, let base, let descriptions, let modelPath, let command):
                try compare(job, settings: settings, base: base, descriptions: descriptions, modelPath: modelPath, command: command)
            }
        } catch is CancellationError {
            job.finish(.cancelled, message: job.status.message.replacingOccurrences(of: "; stopping after the run in progress", with: ""))
        } catch {
            job.finish(.failed, message: "failed: \(error)")
        }
    }

    /// Runs at nice 10, below the request handlers: on Linux a nice value belongs to a
    /// thread, and `setpriority(PRIO_PROCESS, 0, …)` sets the calling thread's (man 2 setpriority).
    private static func lowerPriority() {
        #if os(Linux)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
    }

    private static func simulate(_ job: Job, scenario: Scenario, modelPath: String, command: [String]) throws {
        let count = scenario.replications
        var records: [ReplicationRecord] = []
        let span = max(1, scenario.end - scenario.start)
        for k in 0..<count {
            if job.isCancelRequested { throw CancellationError() }
            let runs = try Replications.run(scenario, indices: [k], jobs: 1) { _, simulated, _ in
                job.report(progress: (Double(k) + simulated / span) / Double(count) * 0.95,
                           message: "replication \(k + 1) of \(count)")
            }
            records.append(ReplicationRecord(runs[0], replication: k))
        }
        if job.isCancelRequested { throw CancellationError() }
        job.report(progress: 0.96, message: "writing the run folder")
        let manifest = RunOutput.manifest(scenario: scenario, scenarioPath: modelPath, seed: scenario.seed, replications: count,
                                          dialect: .standard, commandLine: command)
        let output = RunOutput(manifest: manifest, startClock: scenario.start, records: records, scenario: scenario)
        let written = try output.write(to: job.folder, dialect: .standard, jobs: 1)
        job.finish(.done, message: "\(count) replication(s) done", files: written)
    }

    private static func compare(_ job: Job, settings: [(label: String, scenario: Scenario)], base: Scenario,
                                descriptions: [String: String], modelPath: String, command: [String]) throws {
        let replications = base.replications
        let pairs = settings.map { ($0.label, $0.scenario) }
        let metrics = CompareMetric.defaults(for: settings.map(\.scenario))
        let total = settings.count * replications
        var items: [Compare.ItemRecord] = []
        for i in 0..<total {
            if job.isCancelRequested { throw CancellationError() }
            job.report(progress: Double(i) / Double(total) * 0.95,
                       message: "run \(i + 1) of \(total) (\(settings[i / replications].label), replication \(i % replications + 1))")
            items += try Compare.runShard(pairs, replications: replications, metrics: metrics, shard: Shard(index: i, count: total), jobs: 1)
        }
        if job.isCancelRequested { throw CancellationError() }
        job.report(progress: 0.96, message: "writing the comparison")
        let labels = settings.map(\.label)
        var result = Compare.compare(items: items, replications: replications, policies: labels, baseline: labels[0], metrics: metrics)
        result.describe(from: base)
        result.descriptions = descriptions
        let manifest = CompareOutput.manifest(scenarioPath: modelPath, scenarioName: base.name, overrides: base.overrides.map(\.description),
                                              policies: labels, seed: base.seed, replications: replications, dialect: .standard,
                                              commandLine: command)
        let written = try CompareOutput(manifest: manifest, startClock: base.start, result: result).write(to: job.folder)
        job.finish(.done, message: "\(settings.count) settings × \(replications) replications compared", files: written)
    }
}
