/// The M/G/1 queue by the Pollaczek–Khinchine formula:
/// Wq = λ·E[S²] / (2(1 − ρ)) = ρ·E[S]·(1 + cv²) / (2(1 − ρ)), with ρ = λ·E[S].
public struct MG1: Sendable, Equatable {
    public let arrivalRate: Double
    public let meanService: Double
    /// Squared coefficient of variation of the service time, Var[S] / E[S]².
    public let serviceSCV: Double

    public init(arrivalRate: Double, meanService: Double, serviceSCV: Double) {
        precondition(arrivalRate > 0 && meanService > 0 && serviceSCV >= 0)
        self.arrivalRate = arrivalRate
        self.meanService = meanService
        self.serviceSCV = serviceSCV
    }

    public var utilization: Double { arrivalRate * meanService }

    public var meanWait: Double {
        let rho = utilization
        guard rho < 1 else { return .infinity }
        return rho * meanService * (1 + serviceSCV) / (2 * (1 - rho))
    }

    public var meanQueueLength: Double { arrivalRate * meanWait }
    public var meanResponse: Double { meanWait + meanService }
    /// P(wait) = ρ for any M/G/1 (PASTA: an arrival waits iff the server is busy).
    public var probabilityOfWait: Double { min(1, utilization) }
}
