internal import CGSL
import Stochastics

/// The exact transient law of a birth–death chain on 0...K whose rates are constant over
/// successive phases, with accumulated rewards: the Kolmogorov forward equations
///
///     p′ₖ(t) = λₖ₋₁ pₖ₋₁ − (λₖ + μₖ) pₖ + μₖ₊₁ pₖ₊₁,
///
/// integrated with GSL's embedded Runge–Kutta Prince–Dormand (8, 9) method
/// (`gsl_odeiv2_step_rk8pd`), restarted at every phase boundary so that a step in a rate
/// is met exactly. Alongside p the solver integrates each reward rᵢ: Rᵢ(t) = ∫ Σₖ rᵢ(k)·pₖ dt.
/// A reward of k gives the area under E[N] (whose average over an interval is what a
/// simulator's time-averaged counter estimates); a reward of the rate at which something
/// happens in state k (arrivals refused, customers abandoning) gives its expected count.
///
/// The chain is finite, so nothing is truncated: the solver checks instead that the
/// probabilities still add up to 1 within ``massTolerance`` at the end of every phase
/// (the integration's own error), and throws when they do not. A model with an unbounded
/// queue must be cut at a K whose probability stays negligible: ``Snapshot/distribution``
/// shows P(N = K), which the caller checks.
///
/// M_t/M/c/c (a session cap), M_t/M/c/K, Erlang A with time-varying arrivals and step
/// capacity schedules are all such chains: the oracle for time-varying behaviour.
public enum TransientBirthDeath {
    /// An interval of time over which every rate is constant.
    public struct Phase: Sendable {
        public var duration: Double
        /// λₖ for k = 0...K (λ_K is ignored: there is no state K + 1).
        public var birth: [Double]
        /// μₖ for k = 0...K (μ₀ is ignored).
        public var death: [Double]
        /// Reward rates per state, k = 0...K, one array per reward.
        public var rewards: [[Double]]

        public init(duration: Double, birth: [Double], death: [Double], rewards: [[Double]] = []) {
            self.duration = duration
            self.birth = birth
            self.death = death
            self.rewards = rewards
        }
    }

    /// The chain's state at the end of a phase.
    public struct Snapshot: Sendable {
        /// Time since the start of the first phase.
        public let time: Double
        /// P(N = k), k = 0...K.
        public let distribution: [Double]
        /// Each reward accumulated from the start.
        public let rewards: [Double]

        public var meanCount: Double {
            distribution.enumerated().reduce(0) { $0 + Double($1.offset) * $1.element }
        }
    }

    public enum Failure: Error, CustomStringConvertible, Sendable {
        case invalid(String)
        case integration(String)

        public var description: String {
            switch self {
            case .invalid(let what), .integration(let what): return "transient birth-death chain: \(what)"
            }
        }
    }

    /// How far the probabilities may drift from summing to 1 before the answer is refused.
    public static let massTolerance = 1e-8

    /// The state at the end of each phase, from `initial` (a distribution on 0...K).
    public static func solve(initial: [Double], phases: [Phase]) throws(Failure) -> [Snapshot] {
        GSL.configure()  // failures come back as status codes, not an abort
        let states = initial.count
        guard states >= 1 else { throw .invalid("no states") }
        let rewardCount = phases.first?.rewards.count ?? 0
        for (i, phase) in phases.enumerated() {
            guard phase.birth.count == states, phase.death.count == states,
                  phase.rewards.count == rewardCount, phase.rewards.allSatisfy({ $0.count == states }) else {
                throw .invalid("phase \(i + 1): every rate and reward needs one value per state (\(states) states, \(rewardCount) rewards)")
            }
            guard phase.duration >= 0, phase.duration.isFinite,
                  (phase.birth + phase.death).allSatisfy({ $0 >= 0 && $0.isFinite }),
                  phase.rewards.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
                throw .invalid("phase \(i + 1) has a negative or non-finite rate or duration")
            }
        }
        // y = (p₀ … p_K, R₁ … R_m).
        var y = initial + Array(repeating: 0, count: rewardCount)
        var snapshots: [Snapshot] = []
        var now = 0.0
        for phase in phases {
            if phase.duration > 0 {
                var rates = Rates(birth: phase.birth, death: phase.death, rewards: phase.rewards)
                let status = withUnsafeMutablePointer(to: &rates) { params -> Int32 in
                    var system = gsl_odeiv2_system(function: forwardEquations, jacobian: nil,
                                                   dimension: states + rewardCount, params: UnsafeMutableRawPointer(params))
                    guard let driver = gsl_odeiv2_driver_alloc_y_new(&system, affluence_gsl_odeiv2_step_rk8pd(),
                                                                     min(1, phase.duration / 16), 1e-12, 1e-10) else {
                        return Int32(GSL_ENOMEM)
                    }
                    defer { gsl_odeiv2_driver_free(driver) }
                    var t = 0.0
                    return gsl_odeiv2_driver_apply(driver, &t, phase.duration, &y)
                }
                guard status == Int32(GSL_SUCCESS) else {
                    throw .integration("GSL's ODE driver failed at t = \(now): \(String(cString: gsl_strerror(status)))")
                }
            }
            now += phase.duration
            let mass = y[0..<states].reduce(0, +)
            guard abs(mass - 1) <= massTolerance else {
                throw .integration("probabilities add up to \(mass) at t = \(now) (tolerance \(massTolerance))")
            }
            snapshots.append(Snapshot(time: now, distribution: Array(y[0..<states]), rewards: Array(y[states...])))
        }
        return snapshots
    }

    struct Rates {
        let birth: [Double]
        let death: [Double]
        let rewards: [[Double]]
    }
}

/// dy/dt for y = (p, rewards), in GSL's calling convention.
private func forwardEquations(_ t: Double, _ y: UnsafePointer<Double>?, _ dydt: UnsafeMutablePointer<Double>?,
                              _ params: UnsafeMutableRawPointer?) -> Int32 {
    guard let y, let dydt, let params else { return Int32(GSL_EBADFUNC) }
    let rates = params.assumingMemoryBound(to: TransientBirthDeath.Rates.self)
    let birth = rates.pointee.birth, death = rates.pointee.death
    let last = birth.count - 1
    for k in 0...last {
        let up = k < last ? birth[k] : 0
        let down = k > 0 ? death[k] : 0
        var flow = -(up + down) * y[k]
        if k > 0 { flow += birth[k - 1] * y[k - 1] }
        if k < last { flow += death[k + 1] * y[k + 1] }
        dydt[k] = flow
    }
    for (i, reward) in rates.pointee.rewards.enumerated() {
        var rate = 0.0
        for k in 0...last { rate += reward[k] * y[k] }
        dydt[last + 1 + i] = rate
    }
    return Int32(GSL_SUCCESS)
}
