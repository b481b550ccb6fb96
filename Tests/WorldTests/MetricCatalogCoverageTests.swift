import Scenario
import Testing
import World

/// The catalogue (``MetricCatalog``) against what the simulator writes: every figure a
/// shipped model emits has an entry for its kind and scope, with the entry's unit, and
/// every entry is emitted by one of these models, so neither can change without the other.
@Suite("The metric catalogue against real runs")
struct MetricCatalogCoverageTests {
    /// One replication each, chosen so every feature that adds metrics runs at least once:
    /// a session cap (P1, the file's gate), a waiting room (P2), a token bucket (P4), time
    /// windows (P5), client policies (P6, retry-storm), retry amplification (retry-storm's `amplified`), attacks with bursts (CNED), a pool
    /// with a service level (Erlang C, shortened).
    static let runs: [(file: String, policy: String?, overrides: [(String, String)])] = [
        ("ile-de-france-quota-policies.yaml", nil, [("sample", "1%")]),
        ("ile-de-france-quota-policies.yaml", "P2", [("sample", "1%")]),
        ("ile-de-france-quota-policies.yaml", "P4", [("sample", "1%")]),
        ("ile-de-france-quota-policies.yaml", "P5", [("sample", "1%")]),
        ("ile-de-france-quota-policies.yaml", "P6", [("sample", "1%")]),
        ("retry-storm.yaml", nil, []),
        ("retry-storm.yaml", "amplified", []),
        ("cned-2021-04-06-attack.yaml", nil, [("sample", "1%")]),
        ("validation/mmc-erlang-c.yaml", nil, [("duration", "8h"), ("warmup", "1h")]),
    ]

    struct Emitted: Hashable { let name: String; let kind: EntityKind; let series: Bool }

    @Test("every emitted figure is catalogued with its unit, and every catalogued figure is emitted")
    func catalogueMatchesRuns() throws {
        var emitted: Set<Emitted> = []
        for r in Self.runs {
            let scenario = try Models.load(r.file, r.overrides, policy: r.policy)
            let run = try #require(try replicate(scenario, 1, jobs: 1).first)
            for s in run.series {
                #expect(MetricCatalog.isSeries(s.metric, of: s.kind), "\(r.file): \(s.kind) series \(s.metric) is not catalogued")
                emitted.insert(Emitted(name: s.metric, kind: s.kind, series: true))
            }
            for v in run.summary {
                #expect(MetricCatalog.isSummary(v.metric, of: v.kind), "\(r.file): \(v.kind) summary \(v.metric) is not catalogued")
                #expect(v.unit == MetricCatalog.spec(v.metric)?.unit.csv, "\(v.metric): unit \(v.unit)")
                let name = MetricCatalog.spec(v.metric)?.name ?? v.metric
                emitted.insert(Emitted(name: name, kind: v.kind, series: false))
            }
        }
        for m in MetricCatalog.all {
            for kind in m.summaryKinds {
                #expect(emitted.contains(Emitted(name: m.name, kind: kind, series: false)), "\(kind) summary \(m.name) is never emitted")
            }
            for kind in m.seriesKinds {
                #expect(emitted.contains(Emitted(name: m.name, kind: kind, series: true)), "\(kind) series \(m.name) is never emitted")
            }
        }
    }
}
