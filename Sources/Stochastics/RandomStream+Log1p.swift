internal import CLog1p
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How ``RandomStream/exponential(mean:)`` evaluates log1p(−u): by whichever transcription
/// of glibc's log1p reproduces this process's libm bit for bit, or by libm itself.
///
/// glibc's x86_64 libm runs one of two builds of fdlibm's log1p, chosen when it loads: a
/// plain one, and one compiled with FMA (on CPUs with FMA and AVX2) whose fused
/// multiply-adds round once where the plain one rounds twice, so the two differ in the
/// last bit for some arguments. `CLog1p` transcribes both, specialised to −1 < x < 0; this
/// type finds, once per process, the one that agrees with `log1p` on arguments that tell
/// them apart, and falls back to libm when neither does (another libm, another glibc
/// version, macOS). The exponential variates are therefore those `gsl_ran_exponential`
/// draws on the same machine, whichever path runs.
enum Log1pVariant: Sendable, Equatable {
    /// glibc's plain build, inlined.
    case plain
    /// glibc's FMA build, one direct call (compiled for FMA, so it cannot be inlined).
    case fused
    /// Neither reproduces this libm: call `log1p`.
    case libm

    /// The variant that reproduces this process's libm, decided on first use.
    static let matchingLibm: Log1pVariant = detect(libm: { log1p($0) })

    /// log1p(x) for −1 < x < 0 (the negated uniforms of the generator), as libm computes it.
    ///
    /// - Complexity: O(1); about 40 floating-point operations, two of them divisions.
    @inline(__always)
    func log1pOfNegative(_ x: Double) -> Double {
        switch self {
        case .plain: return affluence_log1p_negative(x)
        case .fused: return affluence_log1p_negative_fma(x)
        case .libm: return log1p(x)
        }
    }

    /// The first variant that agrees with `libm` on every probe argument, else `.libm`.
    ///
    /// The probes include arguments where the two builds differ, so at most one can agree
    /// with any libm; `.fused` is tried only on CPUs that can run it.
    static func detect(libm: (Double) -> Double) -> Log1pVariant {
        let probes = probeArguments
        func agrees(_ variant: Log1pVariant) -> Bool {
            probes.allSatisfy { variant.log1pOfNegative($0).bitPattern == libm($0).bitPattern }
        }
        if agrees(.plain) { return .plain }
        if fusedAvailable && agrees(.fused) { return .fused }
        return .libm
    }

    /// Whether this CPU can run `.fused` (x86_64 with FMA; always elsewhere).
    static var fusedAvailable: Bool { affluence_log1p_fma_available() != 0 }

    /// −u for the generator's j-th possible uniform: u = j / (m1 + 1), j = 1 … m1, computed
    /// as `gsl_rng_uniform` does on MRG32k3a (the product with the rounded 1 / (m1 + 1)).
    static func negatedUniform(_ j: UInt32) -> Double { -(Double(j) * 2.328306549295727688e-10) }

    /// Arguments of the checks in `detect`: the smallest and largest uniforms, five where
    /// the plain and FMA builds differ (found by comparing them over j = 1 … 2·10^7), and
    /// 4096 spread evenly over the generator's range.
    static let probeArguments: [Double] = {
        let m1: UInt32 = 4_294_967_087
        var js: [UInt32] = Array(1...8) + [m1 - 1, m1] + [13_217_733, 13_898_398, 13_903_773, 14_256_046, 15_039_005]
        js += (0..<4096).map { UInt32(1 + UInt64($0) * UInt64(m1 - 1) / 4095) }
        return js.map(negatedUniform)
    }()
}
