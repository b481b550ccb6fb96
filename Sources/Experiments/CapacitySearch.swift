/// The smallest integer value of a resource (a pool's servers, a session cap, a room's
/// outflow) whose replicated runs meet an objective.
///
/// Bisection over the integers, assuming more of the resource never hurts (monotone);
/// every value is run on the same replications — replication r on substream r — so two
/// neighbouring values differ by the resource alone, not by the luck of their days, and the
/// boundary is found with far fewer replications than independent runs would need. The
/// decision at each value is on the means; the verdict at the answer also says whether
/// each term holds at its one-sided 95% bound.
public enum CapacitySearch {
    public struct Evaluation: Sendable {
        public let value: Int
        public let verdict: SLOVerdict
    }

    public struct Outcome: Sendable {
        /// The smallest value found to meet the objective; nil when none in the range does.
        public let answer: Int?
        /// The range searched (as given, or grown by doubling from 1).
        public let range: ClosedRange<Int>
        /// Every value run, in the order run.
        public let evaluations: [Evaluation]

        public func evaluation(at value: Int) -> Evaluation? { evaluations.first { $0.value == value } }
        /// The verdict at the answer.
        public var atAnswer: SLOVerdict? { answer.flatMap { evaluation(at: $0)?.verdict } }
        /// The verdict one below the answer (failing), when it was run.
        public var belowAnswer: SLOVerdict? { answer.flatMap { evaluation(at: $0 - 1)?.verdict } }
    }

    /// Searches `range`, or, without one, 1, 2, 4, … up to `ceiling` until a value holds.
    public static func search(range: ClosedRange<Int>?, ceiling: Int = 1 << 20,
                              evaluate: (Int) throws -> SLOVerdict) throws -> Outcome {
        var evaluations: [Evaluation] = []
        func holds(_ v: Int) throws -> Bool {
            if let done = evaluations.first(where: { $0.value == v }) { return done.verdict.holds }
            let verdict = try evaluate(v)
            evaluations.append(Evaluation(value: v, verdict: verdict))
            return verdict.holds
        }
        var low: Int, high: Int
        if let range {
            (low, high) = (range.lowerBound, range.upperBound)
            guard try holds(high) else { return Outcome(answer: nil, range: range, evaluations: evaluations) }
            if try holds(low) { return Outcome(answer: low, range: range, evaluations: evaluations) }
        } else {
            high = 1
            while try !holds(high) {
                guard high < ceiling else { return Outcome(answer: nil, range: 1...ceiling, evaluations: evaluations) }
                high = min(ceiling, high * 2)
            }
            if high == 1 { return Outcome(answer: 1, range: 1...1, evaluations: evaluations) }
            low = high / 2
        }
        // Invariant: low fails, high holds.
        while high - low > 1 {
            let mid = low + (high - low) / 2
            if try holds(mid) { high = mid } else { low = mid }
        }
        return Outcome(answer: high, range: range ?? 1...high, evaluations: evaluations)
    }
}

/// The largest demand multiplier a configuration holds (`affluence saturation`).
///
/// Bisection on the multiplier between a value that holds and one that does not, on common
/// random numbers, until the bracket is narrower than `tolerance` relative to its lower end.
public enum SaturationSearch {
    public struct Evaluation: Sendable {
        public let multiplier: Double
        public let verdict: SLOVerdict
    }

    public enum Answer: Sendable, Equatable {
        /// Holds up to `holds`, fails at `fails` (the bracket).
        case between(holds: Double, fails: Double)
        /// Holds over the whole range.
        case holdsEverywhere
        /// Fails even at the low end.
        case failsEverywhere
    }

    public struct Outcome: Sendable {
        public let answer: Answer
        public let range: ClosedRange<Double>
        public let evaluations: [Evaluation]

        public func evaluation(at m: Double) -> Evaluation? { evaluations.first { $0.multiplier == m } }
    }

    public static func search(range: ClosedRange<Double>, tolerance: Double,
                              evaluate: (Double) throws -> SLOVerdict) throws -> Outcome {
        var evaluations: [Evaluation] = []
        func holds(_ m: Double) throws -> Bool {
            let verdict = try evaluate(m)
            evaluations.append(Evaluation(multiplier: m, verdict: verdict))
            return verdict.holds
        }
        var low = range.lowerBound, high = range.upperBound
        guard try holds(low) else { return Outcome(answer: .failsEverywhere, range: range, evaluations: evaluations) }
        if try holds(high) { return Outcome(answer: .holdsEverywhere, range: range, evaluations: evaluations) }
        while (high - low) > tolerance * max(low, 1e-9) {
            // Geometric midpoint: multipliers are ratios.
            let mid = low > 0 ? (low * high).squareRoot() : (low + high) / 2
            if try holds(mid) { low = mid } else { high = mid }
        }
        return Outcome(answer: .between(holds: low, fails: high), range: range, evaluations: evaluations)
    }
}
