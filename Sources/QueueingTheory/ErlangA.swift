#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Erlang A, the M/M/c+M queue: c exponential servers (rate μ), Poisson arrivals (rate λ),
/// and customers who abandon the queue after an exponential patience (rate θ).
///
/// Solved exactly as a birth–death chain with death rate min(n, c)·μ + max(0, n − c)·θ,
/// truncated where the remaining mass is below 1e-16 (Garnett, Mandelbaum & Reiman,
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
        birthDeathStationary(states: truncationPoint, birth: { _ in arrivalRate }, death: deathRate)
    }

    /// The total departure rate (service plus abandonment) with n in the system.
    func deathRate(_ n: Int) -> Double {
        Double(min(n, servers)) * serviceRate + Double(max(0, n - servers)) * abandonmentRate
    }

    /// The last state kept: beyond it the stationary mass is below 1e-16 of the largest
    /// state's. Past c the ratio π(n+1)/π(n) = λ/death(n+1) only decreases, so once it is
    /// some q < 1 at n, the tail after n is at most π(n)·q/(1 − q).
    ///
    /// - Complexity: O(truncation point), without allocating.
    var truncationPoint: Int {
        var n = 0, logWeight = 0.0, peak = 0.0
        while true {
            n += 1
            let q = arrivalRate / deathRate(n)
            logWeight += log(q)
            peak = max(peak, logWeight)
            if n > servers, q < 1, logWeight + log(q / (1 - q)) - peak < log(1e-16) { return n }
        }
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

    /// Mean time in queue of the customers who are served (abandoners left out).
    ///
    /// An arrival that finds n ≥ c present waits at queue position i = n − c + 1. At position
    /// i it leaves at rate cμ + iθ: it moves up when a customer ahead departs (service at cμ,
    /// abandonment of one of the i − 1 ahead at (i − 1)θ) and abandons at θ. With
    /// aᵢ = P(served | position i) = aᵢ₋₁·(cμ + (i − 1)θ)/(cμ + iθ) and
    /// bᵢ = E[W·1{served} | position i] = aᵢ/(cμ + iθ) + bᵢ₋₁·(cμ + (i − 1)θ)/(cμ + iθ),
    /// a₀ = 1, b₀ = 0 (served at once), and PASTA, E[W | served] = Σ πₙ b / Σ πₙ a.
    public var meanWaitServed: Double {
        let cmu = Double(servers) * serviceRate, theta = abandonmentRate
        var a = 1.0, b = 0.0, served = 0.0, waitServed = 0.0
        for (n, p) in stateProbabilities.enumerated() {
            if n >= servers {
                let i = Double(n - servers + 1)
                let move = (cmu + (i - 1) * theta) / (cmu + i * theta)
                a *= move
                b = a / (cmu + i * theta) + b * move
            }
            served += p * a
            waitServed += p * b
        }
        return waitServed / served
    }

    /// Mean time in queue over all arrivals (served and abandoning), Lq / λ.
    public var meanWait: Double { meanQueueLength / arrivalRate }

    /// Server utilisation: λ(1 − P(abandon)) / (cμ).
    public var utilization: Double { arrivalRate * (1 - probabilityAbandon) / (Double(servers) * serviceRate) }
}
