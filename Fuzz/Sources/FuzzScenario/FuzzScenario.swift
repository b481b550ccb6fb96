import Scenario
import World

/// The largest estimated event count the fuzzer simulates: the run of an accepted input
/// must stay short (a few milliseconds) so that the fuzzer explores inputs, not long runs.
/// The estimate is a floor (retries come on top), so libFuzzer's `-timeout` still catches
/// a run that would not end.
let maxEventsPerRun = 20_000.0

/// One input: bytes read as a scenario file (UTF-8, lossy). Every input must give a list
/// of located errors or a valid scenario, and a valid one a run that ends with one value
/// per interval in every series; anything else (a trap, a hang, a broken invariant) is a
/// finding. The path is inside a models tree so `extends:` and CSV files resolve as usual.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let scenario: Scenario
    do {
        scenario = try ScenarioLoader.load(text: text, path: FuzzPaths.input)
    } catch {
        // A refusal names at least one error, each at a line and column (the compiler format).
        precondition(!error.diagnostics.isEmpty && error.diagnostics.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 },
                     "an empty or unlocated refusal: \(error)")
        return 0
    }
    guard scenario.estimatedEvents <= maxEventsPerRun, scenario.duration <= 86_400 else { return 0 }
    guard var world = try? World(scenario: scenario) else { return 0 }
    let result = world.run()
    for series in result.series {
        precondition(series.values.count == result.intervalCount,
                     "\(series.entity).\(series.metric): \(series.values.count) values for \(result.intervalCount) intervals")
    }
    return 0
}

enum FuzzPaths {
    /// A scenario path inside the repository's models tree (this file is Fuzz/Sources/FuzzScenario/…).
    static let input: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(4)
        return parts.joined(separator: "/") + "/models/fuzz-input.yaml"
    }()
}

/// libFuzzer's entry point when the program has its own `main` (SwiftPM names an
/// executable's entry point `FuzzScenario_main` and links `main` to it, so libFuzzer's own
/// `main` is not used): runs the fuzzing loop with ``fuzzScenario(_:_:)``.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("FuzzScenario_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzScenario(data, size) }
}
