import Testing
@testable import Scenario

/// `label:`: a name for people on every entity, shown by the report and the stdout summary.
@Suite("entity labels")
struct LabelTests {
    static let labelled = """
        version: 1
        start: 08:00
        end: 10:00
        segments:
          - {id: idf-secondary, label: "Île-de-France: lycées", size: 100k, platforms: ent, intent: {bumps: [{at: 08:10, sd: 25min}]}}
        sources:
          - {id: probes, label: Monitoring probes, rate: 1/s, pool: ode_idf}
        platforms:
          - {id: ent, label: "Île-de-France (monlycee.net / ENT IdF)", pools: [ode_idf], gate: [quota], sso: sso}
        pools:
          - {id: ode_idf, label: ENT IdF servers, servers: 100, service_time: 50ms}
          - {id: sso, servers: 10, service_time: 50ms}
        services:
          - {id: sso, label: ÉduConnect, pool: sso}
        gates:
          - {id: quota, label: "Quota: 300k sessions", session_cap: {max_sessions: 300k}}
        attacks:
          - {id: ddos, label: DDoS on the ENT, target: ode_idf, rate: 100/s, windows: [{from: 09:00, to: 09:30}]}

        """

    @Test("every entity kind takes a label; unlabelled ones keep their id only")
    func decodes() throws {
        let s = try load(Self.labelled)
        #expect(s.platforms.first?.label == "Île-de-France (monlycee.net / ENT IdF)")
        #expect(s.pools.map(\.label) == ["ENT IdF servers", nil])
        #expect(s.segments.first?.label == "Île-de-France: lycées")
        #expect(s.services.first?.label == "ÉduConnect")
        #expect(s.sources.first?.label == "Monitoring probes")
        #expect(s.gates.first?.label == "Quota: 300k sessions")
        #expect(s.attacks.first?.label == "DDoS on the ENT")
        #expect(s.labels == [
            "platform": ["ent": "Île-de-France (monlycee.net / ENT IdF)"], "pool": ["ode_idf": "ENT IdF servers"],
            "segment": ["idf-secondary": "Île-de-France: lycées"], "service": ["sso": "ÉduConnect"],
            "source": ["probes": "Monitoring probes"], "gate": ["quota": "Quota: 300k sessions"],
            "attack": ["ddos": "DDoS on the ENT"],
        ])
        #expect(try load(minimalModel).labels.isEmpty)
    }

    @Test("a label that is not text is an error at its line and column")
    func notText() throws {
        let text = Self.labelled.replacingOccurrences(of: "label: ENT IdF servers", with: "label: [ENT, IdF]")
        let found = diagnostics(text)
        let d = try #require(found.first)
        #expect(found.count == 1)
        #expect(d.location.line == 11)
        #expect(d.location.column == "  - {id: ode_idf, label: ".count + 1)
        #expect(d.description.contains("expected text"))
    }

    @Test("a misspelt label key is an unknown key with a suggestion")
    func misspelt() throws {
        let text = Self.labelled.replacingOccurrences(of: "label: ÉduConnect", with: "lable: ÉduConnect")
        let d = try #require(diagnostics(text).first)
        #expect(d.message.contains("lable"))
        #expect(d.description.contains("label"))
    }
}
