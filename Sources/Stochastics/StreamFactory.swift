internal import CMRG32k3a

/// Derives one ``RandomStream`` per random source from (master seed, replication, source name).
///
/// The derivation, and why streams do not interfere:
/// 1. The master seed is spread over the six MRG32k3a state words with SplitMix64
///    (`gsl_rng_set` of the MRG32k3a type), giving the seed's starting point `S0` on the
///    generator's single cycle of length ≈ 2^191.
/// 2. A source name is hashed with 64-bit FNV-1a and its top 62 bits taken as a *stream
///    index* `k`; the source starts at `S0` advanced by `k · 2^127` steps.
/// 3. The replication `r` is a *substream* within it: a further `r · 2^76` steps.
///
/// Jumps are exact (the transition matrices raised to `2^127` and `2^76` by repeated
/// squaring modulo m1 and m2, as in L'Ecuyer et al. 2002), so two sources occupy
/// disjoint segments of the cycle of 2^127 draws each, and two replications of one
/// source disjoint segments of 2^76 draws: no run can draw that many, hence no overlap.
/// MRG32k3a passes the TestU01 BigCrush battery and has good lattice structure up to
/// 45 dimensions, so disjoint segments behave as independent sequences. Two names
/// share a stream only if their 62-bit hashes collide (probability ~n²/2^63).
///
/// Because a source's draws depend on nothing but its own name, adding a source or
/// changing a policy never shifts the draws of another: this is what makes
/// comparisons on common random numbers fair.
public struct StreamFactory: Sendable {
    public let seed: UInt64
    public let replication: Int

    public init(seed: UInt64, replication: Int = 0) {
        precondition(replication >= 0, "replication index must be non-negative")
        self.seed = seed
        self.replication = replication
    }

    /// The same factory for another replication.
    public func replication(_ index: Int) -> StreamFactory {
        StreamFactory(seed: seed, replication: index)
    }

    /// The stream of the named source in this replication. Calling this twice with the
    /// same name gives two streams that produce the same sequence.
    public func stream(_ name: String) -> RandomStream {
        let start = affluence_mrg32k3a_from_seed(seed)
        let jumped = affluence_mrg32k3a_jump(start, StreamFactory.streamIndex(of: name), UInt64(replication))
        let words = withUnsafeBytes(of: jumped.s) { Array($0.bindMemory(to: UInt64.self)) }
        do {
            return try RandomStream(state: words)
        } catch {
            fatalError("jump-ahead produced an invalid state: \(error)")  // impossible: jumps preserve validity
        }
    }

    /// The stream index of a source name: the top 62 bits of its FNV-1a hash.
    public static func streamIndex(of name: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash >> 2
    }
}
