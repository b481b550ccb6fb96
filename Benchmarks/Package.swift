// swift-tools-version: 6.1
import PackageDescription

// Affluence benchmarks: a nested package so that benchmark-only code and dependencies
// never reach users of the main package (STYLE.md §6).
//
// For now it holds only the speed reference of DESIGN.md "Performance": a plain C
// binary-heap M/M/c loop on GSL, `mmc-c-reference`, that `compare-mmc.sh` runs side by
// side with `affluence bench mmc`. It has no external dependency and resolves offline.
// (A later change adds ordo-one/package-benchmark and the parent package, `path: "../"`.)
let package = Package(
    name: "affluence-benchmarks",
    products: [
        .executable(name: "mmc-c-reference", targets: ["mmc-c-reference"]),
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
            dependencies: ["CGSLReference"],
            path: "Sources/mmc-c-reference"
        ),
    ],
    swiftLanguageModes: [.v6]
)
