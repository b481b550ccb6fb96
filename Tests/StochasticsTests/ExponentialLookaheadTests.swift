import Testing
import CGSL
@testable import Stochastics

/// `RandomStream.exponential` draws the next uniform ahead of time and takes it back when
/// anything else uses the stream. Interleaving every other kind of draw with exponentials
/// must give exactly the sequence GSL gives on a stream used only through its own calls.
@Suite("Exponential lookahead")
struct ExponentialLookaheadTests {
    @Test("exponentials interleaved with every other draw equal GSL's sequence bit for bit",
          arguments: [1 as UInt64, 20_210_406, 99])
    func interleaved(seed: UInt64) throws {
        let state = RandomStream.seedState(seed)
        let stream = try RandomStream(state: state)
        let reference = try RandomStream(state: state)
        let r = reference.rng
        let gamma = try Distribution.gamma(shape: 2.5, scale: 3)
        let exponential = try Distribution.exponential(mean: 4)
        var mismatches = 0
        func check(_ ours: Double, _ theirs: Double) { if ours.bitPattern != theirs.bitPattern { mismatches += 1 } }
        for i in 0..<50_000 {
            // Runs of 0 to 3 exponentials between the other draws, so a take-back happens
            // both right after an exponential and with nothing drawn ahead.
            for _ in 0..<(i % 4) { check(stream.exponential(mean: 2), gsl_ran_exponential(r, 2)) }
            switch i % 6 {
            case 0: check(stream.uniform(), gsl_rng_uniform_pos(r))
            case 1: check(stream.lognormal(mu: 0.5, sigma: 1.2), gsl_ran_lognormal(r, 0.5, 1.2))
            case 2: check(Double(stream.index(below: 1000)), Double(gsl_rng_uniform_int(r, 1000)))
            case 3: check(gamma.sample(stream), gsl_ran_gamma(r, 2.5, 3))
            case 4: check(exponential.sample(stream), gsl_ran_exponential(r, 4))
            default: check(stream.standardNormal(), gsl_ran_ugaussian(r))
            }
        }
        #expect(mismatches == 0)
        #expect(stream.state == reference.state)
    }

    @Test("reading the state takes back the draw made ahead, and drawing resumes from it")
    func stateAfterExponential() throws {
        let state = RandomStream.seedState(7)
        let stream = try RandomStream(state: state)
        let reference = try RandomStream(state: state)
        for _ in 0..<3 {
            _ = stream.exponential(mean: 1)
            _ = gsl_ran_exponential(reference.rng, 1)
            #expect(stream.state == reference.state)
        }
        let resumed = try RandomStream(state: stream.state)
        #expect(stream.exponential(mean: 1).bitPattern == resumed.exponential(mean: 1).bitPattern)
    }

    @Test("stepping back undoes a step from a thousand seeded states and the range's ends")
    func stepBack() throws {
        let m1: UInt64 = 4_294_967_087, m2: UInt64 = 4_294_944_443
        var states: [[UInt64]] = [
            [12345, 12345, 12345, 12345, 12345, 12345],
            [m1 - 1, m1 - 1, m1 - 1, m2 - 1, m2 - 1, m2 - 1],
            [0, 0, 1, 0, 0, 1],
            [1, 0, 0, 1, 0, 0],
        ]
        states += (1...1000).map { RandomStream.seedState($0) }
        var wrong = 0
        for start in states {
            // A fresh stream draws one exponential and one ahead; reading its state takes
            // the second back, which must leave it exactly one step on.
            let stream = try RandomStream(state: start)
            _ = stream.exponential(mean: 1)
            if stream.state != RandomStream.advance(start, by: 1) { wrong += 1 }
        }
        #expect(wrong == 0)
    }
}
