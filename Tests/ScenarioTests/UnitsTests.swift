import Testing
@testable import Scenario

@Suite("Units")
struct UnitsTests {
    @Test("durations", arguments: [("250ms", 0.25), ("90s", 90.0), ("20min", 1200.0), ("1h30min", 5400.0), ("2h", 7200.0), ("1d", 86400.0), ("1.5h", 5400.0), ("1h0min30s", 3630.0)])
    func durations(text: String, seconds: Double) throws {
        #expect(try Units.duration(text).get() == seconds)
    }

    @Test("rejected durations", arguments: ["90", "10hours", "30min1h", "", "m5", "-5s", "5 s"])
    func badDurations(text: String) {
        #expect(throws: Units.Failure.self) { try Units.duration(text).get() }
    }

    @Test("signed duration")
    func signed() throws { #expect(try Units.duration("-8min", allowNegative: true).get() == -480) }

    @Test("rates", arguments: [("9/s", 9.0), ("1.2k/min", 20.0), ("400k/s", 400_000.0), ("30/h", 30.0 / 3600), ("5/10min", 5.0 / 600), ("1M/d", 1e6 / 86400)])
    func rates(text: String, perSecond: Double) throws {
        #expect(abs(try Units.rate(text).get() - perSecond) < 1e-12)
    }

    @Test("rejected rates", arguments: ["9", "9/sec", "/s", "a/s"])
    func badRates(text: String) { #expect(throws: Units.Failure.self) { try Units.rate(text).get() } }

    @Test("shares", arguments: [("35%", 0.35), ("0.35", 0.35), ("100%", 1.0), ("0", 0.0)] as [(String, Double)])
    func shares(text: String, value: Double) throws { #expect(abs(try Units.share(text).get() - value) < 1e-12) }

    @Test("clock times", arguments: [("08:30", 30600.0), ("08:30:15", 30615.0), ("00:00", 0.0), ("26:00", 93600.0)])
    func clocks(text: String, seconds: Double) throws { #expect(try Units.clock(text).get() == seconds) }

    @Test("rejected clock times", arguments: ["8h30", "08:60", "08:3", "noon", "08:30:61", "999:00"])
    func badClocks(text: String) { #expect(throws: Units.Failure.self) { try Units.clock(text).get() } }

    @Test("counts", arguments: [("1_000_000", 1e6), ("12k", 12_000.0), ("1.2M", 1_200_000.0), ("5G", 5e9), ("5e9", 5e9), ("42", 42.0)])
    func counts(text: String, value: Double) throws { #expect(try Units.count(text).get() == value) }

    @Test("an error offset points at the offending character")
    func offsets() {
        guard case .failure(let f) = Units.duration("10hours") else { Issue.record("accepted"); return }
        #expect(f.offset == 2)
        guard case .failure(let g) = Units.count("12x") else { Issue.record("accepted"); return }
        #expect(g.offset == 2)
    }
}
