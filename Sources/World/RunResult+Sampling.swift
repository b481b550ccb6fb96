extension RunResult {
    /// The result of a sampled run (``Sampling``) expressed for the full population:
    /// every extensive figure (``MetricUnit/isExtensive``: counts, levels and rates of
    /// users, sessions, requests, workers, queue places) divided by `share`; shares,
    /// ratios, flags, times, utilisations and the model's own counts (``MetricUnit/modelCount``:
    /// bursts, events) unchanged. The identity when `share` is 1.
    func scaledToPopulation(fromSample share: Double) -> RunResult {
        guard share != 1 else { return self }
        let factor = 1 / share
        func scales(_ metric: String) -> Bool {
            MetricCatalog.spec(metric)?.unit.isExtensive ?? false
        }
        let series = self.series.map { s -> Series in
            guard scales(s.metric) else { return s }
            var scaled = s
            scaled.values = s.values.map { $0 * factor }
            return scaled
        }
        let summary = self.summary.map { v in
            scales(v.metric) ? SummaryValue(kind: v.kind, entity: v.entity, metric: v.metric, unit: v.unit, value: v.value * factor) : v
        }
        let accounts = visitAccounts.map { a in
            VisitAccount(segment: a.segment, visits: a.visits * factor, leftDone: a.leftDone * factor,
                         leftForced: a.leftForced * factor, gaveUpNeverIn: a.gaveUpNeverIn * factor,
                         gaveUpAfterIn: a.gaveUpAfterIn * factor, presentAtEnd: a.presentAtEnd * factor)
        }
        var result = RunResult(scenario: scenario, startClock: startClock, interval: interval, intervalCount: intervalCount,
                               series: series, summary: summary, visitAccounts: accounts, events: events)
        result.tallies = tallies.scaled(by: factor)
        return result
    }
}

extension RunTallies {
    /// Every count multiplied by `factor` (shares built from them are unchanged).
    func scaled(by factor: Double) -> RunTallies {
        var t = self
        t.segments = segments.map { s in
            SegmentTally(segment: s.segment, platform: s.platform, firstVisits: s.firstVisits * factor,
                         firstPages: s.firstPages * factor, timeToFirstPageSum: s.timeToFirstPageSum * factor,
                         arrivedBy: s.arrivedBy.map { $0 * factor }, inBy: s.inBy.map { $0 * factor })
        }
        t.platforms = platforms.map { p in
            PlatformTally(platform: p.platform, attempts: p.attempts * factor, refused: p.refused * factor,
                          successfulLogins: p.successfulLogins * factor, forcedLogouts: p.forcedLogouts * factor)
        }
        return t
    }
}
