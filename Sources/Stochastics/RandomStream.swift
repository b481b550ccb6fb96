internal import CGSL
internal import CMRG32k3a
internal import CCounterRNG
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One independent source of uniform random numbers: owns one `gsl_rng` running
/// L'Ecuyer's MRG32k3a, so every `gsl_ran_*` sampler can draw from it.
///
/// A stream is never shared between threads: it is a mutable C object, hence a
/// class that frees it in `deinit`, and deliberately not `Sendable`. Obtain streams
/// from a ``StreamFactory`` so that each random source (a segment's arrivals, a
/// pool's service times, …) has its own, reproducible from (seed, replication, name).
public final class RandomStream {
    /// The generator as GSL's samplers expect to find it: positioned after the last variate
    /// handed out. (`exponential` may have drawn one uniform ahead; reading `rng` takes it back.)
    var rng: UnsafeMutablePointer<gsl_rng> {
        if hasAhead { takeBackAhead() }
        return generator
    }
    /// The generator itself, one step ahead of `rng` when `hasAhead`.
    private let generator: UnsafeMutablePointer<gsl_rng>
    /// log1p(−u) of the uniform after the last one handed out, when `hasAhead`.
    private var ahead = 0.0
    private var hasAhead = false
    /// Whether `exponential` draws ahead: until anything else uses the generator. A stream
    /// that mixes kinds of draws would otherwise pay for a draw taken back at each switch.
    private var drawsAhead = true
    /// Whether `rng` runs MRG32k3a (every named stream; entity streams adopt other types),
    /// so that `exponential` may step it inline.
    let isMRG32k3a: Bool
    /// How `exponential` evaluates log1p on this process's libm (a copy, so the hot path
    /// reads it from the stream it already has in hand rather than through a global).
    let log1pVariant: Log1pVariant = .matchingLibm

    /// The stream's position, as the six MRG32k3a state words.
    public var state: [UInt64] {
        let st = affluence_mrg32k3a_get(rng)
        return withUnsafeBytes(of: st.s) { Array($0.bindMemory(to: UInt64.self)) }
    }

    /// A stream starting at an explicit MRG32k3a state (three words below m1 = 4294967087,
    /// three below m2 = 4294944443, neither triple all zero).
    public init(state: [UInt64]) throws(StreamError) {
        guard state.count == 6 else { throw StreamError.invalidState(state) }
        GSL.configure()
        guard let rng = gsl_rng_alloc(affluence_mrg32k3a_type()) else { fatalError("gsl_rng_alloc: out of memory") }
        generator = rng
        isMRG32k3a = true
        var st = affluence_mrg32k3a_state()
        withUnsafeMutableBytes(of: &st.s) { raw in
            let words = raw.bindMemory(to: UInt64.self)
            for i in 0..<6 { words[i] = state[i] }
        }
        guard affluence_mrg32k3a_put(rng, st) == 0 else { throw StreamError.invalidState(state) }
    }

    /// Adopts an allocated `gsl_rng` of any type (see ``EntityRandom``).
    init(adopting rng: UnsafeMutablePointer<gsl_rng>) {
        generator = rng
        isMRG32k3a = rng.pointee.type == affluence_mrg32k3a_type()
    }

    deinit { gsl_rng_free(generator) }

    /// A uniform variate in the open interval (0, 1).
    ///
    /// - Complexity: O(1); one step of the recurrence.
    @inline(__always)
    public func uniform() -> Double { gsl_rng_uniform_pos(rng) }

    /// An exponential variate with the given mean: `gsl_ran_exponential`'s inversion
    /// −mean · log1p(−u), u = gsl_rng_uniform, evaluated here on MRG32k3a streams.
    ///
    /// The most drawn variate of every model (inter-arrivals, think times, services): GSL
    /// reaches the generator through two calls and a function pointer, and libm's log1p
    /// through two more jumps and range tests, which together cost more than the kernel's
    /// own work per event. Inline, the value is the same bit for bit: the same uniform, and
    /// log1p by the transcription of glibc's that reproduces this libm (``Log1pVariant``;
    /// `InlineExponentialTests` checks the draws against `gsl_ran_exponential`,
    /// `GlibcLog1pTests` the log1p against libm over the generator's range,
    /// `ExponentialLookaheadTests` the draw ahead against GSL's sequence).
    ///
    /// - Complexity: O(1); one step of the recurrence and one log1p (two when it starts
    ///   drawing ahead).
    @inline(__always)
    public func exponential(mean: Double) -> Double {
        guard isMRG32k3a else { return gsl_ran_exponential(rng, mean) }
        // The next draw's logarithm is computed now, while this one is already known: its
        // 80-odd cycles of dependent arithmetic (two divisions) then overlap with the
        // caller's work instead of delaying it. Same uniforms, same order, same bits.
        if hasAhead {
            let current = ahead
            ahead = log1pOfNextUniform()
            return -mean * current
        }
        let current = log1pOfNextUniform()
        if drawsAhead {
            ahead = log1pOfNextUniform()
            hasAhead = true
        }
        return -mean * current
    }

    /// log1p(−u) of the generator's next uniform u (stepping it).
    @inline(__always)
    private func log1pOfNextUniform() -> Double {
        log1pVariant.log1pOfNegative(-affluence_mrg32k3a_uniform(generator))
    }

    /// Steps the generator back over the uniform drawn ahead, and stops drawing ahead.
    private func takeBackAhead() {
        let state = UnsafeMutableRawPointer(generator.pointee.state).assumingMemoryBound(to: affluence_mrg32k3a_state.self)
        affluence_mrg32k3a_step_back(state)
        hasAhead = false
        drawsAhead = false
    }

    /// A lognormal variate exp(N(μ, σ²)) (`gsl_ran_lognormal`).
    @inline(__always)
    public func lognormal(mu: Double, sigma: Double) -> Double { gsl_ran_lognormal(rng, mu, sigma) }

    /// A standard normal variate (`gsl_ran_ugaussian`).
    public func standardNormal() -> Double { gsl_ran_ugaussian(rng) }

    /// A uniformly chosen integer in `0..<n` (`gsl_rng_uniform_int`); `n` must be positive
    /// and at most m1 − 1 = 4294967086, the generator's range (beyond it GSL reports an error
    /// and, with its handler off, would return 0 every time).
    public func index(below n: Int) -> Int {
        precondition(n > 0, "index(below:) needs a positive bound")
        precondition(n <= 4_294_967_086, "index(below:) needs a bound of at most 4294967086 (MRG32k3a's range)")
        return Int(gsl_rng_uniform_int(rng, UInt(n)))
    }
}

/// Why a stream could not be made.
public enum StreamError: Error, Equatable, CustomStringConvertible, Sendable {
    case invalidState([UInt64])

    public var description: String {
        switch self {
        case .invalidState(let words):
            return "invalid MRG32k3a state \(words) (expected 6 words: 3 below 4294967087, 3 below 4294944443, neither triple all zero)"
        }
    }
}
