#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Steady-state figures of the M/M/c queue (Erlang C): Poisson arrivals at rate λ, c
/// servers with exponential service at rate μ each, unlimited FIFO queue.
///
/// P(wait) = C(c, a) with a = λ/μ, obtained from Erlang B as
/// C = c·B / (c − a·(1 − B)); then Wq = C / (cμ − λ), Lq = λ·Wq (Little), ρ = a / c.
/// See Kleinrock, *Queueing Systems* vol. 1, §3.5; Gross & Harris §2.3.
public struct MMc: Sendable, Equatable {
    public let servers: Int
    public let arrivalRate: Double
    public let serviceRate: Double

    public init(servers: Int, arrivalRate: Double, serviceRate: Double) {
        precondition(servers >= 1 && arrivalRate > 0 && serviceRate > 0)
        self.servers = servers
        self.arrivalRate = arrivalRate
        self.serviceRate = serviceRate
    }

    /// Offered load a = λ/μ in erlangs.
    public var offeredLoad: Double { arrivalRate / serviceRate }
    /// Server utilisation ρ = a / c.
    public var utilization: Double { offeredLoad / Double(servers) }
    public var isStable: Bool { utilization < 1 }

    /// Erlang C: the probability that an arrival waits.
    public var probabilityOfWait: Double {
        guard isStable else { return 1 }
        let b = erlangB(servers: servers, load: offeredLoad)
        let c = Double(servers)
        return c * b / (c - offeredLoad * (1 - b))
    }

    /// Mean time in queue Wq.
    public var meanWait: Double {
        guard isStable else { return .infinity }
        return probabilityOfWait / (Double(servers) * serviceRate - arrivalRate)
    }

    /// Mean number waiting Lq = λ·Wq.
    public var meanQueueLength: Double { arrivalRate * meanWait }

    /// Mean time in system W = Wq + 1/μ.
    public var meanResponse: Double { meanWait + 1 / serviceRate }

    /// P(Wq > t) = C·exp(−(cμ − λ)t).
    public func probabilityWaitExceeds(_ t: Double) -> Double {
        guard isStable else { return 1 }
        return probabilityOfWait * exp(-(Double(servers) * serviceRate - arrivalRate) * t)
    }
}
