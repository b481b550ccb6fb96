// swift-tools-version: 6.1
import PackageDescription

// Affluence benchmarks: a nested package so that benchmark-only code and dependencies
// never reach users of the main package (STYLE.md §6).
//
// - `mmc-c-reference`: the speed reference of DESIGN.md "Performance", a plain C
//   binary-heap M/M/c loop on GSL that `compare-mmc.sh` runs side by side with
//   `affluence bench mmc` (it draws with the parent's MRG32k3a code).
// - `KernelBenchmarks`, `FranceBenchmark`: ordo-one/benchmark suites (`swift package
//   benchmark`, or `make bench-suite` at the root, which also runs the C comparison).
//
// It depends on the parent package (`path: "../"`); everything resolves offline.
let package = Package(
    name: "affluence-benchmarks",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "mmc-c-reference", targets: ["mmc-c-reference"]),
    ],
    dependencies: [
        .package(name: "affluence", path: "../"),
        // The malloc interposer counts allocations (mallocs per event are gated at zero).
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // GSL for this package alone: a package cannot use another package's system
        // library target, so this mirrors the parent's CGSL (headers + gsl, gslcblas, m).
        .systemLibrary(
            name: "CGSLReference",
            path: "Sources/CGSLReference",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        // Pure C executable: the reference M/M/c event loop, timed around the loop only.
        .executableTarget(
            name: "mmc-c-reference",
            dependencies: ["CGSLReference", .product(name: "CMRG32k3a", package: "affluence")],
            path: "Sources/mmc-c-reference"
        ),
        // The kernel on the canonical M/M/c, and the event calendar alone (hold model).
        .executableTarget(
            name: "KernelBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Kernel", package: "affluence"),
                .product(name: "ReferenceModels", package: "affluence"),
            ],
            path: "Benchmarks/KernelBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // One replication of the 6 April France scenario (horizon set by an environment variable).
        .executableTarget(
            name: "FranceBenchmark",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Scenario", package: "affluence"),
                .product(name: "World", package: "affluence"),
            ],
            path: "Benchmarks/FranceBenchmark",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
