import Scenario
import Stochastics

/// An attack's day as a piecewise-constant timeline: at each breakpoint the intensity (a
/// multiple of the nominal rate) and the mitigation's effect change, and both modes — one
/// request at a time or a fluid rate — read the same steps, so they see the same attack.
///
/// - Windows add their intensity between `from` and `to`.
/// - Ramps move linearly from `start_intensity` to `end_intensity`, in steps of one minute
///   (at most), each holding the ramp's value at the step's middle.
/// - Burst campaigns: the first burst starts at `from`; each next one starts a `gap` after the
///   previous one ended; no burst starts after `to` (a burst that started runs its whole
///   duration), and at most `count` bursts happen. Durations and gaps are drawn from the
///   attack's own stream, so the bursts fall at the same times in every variant of a model.
/// - The mitigation's effect is 0 before its start, then rises to 1 over `ramp_up` in steps
///   of one minute (at most), each holding the ramp's value at the step's middle.
/// Overlapping contributions add up.
struct AttackProfile {
    /// One stretch of constant intensity and effect, from `time` to the next step's time.
    struct Step: Equatable {
        var time: Double
        var intensity: Double
        var effect: Double
    }

    /// One burst as it happened.
    struct Burst: Equatable {
        var start: Double
        var end: Double
        var intensity: Double
    }

    /// Steps in time order; the first starts at 0 and the last runs to the horizon.
    private(set) var steps: [Step]
    private(set) var bursts: [Burst]
    /// When the attack last stops sending (nil when it never sends inside the horizon).
    private(set) var end: Double?

    /// The length of a ramp's steps, at most.
    static let rampStep = 60.0

    init(_ attack: AttackModel, horizon: Double, stream: RandomStream) {
        var bursts: [Burst] = []
        for campaign in attack.bursts {
            var t = campaign.from
            var k = 0
            while k < campaign.count && t <= campaign.to {
                let d = max(0, campaign.duration.sample(stream))
                bursts.append(Burst(start: t, end: t + d, intensity: campaign.intensity))
                t += d + max(0, campaign.gap.sample(stream))
                k += 1
            }
        }
        self.bursts = bursts

        var edges: Set<Double> = [0]
        for w in attack.windows { edges.insert(w.from); edges.insert(w.to) }
        for b in bursts { edges.insert(b.start); edges.insert(b.end) }
        for r in attack.ramps { edges.formUnion(Self.stepEdges(from: r.from, length: r.to - r.from)) }
        if attack.mitigationStart.isFinite {
            edges.formUnion(Self.stepEdges(from: attack.mitigationStart, length: attack.mitigationRampUp))
        }
        let times = edges.filter { $0 >= 0 && $0 < horizon }.sorted()

        var steps: [Step] = []
        for t in times {
            let step = Step(time: t, intensity: Self.intensity(attack, bursts: bursts, at: t),
                            effect: Self.effect(start: attack.mitigationStart, rampUp: attack.mitigationRampUp, at: t))
            // Merge edges that change nothing (a window ending where another begins).
            if let last = steps.last, last.intensity == step.intensity, last.effect == step.effect { continue }
            steps.append(step)
        }
        self.steps = steps
        var end: Double? = nil
        for (i, s) in steps.enumerated() where s.intensity > 0 {
            end = i + 1 < steps.count ? steps[i + 1].time : horizon
        }
        self.end = end
    }

    /// The start of each step of a ramp of `length` beginning at `from`, and its end.
    static func stepEdges(from: Double, length: Double) -> [Double] {
        guard length > 0 else { return [from] }
        let n = Int((length / rampStep).rounded(.up))
        return (0...n).map { from + length * Double($0) / Double(n) }
    }

    /// The value at `t` of a ramp from `a` to `b` over [from, from + length), stepped as above.
    static func stepped(from: Double, length: Double, _ a: Double, _ b: Double, at t: Double) -> Double {
        let n = Int((length / rampStep).rounded(.up))
        let k = min(n - 1, Int(((t - from) / length * Double(n)).rounded(.down)))
        return a + (b - a) * (Double(k) + 0.5) / Double(n)
    }

    static func intensity(_ attack: AttackModel, bursts: [Burst], at t: Double) -> Double {
        var x = 0.0
        for w in attack.windows where w.from <= t && t < w.to { x += w.intensity }
        for b in bursts where b.start <= t && t < b.end { x += b.intensity }
        for r in attack.ramps where r.from <= t && t < r.to {
            x += stepped(from: r.from, length: r.to - r.from, r.startIntensity, r.endIntensity, at: t)
        }
        return x
    }

    static func effect(start: Double, rampUp: Double, at t: Double) -> Double {
        guard t >= start else { return 0 }
        guard rampUp > 0, t < start + rampUp else { return 1 }
        return stepped(from: start, length: rampUp, 0, 1, at: t)
    }
}
