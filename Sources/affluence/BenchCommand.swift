import ArgumentParser
import Foundation
import ReferenceModels

/// `affluence bench …`: speed benchmarks of the kernel on reference models.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the kernel's speed on reference models.",
        subcommands: [BenchMMc.self]
    )
}

/// `affluence bench mmc`: the canonical M/M/c benchmark (DESIGN.md, Performance).
struct BenchMMc: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mmc",
        abstract: "Run an M/M/c queue on the kernel and report its figures and events per second.",
        discussion: """
            Prints `key: value` lines that scripts can read: mean_wait (time in queue), p_wait, \
            utilization, mean_queue, events, seconds, events/s (2 events per customer: arrival \
            and departure) and peak_rss_mb. The first 5% of customers are a warm-up excluded \
            from the statistics; ± figures are batch-means standard errors.
            """
    )

    @Option(help: "Number of servers c.") var servers: Int = 10
    @Option(help: "Arrival rate λ per second.") var arrivalRate: Double = 9
    @Option(help: "Service rate μ per second per server.") var serviceRate: Double = 1
    @Option(help: "Number of customers to simulate.") var customers: Int = 1_000_000
    @Option(help: "Master seed of the random streams.") var seed: UInt64 = 1

    func validate() throws {
        guard servers >= 1 else { throw ValidationError("--servers must be at least 1 (got \(servers))") }
        guard arrivalRate > 0, arrivalRate.isFinite else { throw ValidationError("--arrival-rate must be a positive number (got \(arrivalRate))") }
        guard serviceRate > 0, serviceRate.isFinite else { throw ValidationError("--service-rate must be a positive number (got \(serviceRate))") }
        guard customers >= 1000 else { throw ValidationError("--customers must be at least 1000 (got \(customers))") }
        guard arrivalRate < Double(servers) * serviceRate else {
            throw ValidationError("the queue is unstable: arrival rate \(arrivalRate) ≥ servers × service rate \(Double(servers) * serviceRate), the wait grows without bound")
        }
    }

    func run() throws {
        let simulation = MMcSimulation(.init(
            servers: servers, arrivalRate: arrivalRate, serviceRate: serviceRate,
            customers: customers, seed: seed))
        let clock = ContinuousClock()
        var result: MMcSimulation.Result?
        let elapsed = clock.measure { result = simulation.run() }
        guard let result else { return }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        print("model: M/M/\(servers) lambda=\(arrivalRate) mu=\(serviceRate) customers=\(customers) seed=\(seed)")
        print("mean_wait: \(fmt(result.meanWait.mean)) ± \(fmt(result.meanWait.standardError))")
        print("p_wait: \(fmt(result.probabilityOfWait.mean)) ± \(fmt(result.probabilityOfWait.standardError))")
        print("utilization: \(fmt(result.utilization.mean)) ± \(fmt(result.utilization.standardError))")
        print("mean_queue: \(fmt(result.meanQueueLength.mean)) ± \(fmt(result.meanQueueLength.standardError))")
        print("events: \(result.events)")
        print("seconds: \(String(format: "%.4f", seconds))")
        print("events/s: \(Int((Double(result.events) / seconds).rounded()))")
        print("longest_queue: \(result.longestQueue)")
        print("peak_rss_mb: \(String(format: "%.1f", ProcessMemory.peakResidentMegabytes))")
    }

    private func fmt(_ x: Double) -> String { String(format: "%.6f", x) }
}
