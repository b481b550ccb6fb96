// swift-tools-version: 6.1
import PackageDescription

// A coverage-guided fuzzer (libFuzzer) of the scenario language and the simulator: a
// nested package, like Benchmarks/, so its instrumented build never touches the main one.
// Build and run it with `make fuzz` (scripts/fuzz.sh); `make fuzz-replay` replays the
// committed corpus (Fuzz/corpus/) once, for CI.
let package = Package(
    name: "affluence-fuzz",
    dependencies: [
        .package(name: "affluence", path: "../"),
    ],
    targets: [
        // Built with `-sanitize=fuzzer -parse-as-library`: libFuzzer provides `main`.
        .executableTarget(
            name: "FuzzScenario",
            dependencies: [
                .product(name: "Scenario", package: "affluence"),
                .product(name: "World", package: "affluence"),
            ]
        ),
    ]
)
