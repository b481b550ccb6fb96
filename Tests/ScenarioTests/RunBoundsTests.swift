import Testing
@testable import Scenario

/// The bounds of ``RunBounds``: a value just inside is accepted, just outside is a located
/// error, in the file and through `--set` alike.
@Suite("Values no run can honour")
struct RunBoundsTests {
    @Test("the corpus holds the bound cases", arguments: ["bound-"])
    func corpus(prefix: String) {
        #expect(Corpus.files.filter { $0.hasPrefix(prefix) }.count >= 12)
    }

    /// (path, inside, outside, message, other overrides that keep the inside value's model
    /// within the other bounds and `event_limit`).
    static let edges: [(path: String, inside: String, outside: String, message: String, context: [Override])] = [
        ("pools.server.servers", "2147483647", "2147483648", "workers a pool can have", []),
        ("duration", "4294967296s", "4294967297s", "longer than the simulation clock",
         [Override(path: "event_limit", value: "1e30"), Override(path: "report_interval", value: "100000h")]),
        ("sources.arrivals.rate", "2.5e12/s", "2.6e12/s", "more than a count holds exactly", [Override(path: "event_limit", value: "1e30")]),
        ("report_interval", "1ms", "0.2ms", "intervals, above the 16.8M values", []),
        ("replications", "2236962", "2236963", "values a run may hold in memory", []),
    ]

    @Test("just inside a bound is accepted, just outside is a located error (through --set too)", arguments: edges.indices)
    func edge(_ k: Int) {
        let e = Self.edges[k]
        let inside = diagnostics(minimalModel, overrides: e.context + [Override(path: e.path, value: e.inside)])
        #expect(inside.isEmpty, "\(e.path)=\(e.inside): \(inside.map(\.description))")
        let outside = diagnostics(minimalModel, overrides: e.context + [Override(path: e.path, value: e.outside)])
        #expect(outside.contains { $0.message.contains(e.message) && $0.location.file.hasPrefix("--set") },
                "\(e.path)=\(e.outside): \(outside.map(\.description))")
    }

    @Test("a duration out of bounds is one error, not three")
    func oneError() {
        let found = diagnostics(minimalModel.replacingOccurrences(of: "duration: 1h", with: "duration: 1000000000d\nreport_interval: 1ms"))
        #expect(found.count == 1, "\(found.map(\.description))")
    }

    @Test("no share-sum error after an intent component failed to read", arguments: [
        "bumps: [{share: 60%, at: 08:30, sd: 5min}], curves: [{share: 40%, points: [[09:00, 1], [08:30, 1]]}]",
        "bumps: [{share: 60%, at: 08:30, sd: 5min}], csv: [{share: 40%, file: no-such-file.csv}]",
        "bumps: [{share: 60%, at: 08:30, sd: 5min}, {share: 40%, at: 08:30, sd: -5min}]",
        "bumps: [{share: 60%, at: 08:30, sd: 5min}, {share: 40%, at: 23:00, sd: 5min}]",
        "bumps: [{share: 60%, at: 08:30, sd: 5min}, {share: 40%, at: 08:30, sd: 5min, typo: 1}]",
    ])
    func noSpuriousShareSum(intent: String) {
        let text = """
            version: 1
            start: 08:00
            duration: 2h
            segments:
              - {id: s, size: 100, platforms: lms, intent: {\(intent)}}
            platforms:
              - {id: lms, pools: web}
            pools:
              - {id: web, servers: 1, service_time: 100ms}

            """
        let found = diagnostics(text)
        #expect(!found.isEmpty)
        #expect(!found.contains { $0.message.contains("add up to") }, "\(found.map(\.description))")
    }

    @Test("the share sum is still checked when every component reads")
    func shareSumKept() {
        let text = """
            version: 1
            start: 08:00
            duration: 2h
            segments:
              - {id: s, size: 100, platforms: lms, intent: {bumps: [{share: 60%, at: 08:30, sd: 5min}]}}
            platforms:
              - {id: lms, pools: web}
            pools:
              - {id: web, servers: 1, service_time: 100ms}

            """
        #expect(diagnostics(text).contains { $0.message.contains("add up to 60%") })
    }

    @Test("real parameters and numbers are never called counts", arguments: [
        ("lognormal(mean: 1s, cv: .inf)", "`.inf` is not a number"),
        ("lognormal(mean: 1s, cv: nan)", "`nan` is not a number"),
        ("lognormal(mean: 1s, cv: NaN)", "`NaN` is not a number"),
        ("lognormal(mu: x, sigma: 1)", "`x` is not a number"),
        ("gamma(shape: 2k2, scale: 1s)", "in number `2k2`"),
        ("weibull(shape: infinity, scale: 1s)", "`infinity` is not a number"),
    ])
    func realsAreNumbers(distribution: String, message: String) {
        let found = diagnostics(minimalModel.replacingOccurrences(of: "exponential(mean: 0.5s)", with: distribution))
        #expect(found.contains { $0.message.contains(message) }, "\(found.map(\.description))")
        #expect(!found.contains { $0.message.contains("count") || $0.message.contains("unknown distribution") }, "\(found.map(\.description))")
    }

    @Test("Int(saturating:) equals Int(_:) where that does not trap, and saturates elsewhere")
    func saturating() {
        for x in [0.0, -0.0, 1.9, -1.9, 1e15, -1e15, 0x1p62] { #expect(Int(saturating: x) == Int(x)) }
        #expect(Int(saturating: .infinity) == .max)
        #expect(Int(saturating: 1e300) == .max)
        #expect(Int(saturating: 0x1p63) == .max)
        #expect(Int(saturating: -.infinity) == .min)
        #expect(Int(saturating: .nan) == 0)
    }
}
