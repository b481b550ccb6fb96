import Testing
import Metrics
import World

/// `sample:` simulates a share of the population against the same share of every capacity
/// and reports counts for the full population (Sources/World/Sampling.swift).
@Suite("Sampling: a scale model reports full-population figures")
struct SamplingTests {
    /// Thinning a Poisson process by f and dividing counts by f is unbiased, so a sampled
    /// M_t/G/∞ run must still follow E[N(t)] = ∫λ(t−u)(1−G(u))du — only with variance
    /// 1/f times larger. Each 5-minute interval's mean over 30 replications is compared at
    /// 99.9% family-wise confidence; a missing or double scaling would be off by 4×.
    @Test("a 25% sample of M_t/G/∞ follows the full occupancy curve")
    func sampledInfiniteServerFollowsTheCurve() throws {
        // 10,000 servers (never all busy) instead of `unlimited`, so that capacity has a count to scale.
        let scenario = try Models.load("validation/mtg-infinity.yaml", [("sample", "25%"), ("pools.infinite.servers", "10k")])
        #expect(scenario.sample == 0.25)
        let runs = try replicate(scenario, 30)
        let busy = try runs.map { try $0.values("busy_workers", "infinite") }
        let count = try #require(busy.first?.count)
        let confidence = familyConfidence(comparisons: count)
        for k in 0..<count {
            let a = Double(k) * 300
            let expected = InfiniteServerCurve.average(from: a, to: a + 300)
            let interval = MeanInterval(busy.map { $0[k] }, confidence: confidence)
            #expect(interval.contains(expected), "interval \(k): E[N] = \(expected), sampled \(interval)")
        }
        for run in runs {
            // Capacity is reported for the full population too: 2,500 simulated workers are 10,000.
            #expect(try run.values("workers", "infinite").allSatisfy { $0 == 10_000 })
            // Shares are not scaled.
            #expect(try run.value("p_blocked", "infinite") == 0)
            // The simulator's own work is not a population count.
            #expect(try run.value("events", "run") == Double(run.events))
        }
    }

    /// What the model itself declares is not a share of the population: 6 declared bursts
    /// (fixed 2 min + 2 min gaps, all inside the hour) stay 6 at a 10% sample, and the fluid
    /// mode flag stays 1. Every catalogue metric of such a unit (``MetricUnit/modelCount``,
    /// flags) is checked against the same run at full scale, where nothing is scaled; the
    /// population's counts, by contrast, must come back near their full-scale values, not
    /// 10 times smaller.
    @Test("counts the model declares (bursts, mode flags) are not divided by the sample share")
    func modelCountsAreNotScaled() throws {
        let text = """
            version: 1
            name: bursty attack
            duration: 1h
            seed: 3
            sources:
              - {id: users, rate: 20/s, pool: web}
            pools:
              - {id: web, servers: 100, service_time: exponential(mean: 1s)}
            attacks:
              - {id: flood, target: web, rate: 500/s, mode: fluid, request_cost: deterministic(20ms),
                 bursts: [{count: 6, from: 00:05, to: 00:50, duration: deterministic(2min), gap: deterministic(2min), intensity: 1}]}
            """
        let full = try replicate(try Models.load(text: text, name: "bursty.yaml"), 1)[0]
        let sampled = try replicate(try Models.load(text: text + "\nsample: 10%\n", name: "bursty.yaml"), 1)[0]
        #expect(try sampled.value("bursts", "flood") == 6)
        #expect(try sampled.value("bursts_not_recovered", "flood") == full.value("bursts_not_recovered", "flood"))
        #expect(try sampled.value("fluid_mode", "flood") == 1)
        let unscaledUnits: Set<MetricUnit> = [.modelCount, .flag]
        let declared = full.summary.filter { v in
            MetricCatalog.spec(v.metric).map { unscaledUnits.contains($0.unit) } ?? false
        }
        #expect(declared.contains { $0.metric == "bursts" } && declared.contains { $0.metric == "fluid_mode" })
        for v in declared where v.kind == .attack {
            #expect(try sampled.value(v.metric, v.entity) == v.value, "\(v.metric) of \(v.entity)")
        }
        // Population counts, by contrast, are scaled back: 20/s for an hour is 72,000
        // arrivals. The sampled count is 10 × Poisson(7,200), sd √(72,000 / 0.1) ≈ 849;
        // 4 sd is a 1-in-15,000 miss, and a missing scaling would be 64,800 short.
        let arrived = try sampled.values("arrived", "web").reduce(0, +)
        #expect(abs(arrived - 72_000) <= 4 * (72_000 / 0.1).squareRoot(), "sampled arrivals \(arrived)")
    }

    @Test("sample: 100% is the unsampled run, figure for figure")
    func fullSampleIsTheIdentity() throws {
        let plain = try Models.load("validation/mmc-erlang-c.yaml", [("replications", "1")])
        let full = try Models.load("validation/mmc-erlang-c.yaml", [("replications", "1"), ("sample", "100%")])
        let a = try replicate(plain, 1)[0], b = try replicate(full, 1)[0]
        // NaN ≠ NaN, so compare the figures as text.
        #expect(a.summary.map { "\($0)" } == b.summary.map { "\($0)" })
        #expect(a.events == b.events)
    }

    /// A sampled run keeps its books: visits = the four outcomes + still present, per
    /// segment, after scaling (every term is divided by the same share).
    @Test("a sampled day conserves users")
    func sampledDayConservesUsers() throws {
        let scenario = try Models.load("retry-storm.yaml", [("sample", "50%"), ("replications", "1")])
        let run = try replicate(scenario, 1)[0]
        #expect(!run.visitAccounts.isEmpty)
        for a in run.visitAccounts {
            let accounted = a.leftDone + a.leftForced + a.gaveUpNeverIn + a.gaveUpAfterIn + a.presentAtEnd
            #expect(abs(a.visits - accounted) <= 1e-6 * max(1, a.visits), "\(a.segment): \(a.visits) visits, \(accounted) accounted")
            // Every count is a whole number of simulated users times 1 / 0.5.
            #expect(a.visits.truncatingRemainder(dividingBy: 2) == 0)
        }
    }

    @Test("a sample of 0% is refused with the file and the key")
    func zeroSampleIsRefused() {
        do {
            _ = try Models.load("validation/mm1.yaml", [("sample", "0%")])
            Issue.record("a 0% sample was accepted")
        } catch {
            #expect("\(error)".contains("`sample` must be above 0%"), "\(error)")
        }
    }
}
