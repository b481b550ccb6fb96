import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import Stochastics

/// `RandomStream.exponential` evaluates log1p(−u) by a transcription of glibc's log1p
/// (`CLog1p`) instead of calling libm. It must return libm's bits for every uniform u the
/// generator can produce, u = j / (m1 + 1), j = 1 … m1; these tests compare the variant
/// chosen for this process with libm over about 11 million such j: both ends of the range,
/// the neighbourhood of every threshold of the algorithm, an even sweep and random j.
/// (All 4 294 967 087 were compared once, outside the suite: see Benchmarks/README.md.)
@Suite("glibc log1p transcription")
struct GlibcLog1pTests {
    static let m1: UInt32 = 4_294_967_087

    /// j whose uniform lies nearest `u` (clamped to 1 … m1).
    static func j(near u: Double) -> Int64 {
        min(max(Int64((u / 2.328306549295727688e-10).rounded()), 1), Int64(m1))
    }

    /// The j within `radius` of the uniform nearest `u`, inside 1 … m1.
    static func window(around u: Double, radius: Int64) -> ClosedRange<Int64> {
        let centre = j(near: u)
        return max(centre - radius, 1)...min(centre + radius, Int64(m1))
    }

    /// Counts the j in `js` where the chosen variant and libm disagree, and records the first few.
    static func mismatches(_ js: some Sequence<Int64>, _ variant: Log1pVariant = .matchingLibm) -> (count: Int, compared: Int, first: [UInt32]) {
        var count = 0, compared = 0
        var first: [UInt32] = []
        for j in js {
            let x = Log1pVariant.negatedUniform(UInt32(j))
            compared += 1
            if variant.log1pOfNegative(x).bitPattern != log1p(x).bitPattern {
                count += 1
                if first.count < 5 { first.append(UInt32(j)) }
            }
        }
        return (count, compared, first)
    }

    @Test("the variant chosen for this process reproduces libm (log which one)")
    func chosenVariant() {
        // On glibc's x86_64 this is .fused on CPUs with FMA and AVX2 and .plain otherwise;
        // .libm means neither transcription matches and the simulator calls log1p itself.
        print("log1p variant matching this libm: \(Log1pVariant.matchingLibm)")
        #expect(Log1pVariant.detect(libm: { log1p($0) }) == .matchingLibm)
    }

    @Test("equals libm at both ends of the generator's range: j = 1 … 2^20 and m1 − 2^20 … m1")
    func ends() {
        let low = Self.mismatches(Int64(1)...Int64(1 << 20))
        let high = Self.mismatches((Int64(Self.m1) - (1 << 20))...Int64(Self.m1))
        #expect(low.count == 0, "first mismatches: \(low.first)")
        #expect(high.count == 0, "first mismatches: \(high.first)")
        #expect(low.compared + high.compared == 2 * (1 << 20) + 1)
    }

    @Test("equals libm around every branch threshold and power of two")
    func thresholds() {
        var windows: [ClosedRange<Int64>] = []
        // x = −0.29289340972900390625 (high word 0xbfd2bec4): where 1 + x stops being exact.
        windows.append(Self.window(around: 0.29289340972900390625, radius: 1 << 16))
        for e in 1...32 {
            let p = Double(sign: .plus, exponent: -e, significand: 1)
            // x near −2^-e: the exponent of x changes (e = 29 is the |x| < 2^-29 branch).
            windows.append(Self.window(around: p, radius: 4096))
            // 1 + x near 2^-e: k changes, and |f| < 2^-20 on either side.
            windows.append(Self.window(around: 1 - p, radius: 4096))
            // 1 + x near 2^-e · sqrt(2) (high word 0x6a09e): normalising u or u/2.
            windows.append(Self.window(around: 1 - p * (1 + Double(0x6a09e) / Double(1 << 20)), radius: 4096))
        }
        let result = Self.mismatches(windows.joined())
        #expect(result.count == 0, "first mismatches: \(result.first)")
        #expect(result.compared > 700_000)
    }

    @Test("equals libm over an even sweep of 4 million j and 4 million random j")
    func sweepAndRandom() throws {
        let step: Int64 = 1_073   // 4 002 763 points, every part of the range
        // The generator's own draws: its uniforms are j / (m1 + 1), so these are j it produces.
        let stream = try RandomStream(state: [20_261_129, 1, 2, 3, 4, 5])
        let randomJs = (0..<4_000_000).lazy.map { _ in Int64((stream.uniform() * Double(Self.m1 + 1)).rounded()) }
        let sweep = Self.mismatches(stride(from: Int64(1), through: Int64(Self.m1), by: Int(step)))
        let drawn = Self.mismatches(randomJs)
        #expect(sweep.count == 0, "first mismatches: \(sweep.first)")
        #expect(drawn.count == 0, "first mismatches: \(drawn.first)")
    }

    @Test("the probes tell glibc's two builds apart, so detection cannot pick the wrong one")
    func probesDistinguish() throws {
        try #require(Log1pVariant.fusedAvailable, "this CPU cannot run the FMA build")
        let differing = Log1pVariant.probeArguments.filter {
            Log1pVariant.plain.log1pOfNegative($0).bitPattern != Log1pVariant.fused.log1pOfNegative($0).bitPattern
        }
        #expect(differing.count >= 5)
    }

    @Test("detection picks the variant a libm computes, and libm itself for any other")
    func detection() throws {
        #expect(Log1pVariant.detect(libm: { Log1pVariant.plain.log1pOfNegative($0) }) == .plain)
        if Log1pVariant.fusedAvailable {
            #expect(Log1pVariant.detect(libm: { Log1pVariant.fused.log1pOfNegative($0) }) == .fused)
        }
        // A log1p one ulp off at a single probe is neither build.
        let odd = Log1pVariant.probeArguments[100]
        #expect(Log1pVariant.detect(libm: { x in
            let y = Log1pVariant.plain.log1pOfNegative(x)
            return x == odd ? y.nextUp : y
        }) == .libm)
    }
}
