import Testing
@testable import Stochastics

// Reference values for MRG32k3a were computed with an independent exact-integer Python
// implementation of L'Ecuyer's recurrence (1999, table II constants):
//
//     m1, m2 = 4294967087, 4294944443
//     def step(s):                        # s = [s10, s11, s12, s20, s21, s22]
//         p1 = (1403580 * s[1] - 810728 * s[0]) % m1
//         p2 = (527612 * s[5] - 1370589 * s[3]) % m2
//         s = s[1:3] + [p1] + s[4:6] + [p2]
//         z = p1 - p2 if p1 > p2 else p1 - p2 + m1
//         return s, z                     # U01 = z * 2.328306549295727688e-10
//
// and jump matrices by exact modular matrix powers of the one-step matrices
// A1 = [[0,1,0],[0,0,1],[m1-810728,1403580,0]], A2 = [[0,1,0],[0,0,1],[m2-1370589,0,527612]].
// The first uniforms agree with the published RngStreams values (0.12701112204657714,
// 0.3185275653967945, …; the 1000th is 0.98607848680213228) and the matrices with the
// constants A1p76, A2p76, A1p127, A2p127 of RngStream.c.

let m1: UInt64 = 4_294_967_087
let m2: UInt64 = 4_294_944_443
let rngStreamsDefaultState: [UInt64] = Array(repeating: 12345, count: 6)

@Suite("MRG32k3a generator")
struct MRG32k3aTests {
    @Test("the all-12345 state yields L'Ecuyer's published first uniforms, bit for bit")
    func firstOutputsMatchReference() throws {
        let stream = try RandomStream(state: rngStreamsDefaultState)
        let expected: [Double] = [
            0.12701112204657714, 0.3185275653967945, 0.30918601558327008, 0.82584686292711362,
            0.2216299157820229, 0.53339538791827878, 0.4807742033156181, 0.35555987943812623,
            0.13598841039594017, 0.75585223716154359,
        ]
        let drawn = (0..<expected.count).map { _ in stream.uniform() }
        #expect(drawn == expected)
        // The state after ten steps, as exact integers.
        #expect(stream.state == [2_989_318_136, 3_378_525_425, 1_773_647_758, 1_462_200_156, 2_794_459_678, 2_822_254_363])
    }

    @Test("the 1000th uniform from the all-12345 state is the published checksum value")
    func thousandthOutput() throws {
        let stream = try RandomStream(state: rngStreamsDefaultState)
        for _ in 0..<999 { _ = stream.uniform() }
        #expect(stream.uniform() == 0.98607848680213228)
    }

