import Benchmark
import Foundation
import Scenario
import World

// One replication of the 6 April 2021 France scenario (models/france-2021-04-06.yaml) on
// one core: the figure of DESIGN.md "Performance" (< 60 s, < 2 GB for the full day).
//
// The horizon: the run stops at AFFLUENCE_FRANCE_END (a clock time, HH:MM; default 07:30,
// into the morning rush, so that the suite runs in minutes while the full day takes tens
// of minutes); AFFLUENCE_FRANCE_END=20:00 is the full day. The model is loaded and
// validated as written, then its `end` is moved: `--set end=…` cannot do this, since the
// file's demand curves and policies name times up to 19:00, which validation (rightly)
// requires inside the clock window.

let benchmarks: @Sendable () -> Void = {
    let end = ProcessInfo.processInfo.environment["AFFLUENCE_FRANCE_END"] ?? "07:30"
    guard let endClock = clockSeconds(end) else {
        fatalError("AFFLUENCE_FRANCE_END=\(end): expected a clock time HH:MM, e.g. 07:30 or 20:00")
    }
    let model = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("models/france-2021-04-06.yaml").path

    Benchmark(
        "France 6 April, one replication, 06:00–\(end)",
        configuration: .init(
            metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal, eventsPerSecond, eventsPerReplication],
            warmupIterations: 0, maxDuration: .seconds(1), maxIterations: 1)
    ) { benchmark in
        var scenario: Scenario
        var world: World
        do {
            scenario = try ScenarioLoader.load(path: model)
            guard endClock > scenario.start, endClock <= scenario.end else {
                fatalError("AFFLUENCE_FRANCE_END=\(end) is outside the scenario's clock window")
            }
            scenario.end = endClock
            world = try World(scenario: scenario, replication: 0)
        } catch {
            fatalError("\(model) with end=\(end): \(error)")
        }
        let started = ContinuousClock.now
        benchmark.startMeasurement()
        let result = world.run()
        benchmark.stopMeasurement()
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        benchmark.measurement(eventsPerSecond, Int((Double(result.events) / seconds).rounded()))
        benchmark.measurement(eventsPerReplication, Int(result.events))
    }
}

let eventsPerSecond = BenchmarkMetric.custom("events/s", polarity: .prefersLarger, useScalingFactor: false)
let eventsPerReplication = BenchmarkMetric.custom("events", polarity: .prefersSmaller, useScalingFactor: false)

/// Seconds from midnight of `HH:MM`.
func clockSeconds(_ text: String) -> Double? {
    let parts = text.split(separator: ":")
    guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h), (0..<60).contains(m) else { return nil }
    return Double(h * 3600 + m * 60)
}
