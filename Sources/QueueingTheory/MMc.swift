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

    /// P(W + S ≤ T): the share of customers whose sojourn (wait, then service) ends within T.
    ///
    /// Under FIFO the wait W and the customer's own service S ~ Exp(μ) are independent. W is
    /// 0 with probability 1 − C and, given W > 0, exponential with rate γ = cμ − λ (the
    /// tail above). So P(W + S > T) = (1 − C)·e^{−μT} + C·P(E_γ + E_μ > T), and the sum of
    /// two independent exponentials (hypoexponential) has P(E_γ + E_μ > T) =
    /// (γ·e^{−μT} − μ·e^{−γT}) / (γ − μ), or (1 + μT)·e^{−μT} when γ = μ (the limit).
    /// Gross, Shortle, Thompson & Harris, *Fundamentals of Queueing Theory* (4th ed.),
    /// §2.3.1, the sojourn-time distribution of the M/M/c queue.
    public func probabilityResponseWithin(_ t: Double) -> Double {
        guard isStable else { return 0 }
        guard t > 0 else { return 0 }
        let mu = serviceRate
        let gamma = Double(servers) * serviceRate - arrivalRate
        let c = probabilityOfWait
        let both: Double
        if abs(gamma - mu) <= 1e-9 * mu {
            both = (1 + mu * t) * exp(-mu * t)
        } else {
            both = (gamma * exp(-mu * t) - mu * exp(-gamma * t)) / (gamma - mu)
        }
        return 1 - ((1 - c) * exp(-mu * t) + c * both)
    }
}
