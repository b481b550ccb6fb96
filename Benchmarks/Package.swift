// swift-tools-version: 6.1
import PackageDescription

// Affluence benchmarks: a nested package so that benchmark-only code and dependencies
// never reach users of the main package (STYLE.md §6).
//
// For now it holds only the speed reference of DESIGN.md "Performance": a plain C
// binary-heap M/M/c loop on GSL, `mmc-c-reference`, that `compare-mmc.sh` runs side by
// side with `affluence bench mmc`. It depends on the parent package (`path: "../"`) for the
// MRG32k3a generator only, so both loops draw with the same code; it resolves offline.
let package = Package(
    name: "affluence-benchmarks",
    products: [
        .executable(name: "mmc-c-reference", targets: ["mmc-c-reference"]),
    ],
    dependencies: [
        .package(name: "affluence", path: "../"),
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
    ],
    swiftLanguageModes: [.v6]
)
