import Testing
import CGSL
@testable import Stochastics

/// `RandomStream.exponential` evaluates GSL's exponential inline on MRG32k3a streams; it
/// must stay the very same function as `gsl_ran_exponential`, or every model's results
/// would silently depend on which path drew a variate.
@Suite("Inline exponential")
struct InlineExponentialTests {
    @Test("equals gsl_ran_exponential bit for bit over a million draws, and leaves the stream where GSL does",
          arguments: [(1.0, 1 as UInt64), (75.0, 20_210_406), (1e-3, 7)])
    func matchesGSL(mean: Double, seed: UInt64) throws {
        let state = RandomStream.seedState(seed)
        let inline = try RandomStream(state: state)
        let gsl = try RandomStream(state: state)
        var mismatches = 0
        for _ in 0..<1_000_000 where inline.exponential(mean: mean).bitPattern != gsl_ran_exponential(gsl.rng, mean).bitPattern {
            mismatches += 1
        }
        #expect(mismatches == 0)
        #expect(inline.state == gsl.state)
    }

}
