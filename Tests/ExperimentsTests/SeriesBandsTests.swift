import Foundation
@testable import Experiments
import Output
import Stochastics
import Testing

/// series-<kind>.csv: each cell is the mean over replications of that interval's value,
/// with the Student-t 95% band, worked out here by hand.
@Suite("series averaged over replications, one table per entity kind")
struct SeriesBandsTests {
    static func replication(_ platform: [Double], _ pool: [Double]) -> SeriesBands.Replication {
        var r = SeriesBands.Replication(interval: 300, intervalCount: 2, series: [])
        r.series = [("platform", "lms", "sessions", platform), ("pool", "web", "utilization", pool)]
        return r
    }

    @Test("mean and t band per interval; NaN left out; tables in kind order; rows by policy, entity, interval")
    func handWorked() {
        let base = [Self.replication([1, 10], [0.5, .nan]), Self.replication([2, 10], [0.7, .nan]), Self.replication([3, 10], [0.9, 0.4])]
        let other = [Self.replication([4, 4], [0.1, 0.1])]
        let tables = SeriesBands.tables(scenario: "s", policies: [("base", base), ("cap", other)])
        #expect(tables.map(\.kind) == [.platform, .pool])
        #expect(tables.map(\.fileName) == ["series-platform.csv", "series-pool.csv"])
        let platform = tables[0]
        #expect(platform.metrics == ["sessions"])
        #expect(platform.header == ["scenario", "policy", "interval_start_clock", "interval_start_s", "entity_id",
                                    "sessions", "sessions_ci95_low", "sessions_ci95_high"])
        #expect(platform.rows.map(\.policy) == ["base", "base", "cap", "cap"])
        #expect(platform.rows.map(\.intervalStart) == [0, 300, 0, 300])
        // 1, 2, 3: mean 2, s = 1, half-width t(0.975, 2) · 1/√3 = 4.302653 / 1.732051.
        let first = platform.rows[0].cells[0]
        let halfWidth = 4.302652729749464 / 3.0.squareRoot()
        #expect(first.mean == 2)
        #expect(abs(first.low! - (2 - halfWidth)) < 1e-9 && abs(first.high! - (2 + halfWidth)) < 1e-9)
        // Equal values: a band of width 0.
        #expect(platform.rows[1].cells[0] == .init(mean: 10, low: 10, high: 10))
        // One replication: a mean, no band.
        #expect(platform.rows[2].cells[0] == .init(mean: 4, low: nil, high: nil))
        // Two NaN and one value: the mean of what there is, no band.
        let pool = tables[1]
        #expect(pool.rows[1].cells[0] == .init(mean: 0.4, low: nil, high: nil))
        #expect(abs(pool.rows[0].cells[0].mean! - 0.7) < 1e-12)
    }
}
