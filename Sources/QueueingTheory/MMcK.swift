/// The M/M/c/K queue: c exponential servers and room for K customers in total (in
/// service plus waiting); arrivals finding K present are blocked (lost).
/// With K = c this is the Erlang loss system M/M/c/c. Solved exactly as a birth–death
/// chain (Gross & Harris §2.5).
public struct MMcK: Sendable, Equatable {
    public let servers: Int
    public let capacity: Int
    public let arrivalRate: Double
    public let serviceRate: Double

    public init(servers: Int, capacity: Int, arrivalRate: Double, serviceRate: Double) {
        precondition(servers >= 1 && capacity >= servers && arrivalRate > 0 && serviceRate > 0)
        self.servers = servers
        self.capacity = capacity
        self.arrivalRate = arrivalRate
        self.serviceRate = serviceRate
    }

    /// P(n customers present), n = 0...K.
    public var stateProbabilities: [Double] {
        birthDeathStationary(states: capacity, birth: { _ in arrivalRate },
                             death: { Double(min($0, servers)) * serviceRate })
    }

    /// Probability an arrival is blocked: P(K) (PASTA).
    public var probabilityBlocked: Double { stateProbabilities[capacity] }

    /// Mean number waiting.
    public var meanQueueLength: Double {
        stateProbabilities.enumerated().reduce(0) { $0 + Double(max(0, $1.offset - servers)) * $1.element }
    }

    /// Throughput λ(1 − P_K).
    public var throughput: Double { arrivalRate * (1 - probabilityBlocked) }

    /// Mean wait in queue of admitted customers, Lq / λ_eff (Little).
    public var meanWait: Double { meanQueueLength / throughput }

    /// Server utilisation: busy servers / c.
    public var utilization: Double { throughput / serviceRate / Double(servers) }

    /// Probability an admitted customer waits.
    public var probabilityOfWait: Double {
        let p = stateProbabilities
        let waitingStates = p[servers..<capacity].reduce(0, +)
        return waitingStates / (1 - p[capacity])
    }
}
