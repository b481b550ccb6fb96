/// Erlang A, the M/M/c+M queue: c exponential servers (rate μ), Poisson arrivals (rate λ),
/// and customers who abandon the queue after an exponential patience (rate θ).
///
/// Solved exactly as a birth–death chain with death rate min(n, c)·μ + max(0, n − c)·θ,
/// truncated where the remaining mass is below 1e-15 (Garnett, Mandelbaum & Reiman,
/// "Designing a call center with impatient customers", MSOM 4(3), 2002).
public struct ErlangA: Sendable, Equatable {
    public let servers: Int
    public let arrivalRate: Double
    public let serviceRate: Double
    public let abandonmentRate: Double

    public init(servers: Int, arrivalRate: Double, serviceRate: Double, abandonmentRate: Double) {
        precondition(servers >= 1 && arrivalRate > 0 && serviceRate > 0 && abandonmentRate > 0)
        self.servers = servers
        self.arrivalRate = arrivalRate
        self.serviceRate = serviceRate
        self.abandonmentRate = abandonmentRate
    }

    /// P(n in system) for n = 0... up to the truncation point.
    public var stateProbabilities: [Double] {
        // Beyond the point where the death rate exceeds λ by far, the tail is geometric
        // with ratio ≤ λ / (cμ + kθ); grow the truncation until its tail is negligible.
        var n = servers + 64
        while true {
            let deathAtN = Double(servers) * serviceRate + Double(n - servers) * abandonmentRate
            if deathAtN > 4 * arrivalRate { break }
            n *= 2
        }
        n += 200
        return birthDeathStationary(states: n, birth: { _ in arrivalRate },
                                    death: { Double(min($0, servers)) * serviceRate + Double(max(0, $0 - servers)) * abandonmentRate })
    }

    /// Mean number waiting.
    public var meanQueueLength: Double {
        stateProbabilities.enumerated().reduce(0) { $0 + Double(max(0, $1.offset - servers)) * $1.element }
    }

    /// Probability an arrival abandons: θ·Lq / λ (abandonment flow over arrival flow).
    public var probabilityAbandon: Double { abandonmentRate * meanQueueLength / arrivalRate }

    /// Probability an arrival finds all servers busy (PASTA).
    public var probabilityOfWait: Double {
        stateProbabilities.enumerated().reduce(0) { $0 + ($1.offset >= servers ? $1.element : 0) }
    }

    /// Mean time in queue over all arrivals (served and abandoning), Lq / λ.
    public var meanWait: Double { meanQueueLength / arrivalRate }

    /// Server utilisation: λ(1 − P(abandon)) / (cμ).
    public var utilization: Double { arrivalRate * (1 - probabilityAbandon) / (Double(servers) * serviceRate) }
}
