// swift-tools-version: 6.1
import PackageDescription

// Affluence: a discrete-event capacity simulator for online school platforms.
// Layering (one direction, see DESIGN.md): CGSL/CMRG32k3a → Stochastics → Kernel/Scenario
// → models → Experiments/Output → Serve (the what-if web page) → CLI. Each target is one
// concern; the executable stays thin, and only Serve sees the web server's dependencies.
let package = Package(
    name: "affluence",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "affluence", targets: ["affluence"]),
        .library(name: "Stochastics", targets: ["Stochastics"]),
        // The generator as a C library, so the C speed reference in Benchmarks/ runs the
        // very same code as the simulator.
        .library(name: "CMRG32k3a", targets: ["CMRG32k3a"]),
        .library(name: "Kernel", targets: ["Kernel"]),
        .library(name: "QueueingTheory", targets: ["QueueingTheory"]),
        .library(name: "ReferenceModels", targets: ["ReferenceModels"]),
        .library(name: "Scenario", targets: ["Scenario"]),
        .library(name: "World", targets: ["World"]),
        .library(name: "Experiments", targets: ["Experiments"]),
        .library(name: "Output", targets: ["Output"]),
        .library(name: "Metrics", targets: ["Metrics"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        // SHA-256 for the manifests' file digests (BoringSSL on Linux, CryptoKit on Apple platforms).
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        // `affluence serve`: the HTTP server (its default traits off: no swift-configuration
        // to build) and the run folder as a zip download.
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1", traits: []),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        // GSL behind one door: headers plus static inline accessors for its C globals.
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        // L'Ecuyer's MRG32k3a as a custom gsl_rng_type, with stream/substream jump-ahead.
        .target(name: "CMRG32k3a", dependencies: ["CGSL"]),
        // SplitMix64 as a gsl_rng_type with a one-word state: per-user random positions.
        .target(name: "CCounterRNG", dependencies: ["CGSL"]),
        // glibc's log1p transcribed for -1 < x < 0 (both of its x86_64 builds), bit for bit:
        // the exponential's inversion without libm's call and range tests.
        .target(name: "CLog1p"),
        .target(name: "Stochastics", dependencies: ["CGSL", "CMRG32k3a", "CCounterRNG", "CLog1p"]),
        .target(name: "Kernel"),
        // The metric catalogue (every reported figure's name, unit, window aggregation,
        // direction and doc line) and `EntityKind`: the bottom of the package, so the
        // schema, the simulator, the experiments and the files all read one list.
        .target(name: "Metrics"),
        // Formulas, and the exact transient solution of birth-death chains (GSL's ODE solvers).
        .target(name: "QueueingTheory", dependencies: ["CGSL", "Stochastics"]),
        .target(name: "ReferenceModels", dependencies: ["Kernel", "Stochastics"]),
        // A memory prefetch hint for the world's hot loop (header only).
        .target(name: "CPrefetch"),
        .target(name: "World", dependencies: ["Kernel", "Stochastics", "Scenario", "Metrics", "CPrefetch"]),
        // Output for shard folders: atomic files, SHA-256 and the manifest seal (FolderSeal)
        // that guard result folders.
        .target(name: "Experiments", dependencies: ["World", "Scenario", "Stochastics", "QueueingTheory", "Output", "Metrics", "CGSL"]),
        .target(
            name: "Scenario",
            dependencies: ["Stochastics", "Metrics", .product(name: "Yams", package: "Yams")]
        ),
        // CSV tables, run manifest and the HTML/SVG report; Foundation, the metric catalogue
        // and swift-crypto's SHA-256 only, so it never depends on the simulator and the report
        // can be rebuilt from a run folder.
        .target(name: "Output", dependencies: ["Metrics", .product(name: "Crypto", package: "swift-crypto")]),
        // The what-if page (`affluence serve`): knobs, the analytic twin on every change,
        // simulations and comparisons in a bounded job queue, served by Hummingbird with
        // its assets compiled in (no CDN).
        .target(
            name: "Serve",
            dependencies: [
                "Scenario", "World", "Experiments", "Output",
                // swift-metrics' `Metrics` module would clash with ours (the metric catalogue).
                .product(name: "Hummingbird", package: "hummingbird", moduleAliases: ["Metrics": "SwiftMetrics"]),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .executableTarget(
            name: "affluence",
            dependencies: [
                "Stochastics", "Kernel", "QueueingTheory", "ReferenceModels", "Scenario", "World", "Experiments", "Output", "Serve",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "StochasticsTests", dependencies: ["Stochastics", "CGSL"]),
        .testTarget(name: "KernelTests", dependencies: ["Kernel"]),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics"]),
        .testTarget(name: "QueueingTheoryTests", dependencies: ["QueueingTheory"]),
        .testTarget(
            name: "ReferenceModelsTests",
            dependencies: ["ReferenceModels", "QueueingTheory", "Stochastics"]
        ),
        // End-to-end tests of the built executable (run, validate, check, report).
        .testTarget(name: "CLITests", dependencies: ["affluence", "Output"]),
        // The server over loopback HTTP: hostile input, tokens, the job queue.
        .testTarget(name: "ServeTests", dependencies: ["Serve", "Scenario", "Experiments"]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "World", "Scenario", "Output", "QueueingTheory"]),
        .testTarget(
            name: "WorldTests",
            dependencies: ["World", "Experiments", "Scenario", "QueueingTheory", "Stochastics", "CGSL"]
        ),
        .testTarget(
            name: "ScenarioTests",
            dependencies: ["Scenario", "Stochastics"],
            resources: [.copy("Corpus")]
        ),
        .testTarget(
            name: "OutputTests",
            dependencies: ["Output"],
            resources: [.copy("Golden")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
