#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CGSL
import Foundation
import QueueingTheory
import Scenario
import Testing
import World

/// Intent curves arrive exactly as declared: per report interval, the mean number of visits
/// over many replications equals the declared curve's integral over that interval, and the
/// counts are Poisson. The references are integrated by hand from the declared points
/// (rectangles, trapezoids, `erfc` for the normal bumps), never through the simulator's code.
enum DemandShapes {
    /// Minutes from 08:00 of a clock time.
    static func minutes(_ h: Int, _ m: Double) -> Double { Double(h - 8) * 60 + m }

    /// The model around an `intent:` block: one-page visits on a pool that never queues, so
    /// every visit is just counted. 08:00–10:00 in one-minute intervals.
    static func model(size: Int, intent: String) -> String {
        """
        version: 1
        name: intent shape
        start: 08:00
        end: 10:00
        report_interval: 1min
        behaviours:
          - {id: one_page, pages_per_session: 1, requests_per_page: 1, login_cost: 0, think_time: 1s}
        segments:
          - {id: users, size: \(size), platforms: web, behaviour: one_page, intent: \(intent)}
        platforms:
          - {id: web, pools: [web]}
        pools:
          - {id: web, servers: 10k, service_time: exponential(mean: 1s)}
        """
    }

    /// ∫ over [a, b] minutes of a step function given by (minute, level) points, the last closing it.
    static func stepIntegral(_ points: [(Double, Double)], _ a: Double, _ b: Double) -> Double {
        var total = 0.0
        for i in 0..<(points.count - 1) {
            let lo = max(a, points[i].0), hi = min(b, points[i + 1].0)
            if hi > lo { total += points[i].1 * (hi - lo) }
        }
        return total
    }

    /// ∫ over [a, b] minutes of the piecewise-linear function through `points`.
    static func linearIntegral(_ points: [(Double, Double)], _ a: Double, _ b: Double) -> Double {
        var total = 0.0
        for i in 0..<(points.count - 1) {
            let (t0, r0) = points[i], (t1, r1) = points[i + 1]
            let lo = max(a, t0), hi = min(b, t1)
            guard hi > lo else { continue }
            let at = { (t: Double) in r0 + (r1 - r0) * (t - t0) / (t1 - t0) }
            total += (at(lo) + at(hi)) / 2 * (hi - lo)
        }
        return total
    }

    /// P(a < X ≤ b) for X ~ N(mean, sd²), all in minutes.
    static func normalMass(mean: Double, sd: Double, _ a: Double, _ b: Double) -> Double {
        let phi = { (t: Double) in 0.5 * erfc(-(t - mean) / (sd * 2.0.squareRoot())) }
        return phi(b) - phi(a)
    }
}

/// A declared intent and its expected visits in the minute starting at minute k.
struct IntentCase: Sendable, CustomTestStringConvertible {
    let name: String
    let size: Int
    let intent: String
    /// A CSV file to place in `notebooks-data/` as `curve.csv`.
    var csv: String? = nil
    let expected: @Sendable (Double) -> Double
    var testDescription: String { name }
}

