import QueueingTheory
import ReferenceModels
import Stochastics
import Testing

/// The M/M/c model on the kernel against Erlang C.
///
/// Each case runs R independent replications (disjoint random substreams), each with a
/// 5% warm-up removed. Replication means are independent and nearly normal, so the
/// tolerance is the half-width of a 99.9% Student-t interval from their spread:
/// t_{0.9995, R−1} · s / √R. It shrinks as 1/√(customers), i.e. it is derived from the
/// run length, not tuned. Seeds are fixed, so the outcome never changes between runs.
@Suite("M/M/c on the kernel reproduces Erlang C")
struct MMcErlangCTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let servers: Int
        let utilization: Double
        let customersPerReplication: Int
        var testDescription: String { "c=\(servers), ρ=\(utilization)" }
    }

    static let cases = [
        Case(servers: 1, utilization: 0.5, customersPerReplication: 200_000),
        Case(servers: 10, utilization: 0.9, customersPerReplication: 1_000_000),
        Case(servers: 50, utilization: 0.95, customersPerReplication: 1_000_000),
    ]

    static let replications = 10

    /// Mean over replications and the 99.9% t half-width.
    static func interval(_ values: [Double]) -> (mean: Double, halfWidth: Double) {
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        let t = StudentT.quantile(0.9995, degreesOfFreedom: values.count - 1)
        return (mean, t * (variance / n).squareRoot())
    }

    @Test("P(wait), mean wait, mean queue length and utilisation within the run's 99.9% interval",
          arguments: cases)
    func erlangC(_ c: Case) throws {
        let mu = 1.0
        let lambda = c.utilization * Double(c.servers) * mu
        let theory = MMc(servers: c.servers, arrivalRate: lambda, serviceRate: mu)
        let results = (0..<Self.replications).map { r in
            MMcSimulation(.init(servers: c.servers, arrivalRate: lambda, serviceRate: mu,
                                customers: c.customersPerReplication, seed: 20_210_406, replication: r)).run()
        }
        let checks: [(String, Double, [Double])] = [
            ("p_wait", theory.probabilityOfWait, results.map(\.probabilityOfWait.mean)),
            ("mean_wait", theory.meanWait, results.map(\.meanWait.mean)),
            ("mean_queue", theory.meanQueueLength, results.map(\.meanQueueLength.mean)),
            ("utilization", theory.utilization, results.map(\.utilization.mean)),
        ]
        for (name, expected, values) in checks {
            let (mean, halfWidth) = Self.interval(values)
            #expect(abs(mean - expected) <= halfWidth,
                    "\(name): simulated \(mean) ± \(halfWidth), Erlang C \(expected)")
            // The interval must also be tight enough to catch a wrong model: within 10% of the
            // value (a kernel that fired events out of time order, or dropped or repeated one,
            // misses by far more).
            #expect(halfWidth <= 0.10 * expected, "\(name): interval ±\(halfWidth) too wide to test \(expected)")
        }
    }

    @Test("every customer fires exactly two events and memory is bounded by the longest queue")
    func eventCountAndMemory() {
        let small = MMcSimulation(.init(servers: 10, arrivalRate: 9, serviceRate: 1, customers: 100_000, seed: 1)).run()
        let large = MMcSimulation(.init(servers: 10, arrivalRate: 9, serviceRate: 1, customers: 1_000_000, seed: 1)).run()
        #expect(small.events == 200_000)
        #expect(large.events == 2_000_000)
        // The queue (the only growing structure) stays short at ρ = 0.9: O(1), not O(customers).
        #expect(large.longestQueue < 500)
    }

    @Test("the same seed gives the same figures; another replication gives others")
    func reproducible() {
        let config = MMcSimulation.Configuration(servers: 3, arrivalRate: 2, serviceRate: 1, customers: 50_000, seed: 7)
        let a = MMcSimulation(config).run(), b = MMcSimulation(config).run()
        #expect(a.meanWait.mean == b.meanWait.mean && a.utilization.mean == b.utilization.mean)
        var other = config
        other.replication = 1
        #expect(MMcSimulation(other).run().meanWait.mean != a.meanWait.mean)
    }
}
