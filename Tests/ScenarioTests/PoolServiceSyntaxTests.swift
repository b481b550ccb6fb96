import Testing
@testable import Scenario

/// `servers: unlimited` and `service_level:`: what the loader accepts, and the located
/// errors for settings that have no meaning together.
@Suite("pool syntax: unlimited servers and service levels")
struct PoolServiceSyntaxTests {
    static func model(_ pool: String) -> String {
        """
        version: 1
        duration: 1h
        sources:
          - {id: arrivals, rate: 1/s, pool: server}
        pools:
          - {id: server, service_time: exponential(mean: 0.5s), \(pool)}

        """
    }

    @Test("`servers: unlimited` loads as an unlimited pool with no servers to count")
    func unlimited() throws {
        let pool = try #require(try load(Self.model("servers: unlimited")).pools.first)
        #expect(pool.unlimited && pool.servers == 0)
        let counted = try #require(try load(Self.model("servers: 4")).pools.first)
        #expect(!counted.unlimited && counted.servers == 4)
    }

    @Test("a setting about a finite number of servers is a located error on an unlimited pool",
          arguments: ["workers_per_server: 4", "queue_limit: 10", "drop_expired: true",
                      "capacity_schedule: [{at: 00:30, servers: 4}]", "autoscaling: {max: 8}"])
    func meaningless(_ setting: String) {
        let found = diagnostics(Self.model("servers: unlimited, \(setting)"))
        let key = String(setting.prefix { $0 != ":" })
        #expect(found.count == 1, "\(found)")
        let d = try? #require(found.first)
        #expect(d?.message.contains("`\(key)` has no meaning for a pool with `servers: unlimited`") == true, "\(found)")
        #expect(d?.location.line == 6)
        #expect(d?.location.column ?? 0 > 60, "the error points at the key's value, not the pool")
    }

    @Test("a misspelt `unlimited` says what is accepted", arguments: ["infinite", "unlimted", "Unlimited"])
    func misspelt(_ word: String) {
        let found = diagnostics(Self.model("servers: \(word)"))
        #expect(found.count == 1 && found.first?.expected == "a whole number ≥ 1, or `unlimited`", "\(found)")
    }

    @Test("service_level reads its thresholds as durations; it needs one, and a positive response")
    func serviceLevel() throws {
        let pool = try #require(try load(Self.model("servers: 2, service_level: {wait: 20s, response: 2s}")).pools.first)
        #expect(pool.serviceLevel == Pool.ServiceLevel(wait: 20, response: 2))
        let waitOnly = try #require(try load(Self.model("servers: 2, service_level: {wait: 0s}")).pools.first)
        #expect(waitOnly.serviceLevel == Pool.ServiceLevel(wait: 0, response: nil))
        for (bad, message) in [("service_level: {}", "sets no threshold"), ("service_level: {response: 0s}", "must be positive"),
                               ("service_level: {wait: -1s}", "negative duration"), ("service_level: {wiat: 2s}", "did you mean `wait`")] {
            let found = diagnostics(Self.model("servers: 2, \(bad)"))
            #expect(found.count == 1 && found[0].location.line == 6, "\(bad): \(found)")
            #expect(found.first?.description.contains(message) == true, "\(bad): \(found)")
        }
    }

    @Test("decidable_within is an amount or a share of a `value`, and positive")
    func decidableWithin() throws {
        let ok = try load(Self.model("servers: 2") + "expect: [{metric: utilization, entity: server, value: 0.5, tolerance: 2%, decidable_within: 10%}]")
        #expect(ok.expectations.first?.decidableWithin == .relative(0.1))
        let absolute = try load(Self.model("servers: 2") + "expect: [{metric: mean_wait, entity: server, value: 1s, decidable_within: 0.2s}]")
        #expect(absolute.expectations.first?.decidableWithin == .absolute(0.2))
        for bad in ["{metric: utilization, entity: server, max: 0.9, decidable_within: 10%}",
                    "{metric: utilization, entity: server, value: 0.5, decidable_within: 0%}",
                    "{metric: utilization, entity: server, value: 0.5, decidable_within: ci95}"] {
            let found = diagnostics(Self.model("servers: 2") + "expect: [\(bad)]")
            #expect(found.count == 1 && found[0].location.line == 7, "\(bad): \(found)")
        }
    }
}