let intentCases: [IntentCase] = {
    typealias S = DemandShapes
    // The step curve 1 → 3 → 1 over 240 level-minutes: 1800 visits, 7.5 per minute at level 1.
    let step: [(Double, Double)] = [(0, 1), (30, 3), (90, 1), (120, 1)]
    let line: [(Double, Double)] = [(0, 0), (40, 2), (70, 2), (120, 0)]  // 150 level-minutes
    let csvSteps: [(Double, Double)] = [(0, 1), (45, 4), (75, 2), (120, 2)]  // 45 + 120 + 90 = 255
    let mixStep: [(Double, Double)] = [(0, 1), (60, 2), (120, 2)]  // 180
    return [
        IntentCase(name: "step curve", size: 1800,
                   intent: "{curves: [{share: 100%, interpolation: step, points: [[08:00, 1], [08:30, 3], [09:30, 1], [10:00, 1]]}]}") { k in
            1800 * S.stepIntegral(step, k, k + 1) / 240
        },
        IntentCase(name: "linear curve", size: 3000,
                   intent: "{curves: [{share: 100%, points: [[08:00, 0], [08:40, 2], [09:10, 2], [10:00, 0]]}]}") { k in
            3000 * S.linearIntegral(line, k, k + 1) / 150
        },
        IntentCase(name: "normal bumps, one narrower than a minute", size: 3000,
                   intent: "{bumps: [{share: 70%, at: 08:40, sd: 15min}, {share: 30%, at: 09:20, sd: 40s}]}") { k in
            3000 * (0.7 * S.normalMass(mean: 40, sd: 15, k, k + 1) + 0.3 * S.normalMass(mean: 80, sd: 40.0 / 60, k, k + 1))
        },
        IntentCase(name: "CSV curve declared step", size: 2550,
                   intent: "{csv: [{share: 100%, file: curve.csv, interpolation: step}]}",
                   csv: "time,rate\n08:00,1\n08:45,4\n09:15,2\n10:00,2\n") { k in
            2550 * S.stepIntegral(csvSteps, k, k + 1) / 255
        },
        IntentCase(name: "mixture: a bump, a step curve and class-hour repeats", size: 2400,
                   intent: """
                   {bumps: [{share: 50%, at: 08:30, sd: 10min}], \
                   curves: [{share: 50%, interpolation: step, points: [[08:00, 1], [09:00, 2], [10:00, 2]]}], \
                   repeats: [{at: [09:00, 09:30], sd: 2min, probability: 50%}]}
                   """) { k in
            2400 * (0.5 * S.normalMass(mean: 30, sd: 10, k, k + 1) + 0.5 * S.stepIntegral(mixStep, k, k + 1) / 180
                    + 0.5 * S.normalMass(mean: 60, sd: 2, k, k + 1) + 0.5 * S.normalMass(mean: 90, sd: 2, k, k + 1))
        },
    ]
}()

/// A models/ and notebooks-data/ pair in a temporary folder, for a scenario with a CSV intent.
struct ScratchModels {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("affluence-demand-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("models"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("notebooks-data"), withIntermediateDirectories: true)
    }

