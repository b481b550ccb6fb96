import Testing
@testable import Stochastics

@Suite("Random streams from (seed, replication, name)")
struct StreamFactoryTests {
    /// The first `n` uniforms of a stream.
    static func draws(_ stream: RandomStream, _ n: Int) -> [Double] {
        (0..<n).map { _ in stream.uniform() }
    }

    @Test("the same seed, replication and name always give the same sequence")
    func deterministic() {
        for replication in [0, 1, 17] {
            let a = StreamFactory(seed: 2024, replication: replication).stream("arrivals:math-101")
            let b = StreamFactory(seed: 2024).replication(replication).stream("arrivals:math-101")
            #expect(a.state == b.state)
            #expect(Self.draws(a, 1000) == Self.draws(b, 1000))
        }
    }

    @Test("a stream starts at the seed's state jumped by (FNV-1a stream index) · 2^127 + replication · 2^76")
    func derivationMatchesReference() {
        // Python reference (exact integers): FNV-1a 64 of "arrivals" shifted right by 2 is
        // 3189375966602392340; seed 42 → SplitMix64 state; jump by A^(2^127·k) then A^(2^76·3).
        #expect(StreamFactory.streamIndex(of: "arrivals") == 3_189_375_966_602_392_340)
        #expect(StreamFactory.streamIndex(of: "") == 3_673_995_259_836_664_009)  // FNV offset basis >> 2
        #expect(StreamFactory.streamIndex(of: "é") == 193_801_851_941_291_904)  // hashes UTF-8 bytes
        let stream = StreamFactory(seed: 42, replication: 3).stream("arrivals")
        #expect(stream.state == [4_115_675_362, 788_203_931, 507_025_403, 579_185_656, 1_950_499_213, 2_638_976_871])
        #expect(Self.draws(stream, 3) == [0.81694338049837933, 0.59822830451454212, 0.64682312182598045])
        #expect(stream.state != RandomStream.seedState(42))
        let again = StreamFactory(seed: 42, replication: 3).stream("arrivals")
        #expect(again.state == RandomStream.jump(RandomStream.seedState(42),
                                                 stream: StreamFactory.streamIndex(of: "arrivals"), substream: 3))
    }

    @Test("different names, replications and seeds give different sequences")
    func distinct() {
        let base = Self.draws(StreamFactory(seed: 1).stream("service"), 100)
        let others = [
            StreamFactory(seed: 1).stream("service "),
            StreamFactory(seed: 1).stream("Service"),
            StreamFactory(seed: 1).stream("arrivals"),
            StreamFactory(seed: 1, replication: 1).stream("service"),
            StreamFactory(seed: 2).stream("service"),
            StreamFactory(seed: UInt64.max).stream("service"),
        ]
        var sequences = [base]
        for stream in others {
            let s = Self.draws(stream, 100)
            // Not merely different as sequences: no position agrees (a shifted copy would
            // agree nowhere too, but an identical or overlapping start would show here).
            for earlier in sequences { #expect(zip(s, earlier).allSatisfy { $0 != $1 }) }
            sequences.append(s)
        }
    }

    @Test("replication r of a source is substream r of that source's stream")
    func replicationsAreSubstreams() {
        let r0 = StreamFactory(seed: 9, replication: 0).stream("pool")
        let r5 = StreamFactory(seed: 9, replication: 5).stream("pool")
        #expect(r5.state == RandomStream.jump(r0.state, stream: 0, substream: 5))
    }

    /// Pairs of sources whose streams must look independent: similar names, permuted
    /// names, one-character differences, the same name in adjacent replications and seeds.
    static let pairs: [(StreamFactory, String, StreamFactory, String)] = [
        (StreamFactory(seed: 1), "a", StreamFactory(seed: 1), "b"),
        (StreamFactory(seed: 1), "arrivals:0", StreamFactory(seed: 1), "arrivals:1"),
        (StreamFactory(seed: 1), "service:pool-1", StreamFactory(seed: 1), "service:pool-2"),
        (StreamFactory(seed: 1), "ab", StreamFactory(seed: 1), "ba"),
        (StreamFactory(seed: 1), "", StreamFactory(seed: 1), " "),
        (StreamFactory(seed: 1), "patience", StreamFactory(seed: 1), "routing"),
        (StreamFactory(seed: 1, replication: 0), "x", StreamFactory(seed: 1, replication: 1), "x"),
        (StreamFactory(seed: 1, replication: 1), "x", StreamFactory(seed: 1, replication: 2), "x"),
        (StreamFactory(seed: 1), "x", StreamFactory(seed: 2), "x"),
        (StreamFactory(seed: 0), "x", StreamFactory(seed: 1), "x"),
    ]

    @Test("paired uniforms of two streams are uncorrelated", arguments: 0..<pairs.count)
    func uncorrelated(pair: Int) {
        let (f1, n1, f2, n2) = Self.pairs[pair]
        let n = 100_000
        let x = Self.draws(f1.stream(n1), n), y = Self.draws(f2.stream(n2), n)
        // Under independence the sample correlation is approximately N(0, 1/n).
        let r = pearsonCorrelation(x, y)
        #expect(abs(r) <= zBound / Double(n).squareRoot(), "r = \(r) for \(n1) vs \(n2)")
        // Lag-1 within a stream as well: consecutive draws of one stream are uncorrelated.
        let lag = pearsonCorrelation(Array(x.dropLast()), Array(x.dropFirst()))
        #expect(abs(lag) <= zBound / Double(n - 1).squareRoot(), "lag-1 r = \(lag) for \(n1)")
    }

    @Test("each stream's uniforms pass chi-square tests of uniformity", arguments: ["arrivals", "service", "", "replication-test"])
    func uniform(name: String) {
        let stream = StreamFactory(seed: 123_456_789, replication: 2).stream(name)
        let u = Self.draws(stream, 200_000)
        // One dimension: 100 equal bins, 99 degrees of freedom.
        let p1 = uniformityPValue(u, bins: 100)
        #expect(p1 > minimumPValue, "1-D chi-square p = \(p1)")
        // Two dimensions (serial test): non-overlapping pairs in a 20 × 20 grid, 399 df.
        let cells = stride(from: 0, to: u.count - 1, by: 2).map { i in
            (Double(Int(u[i] * 20)) + u[i + 1]) / 20
        }
        let p2 = uniformityPValue(cells, bins: 400)
        #expect(p2 > minimumPValue, "serial-pair chi-square p = \(p2)")
    }

    @Test("index(below:) is uniform over 0..<n", arguments: [1, 2, 7, 1000])
    func indexBelow(n: Int) {
        let stream = StreamFactory(seed: 5).stream("index-\(n)")
        let draws = 50 * max(n, 20)
        var counts = [Int](repeating: 0, count: n)
        for _ in 0..<draws {
            let i = stream.index(below: n)
            #expect((0..<n).contains(i))
            counts[i] += 1
        }
        guard n > 1 else { return }
        let expected = [Double](repeating: Double(draws) / Double(n), count: n)
        let p = chiSquarePValue(chiSquareStatistic(observed: counts, expected: expected), degreesOfFreedom: n - 1)
        #expect(p > minimumPValue, "chi-square p = \(p)")
    }

    @Test("index(below:) refuses bounds beyond the generator's range instead of returning 0")
    func indexBelowRange() async {
        #expect(StreamFactory(seed: 5).stream("edge").index(below: 4_294_967_086) < 4_294_967_086)
        await #expect(processExitsWith: .failure) {
            _ = StreamFactory(seed: 5).stream("edge").index(below: 4_294_967_087)
        }
    }

    @Test("RandomStream.exponential(mean:) has the right mean and variance")
    func exponentialDraws() {
        let stream = StreamFactory(seed: 77).stream("exp")
        let n = 200_000, mean = 3.0
        let m = SampleMoments((0..<n).map { _ in stream.exponential(mean: mean) })
        // Exponential: σ = mean, central fourth moment μ4 = 9·mean⁴, so the sample variance has
        // standard error √((μ4 − σ⁴)/n) = √(8/n)·mean².
        #expect(abs(m.mean - mean) <= zBound * mean / Double(n).squareRoot())
        #expect(abs(m.variance - mean * mean) <= zBound * (8.0 / Double(n)).squareRoot() * mean * mean)
    }
}
