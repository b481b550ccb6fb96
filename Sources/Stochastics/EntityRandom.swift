internal import CGSL
internal import CCounterRNG

/// Random numbers that belong to one simulated entity (a user) rather than to a source.
///
/// Each entity owns an 8-byte ``Position`` in a SplitMix64 sequence; drawing for an entity
/// means pointing the shared generator at its position, drawing, and storing the new
/// position back. An entity's draws therefore depend only on its key — derived from
/// (seed, replication, source name, entity serial number) — and never on the order in
/// which the simulator interleaves entities. That is what keeps a user's pages, think
/// times, patience and retry delays identical across policies (common random numbers).
///
/// Keys start each entity at a pseudo-random point of the 2^64-long SplitMix64 cycle.
/// An entity uses at most a few thousand draws, so two entities' windows overlap with
/// probability about n²·L / 2^64 (n entities, L draws each): below 10^-3 for 10^7 users
/// of 100 draws, and harmless when it happens (two users share some draws).
public final class EntityRandom {
    /// An entity's place in the sequence.
    public typealias Position = UInt64

    /// The stream that samplers draw from; its position is the current entity's.
    public let stream: RandomStream
    /// The stream's SplitMix64 generator, held here for the per-draw seek and read-back:
    /// `stream.rng` would test for an exponential drawn ahead, which only MRG32k3a streams do.
    private let rng: UnsafeMutablePointer<gsl_rng>

    public init() {
        GSL.configure()
        guard let rng = gsl_rng_alloc(affluence_splitmix64_type()) else { fatalError("gsl_rng_alloc: out of memory") }
        self.rng = rng
        stream = RandomStream(adopting: rng)
    }

    /// The starting position of entity `serial` of a source whose key is `sourceKey`.
    @inline(__always)
    public static func start(sourceKey: UInt64, serial: UInt64) -> Position {
        affluence_splitmix64_mix(sourceKey &+ affluence_splitmix64_mix(serial &+ 0x632B_E59B_D9B4_E019))
    }

    /// Points the stream at `position`.
    @inline(__always)
    public func seek(_ position: Position) { affluence_splitmix64_set_position(rng, position) }

    /// The stream's current position (store it back into the entity after drawing).
    @inline(__always)
    public var position: Position { affluence_splitmix64_get_position(rng) }

    // One call per draw for the simulator's hot path: seek, draw and store back happen in
    // this module, where the C calls inline, instead of three calls and a retain of the
    // stream at every call site. Each draws exactly what `seek`, the draw on `stream` and
    // `position` would.

    /// A draw from `distribution` at `position`, which moves past the draw.
    public func draw(_ distribution: Distribution, at position: inout Position) -> Double {
        affluence_splitmix64_set_position(rng, position)
        let x = distribution.sample(stream)
        position = affluence_splitmix64_get_position(rng)
        return x
    }

    /// A uniform (0, 1) draw at `position` (``RandomStream/uniform()``).
    public func uniform(at position: inout Position) -> Double {
        affluence_splitmix64_set_position(rng, position)
        let x = gsl_rng_uniform_pos(rng)
        position = affluence_splitmix64_get_position(rng)
        return x
    }

    /// A standard normal draw at `position` (``RandomStream/standardNormal()``).
    public func standardNormal(at position: inout Position) -> Double {
        affluence_splitmix64_set_position(rng, position)
        let x = gsl_ran_ugaussian(rng)
        position = affluence_splitmix64_get_position(rng)
        return x
    }

    /// A lognormal draw exp(N(μ, σ²)) at `position` (``RandomStream/lognormal(mu:sigma:)``).
    public func lognormal(mu: Double, sigma: Double, at position: inout Position) -> Double {
        affluence_splitmix64_set_position(rng, position)
        let x = gsl_ran_lognormal(rng, mu, sigma)
        position = affluence_splitmix64_get_position(rng)
        return x
    }
}

extension StreamFactory {
    /// A 64-bit key for the entities of the named source in this replication, taken from
    /// the source's own MRG32k3a stream.
    public func entityKey(_ name: String) -> UInt64 {
        let s = stream("entities:" + name)
        let high = UInt64(s.uniform() * 4_294_967_296)
        let low = UInt64(s.uniform() * 4_294_967_296)
        return high << 32 | low
    }
}