    func load(_ model: String, csv: String?) throws -> Scenario {
        if let csv { try csv.write(to: root.appendingPathComponent("notebooks-data/curve.csv"), atomically: true, encoding: .utf8) }
        let path = root.appendingPathComponent("models/model.yaml").path
        try model.write(toFile: path, atomically: true, encoding: .utf8)
        return try ScenarioLoader.load(path: path)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

@Suite("Demand exactly as written")
struct DemandShapeTests {
    /// Per minute, the mean visits of 300 replications against the declared integral, at 99.9%
    /// family-wise confidence over the 120 minutes (Student t from the runs' own spread), the
    /// minutes that touch a breakpoint included; minutes with no declared demand have no visit.
    /// The counts' pooled index of dispersion must lie in its 99.9% chi-square interval around 1.
    @Test("visits per interval equal the declared curve's integral, and are Poisson", arguments: intentCases)
    func visitsFollowTheDeclaredCurve(_ c: IntentCase) throws {
        let scratch = try ScratchModels()
        defer { scratch.remove() }
        let scenario = try scratch.load(DemandShapes.model(size: c.size, intent: c.intent), csv: c.csv)
        let runs = try replicate(scenario, 300)
        let visits = try runs.map { try $0.values("visits", "users") }
        let minutes = visits[0].count
        #expect(minutes == 120)
        let confidence = familyConfidence(comparisons: minutes)
        var dispersionSum = 0.0, degrees = 0.0
        for k in 0..<minutes {
            let exact = c.expected(Double(k))
            let counts = visits.map { $0[k] }
            if exact == 0 {
                #expect(counts.allSatisfy { $0 == 0 }, "minute \(k): visits where nothing is declared")
                continue
            }
            let agreed = agrees(counts, exact, confidence: confidence)
            #expect(agreed, "visits in minute \(k), declared \(exact)")
            let interval = MeanInterval(counts, confidence: confidence)
            if interval.mean > 0 {
                let n = Double(counts.count)
                let variance = counts.reduce(0) { $0 + ($1 - interval.mean) * ($1 - interval.mean) } / (n - 1)
                dispersionSum += variance * (n - 1) / interval.mean
                degrees += n - 1
            }
        }
        let index = dispersionSum / degrees
        let low = gsl_cdf_chisq_Pinv(0.0005, degrees) / degrees, high = gsl_cdf_chisq_Qinv(0.0005, degrees) / degrees
        #expect(index >= low && index <= high, "index of dispersion \(index), Poisson interval [\(low), \(high)]")
    }

    /// The model: 1800 one-page visits on the step curve 1 → 3 → 1, sessions of
    /// exponential 5 min on a pool that never queues, a cap of 60 sessions, no retry. The
    /// sessions are then the M_t/M/60/60 loss system, whose law the Kolmogorov forward
    /// equations give exactly (``QueueingTheory/TransientBirthDeath``): every minute's mean
    /// sessions, sessions at its end and refusals must agree with the chain within the
    /// simulation's 99.9% family-wise interval.
    static let stepIntentCap = """
    version: 1
    name: step_intent_cap
    start: 08:00
    end: 10:00
    report_interval: 1min
    behaviours:
      - id: one_page
        pages_per_session: 1
        requests_per_page: 1
        login_cost: 0
        client_timeout: 1000h
        retry_limit: 0
        patience: exponential(mean: 45min)
        retry_delay: exponential(mean: 1min)
    segments:
      - id: users
        size: 1800
        platforms: web
        behaviour: one_page
        intent:
          curves: [{share: 100%, interpolation: step, points: [[08:00, 1], [08:30, 3], [09:30, 1], [10:00, 1]]}]
    platforms:
      - {id: web, pools: [web], gate: [cap]}
    pools:
      - {id: web, servers: 1000, service_time: {page: exponential(mean: 5min)}}
    gates:
      - {id: cap, session_cap: {max_sessions: 60}}
    """

    @Test("the step model: 7.5 and 22.5 visits before the steps, sessions and refusals as the exact M_t/M/60/60 chain")
    func stepIntentCapMatchesTheExactChain() throws {
        let scenario = try Models.load(text: Self.stepIntentCap, name: "step-intent-cap.yaml")
        let runs = try replicate(scenario, 1600)
        let minutes = 120
        // The chain: λ = 1800/240 per minute at level 1 (0.125/s), three times that from 08:30 to 09:30.
        let phases = (0..<minutes).map { k -> TransientBirthDeath.Phase in
            let lambda = (30..<90).contains(k) ? 0.375 : 0.125
            // Rewards: the area under the number of sessions, and the arrivals refused in state 60.
            return TransientBirthDeath.Phase(duration: 60, birth: (0...60).map { $0 < 60 ? lambda : 0 },
                                             death: (0...60).map { Double($0) / 300 },
                                             rewards: [(0...60).map(Double.init), (0...60).map { $0 < 60 ? 0 : lambda }])
        }
        let exact = try TransientBirthDeath.solve(initial: [1] + Array(repeating: 0, count: 60), phases: phases)
        let series = { (metric: String, entity: String) in try runs.map { try $0.values(metric, entity) } }
        let visits = try series("visits", "users")
        let sessions = try series("active_sessions", "web")
        let sessionsAtEnd = try series("active_sessions_end", "web")
        let refused = try series("refused", "web")
        let confidence = familyConfidence(comparisons: 3 * minutes + 2)

        for (k, declared) in [(29, 7.5), (89, 22.5)] {
            let agreed = agrees(visits.map { $0[k] }, declared, confidence: confidence)
            #expect(agreed, "visits in minute \(k), declared \(declared)")
        }
        var previousArea = 0.0, previousRefused = 0.0
        for k in 0..<minutes {
            let state = exact[k]
            let meanSessions = (state.rewards[0] - previousArea) / 60
            let refusedInMinute = state.rewards[1] - previousRefused
            previousArea = state.rewards[0]
            previousRefused = state.rewards[1]
            let checks: [(String, [Double], Double)] = [
                ("mean sessions", sessions.map { $0[k] }, meanSessions),
                ("sessions at the minute's end", sessionsAtEnd.map { $0[k] }, state.meanCount),
                ("refusals", refused.map { $0[k] }, refusedInMinute),
            ]
            for (what, values, expected) in checks {
                let agreed = agrees(values, expected, confidence: confidence)
                #expect(agreed, "\(what), minute \(k): chain \(expected)")
            }
        }
    }
}