    @Test("A^(2^76) matches RngStream.c's A1p76 and A2p76")
    func substreamJumpMatrices() {
        #expect(RandomStream.transitionMatrix(component: 1, log2Steps: 76) == [
            82_758_667, 1_871_391_091, 4_127_413_238,
            3_672_831_523, 69_195_019, 1_871_391_091,
            3_672_091_415, 3_528_743_235, 69_195_019,
        ])
        #expect(RandomStream.transitionMatrix(component: 2, log2Steps: 76) == [
            1_511_326_704, 3_759_209_742, 1_610_795_712,
            4_292_754_251, 1_511_326_704, 3_889_917_532,
            3_859_662_829, 4_292_754_251, 3_708_466_080,
        ])
    }

    @Test("A^(2^127) matches RngStream.c's A1p127 and A2p127")
    func streamJumpMatrices() {
        #expect(RandomStream.transitionMatrix(component: 1, log2Steps: 127) == [
            2_427_906_178, 3_580_155_704, 949_770_784,
            226_153_695, 1_230_515_664, 3_580_155_704,
            1_988_835_001, 986_791_581, 1_230_515_664,
        ])
        #expect(RandomStream.transitionMatrix(component: 2, log2Steps: 127) == [
            1_464_411_153, 277_697_599, 1_610_723_613,
            32_183_930, 1_464_411_153, 1_022_607_788,
            2_824_425_944, 32_183_930, 2_093_834_863,
        ])
    }

    @Test("A^(2^0) is the one-step matrix of each component")
    func oneStepMatrices() {
        #expect(RandomStream.transitionMatrix(component: 1, log2Steps: 0) == [0, 1, 0, 0, 0, 1, m1 - 810_728, 1_403_580, 0])
        #expect(RandomStream.transitionMatrix(component: 2, log2Steps: 0) == [0, 1, 0, 0, 0, 1, m2 - 1_370_589, 0, 527_612])
    }

    @Test("advancing by n steps with matrix powers lands where n draws do", arguments: [0, 1, 2, 3, 7, 64, 1000, 4097])
    func advanceAgreesWithStepping(steps: Int) throws {
        for start in [rngStreamsDefaultState, RandomStream.seedState(20_240_601)] {
            let stream = try RandomStream(state: start)
            for _ in 0..<steps { _ = stream.uniform() }
            #expect(RandomStream.advance(start, by: UInt64(steps)) == stream.state)
        }
    }

    @Test("A^(2^e) applied to a state equals advancing 2^e steps", arguments: [1, 5, 10, 12] as [UInt32])
    func powerOfTwoMatricesAgreeWithStepping(log2Steps: UInt32) throws {
        let stream = try RandomStream(state: rngStreamsDefaultState)
        for _ in 0..<(1 << log2Steps) { _ = stream.uniform() }
        let a1 = RandomStream.transitionMatrix(component: 1, log2Steps: log2Steps)
        let a2 = RandomStream.transitionMatrix(component: 2, log2Steps: log2Steps)
        let s = rngStreamsDefaultState
        let expected = multiply(a1, Array(s[0..<3]), modulo: m1) + multiply(a2, Array(s[3..<6]), modulo: m2)
        #expect(stream.state == expected)
    }

    @Test("jumps land on the reference states and compose: 3 substreams = 3 single jumps, 2^51 substreams = 1 stream")
    func jumpsCompose() {
        let s = rngStreamsDefaultState
        // Reference states from the Python implementation (matrix powers, exact integers).
        #expect(RandomStream.jump(s, stream: 0, substream: 1) == [870_504_860, 2_641_697_727, 884_013_853, 339_352_413, 2_374_306_706, 3_651_603_887])
        #expect(RandomStream.jump(s, stream: 1, substream: 0) == [3_692_455_944, 1_366_884_236, 2_968_912_127, 335_948_734, 4_161_675_175, 475_798_818])
        #expect(RandomStream.jump(s, stream: 0, substream: 0) == s)
        // Substream 3 is substream 1 three times; stream 1 is substream 2^51.
        let once = RandomStream.jump(s, stream: 0, substream: 1)
        let thrice = RandomStream.jump(RandomStream.jump(once, stream: 0, substream: 1), stream: 0, substream: 1)
        #expect(RandomStream.jump(s, stream: 0, substream: 3) == thrice)
        #expect(RandomStream.jump(s, stream: 0, substream: 1 << 51) == RandomStream.jump(s, stream: 1, substream: 0))
        // Advancing 2^63 steps twice is A^(2^64).
        let viaAdvance = RandomStream.advance(RandomStream.advance(s, by: 1 << 63), by: 1 << 63)
        let a1 = RandomStream.transitionMatrix(component: 1, log2Steps: 64)
        let a2 = RandomStream.transitionMatrix(component: 2, log2Steps: 64)
        #expect(viaAdvance == multiply(a1, Array(s[0..<3]), modulo: m1) + multiply(a2, Array(s[3..<6]), modulo: m2))
    }

    @Test("a master seed is spread over the six words by SplitMix64, reduced mod m1 and m2")
    func seedState() {
        // Python: x += 0x9E3779B97F4A7C15; z = (x ^ x>>30)·0xBF58476D1CE4E5B9; z = (z ^ z>>27)·0x94D049BB133111EB;
        // z ^ z>>31, six times, the first three mod m1 and the last three mod m2.
        #expect(RandomStream.seedState(42) == [748_412_454, 507_480_424, 1_297_493_171, 3_814_460_716, 1_072_842_093, 4_115_200_557])
    }

    @Test("a stream starts at its explicit state and reports its position")
    func stateRoundTrip() throws {
        let words: [UInt64] = [1, 2, 3, m2 - 1, 0, 0]
        #expect(try RandomStream(state: words).state == words)
        let edge: [UInt64] = [m1 - 1, m1 - 1, m1 - 1, m2 - 1, m2 - 1, m2 - 1]
        #expect(try RandomStream(state: edge).state == edge)
    }

    @Test("invalid states are rejected with a message naming the valid ranges", arguments: [
        [12345, 12345, 12345, 12345, 12345],
        [12345, 12345, 12345, 12345, 12345, 12345, 1],
        [4_294_967_087, 1, 1, 1, 1, 1],
        [1, 1, 1, 4_294_944_443, 1, 1],
        [0, 0, 0, 1, 1, 1],
        [1, 1, 1, 0, 0, 0],
    ] as [[UInt64]])
    func invalidStates(words: [UInt64]) {
        let error = #expect(throws: StreamError.self) { try RandomStream(state: words) }
        #expect(error == .invalidState(words))
        #expect(error?.description.contains("3 below 4294967087, 3 below 4294944443") == true)
    }

    @Test("the extreme outputs z = m1 and z = 1 map strictly inside (0, 1)")
    func extremeOutputsStayOpen() throws {
        // State [0, 0, 1 | 0, 1, 0] gives p1 = 0 and p2 = 0, so z = p1 − p2 + m1 = m1: the
        // largest uniform, m1 / (m1 + 1).
        let top = try RandomStream(state: [0, 0, 1, 0, 1, 0])
        let u = top.uniform()
        #expect(u < 1)
        #expect(u == Double(m1) * 2.328306549295727688e-10)
        // s11 = 1403580⁻¹ mod m1 = 3747216340 with s10 = 0 gives p1 = 1, and p2 = 0: z = 1,
        // the smallest uniform, 1 / (m1 + 1).
        let bottom = try RandomStream(state: [0, 3_747_216_340, 0, 0, 1, 0])
        let v = bottom.uniform()
        #expect(v > 0)
        #expect(v == 2.328306549295727688e-10)
    }
}

/// A 3×3 row-major matrix times a vector modulo m (entries below 2^32, so products fit).
func multiply(_ a: [UInt64], _ v: [UInt64], modulo m: UInt64) -> [UInt64] {
    (0..<3).map { i in
        (0..<3).reduce(UInt64(0)) { acc, k in (acc + a[3 * i + k] * v[k] % m) % m }
    }
}
