import ArgumentParser
import Experiments
import Foundation
import Output
import Scenario

/// `affluence estimate MODEL`: the analytic twin — per pool and interval, the offered load
/// the demand curves imply, Erlang C/A waits and square-root staffing — in milliseconds;
/// with `--exact`, the exact transient twin of a Markovian model as well.
struct EstimateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "estimate",
        abstract: "Analytic twin: offered load, Erlang C/A wait and servers needed per pool and interval (no simulation).")

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var policyOption: PolicyOption
    @Option(help: "Square-root staffing's β: servers for a + β√a erlangs (1: P(wait) ≈ 22%; 2: ≈ 3%).") var beta: Double = 1
    @Flag(help: "Also solve the exact transient twin (Kolmogorov forward equations) of a Markovian model: exact.csv.")
    var exact = false
    @OptionGroup var output: OutputOptions

    var model: String { scenario.model }

    static let header = [
        "scenario", "pool", "interval_start_clock", "interval_start_s", "arrival_rate_per_s", "offered_load",
        "psa_offered_load", "workers", "utilization", "wait_s", "psa_wait_s", "servers_needed",
    ]

    func validate() throws {
        if !(beta >= 0 && beta.isFinite) { throw ValidationError("--beta must be a number ≥ 0 (got \(beta))") }
    }

    func run() throws {
        let scenario = try self.scenario.load(policy: policyOption.policy)
        let clock = ContinuousClock()
        let started = clock.now
        let twin: AnalyticTwin
        do { twin = try AnalyticTwin(scenario, beta: beta) } catch { throw CommandFailure("\(model): \(error)") }
        let milliseconds = (clock.now - started).seconds * 1000
        let origin = ClockTime(secondsOfDay: scenario.start)
        let dialect = output.csvDialect
        var folder = try RunFolder(url: output.folder(default: "runs/\(self.scenario.name)-estimate"), dialect: dialect, clockOrigin: origin)
        let records = twin.pools.map { p -> [CSVField] in
            [.text(scenario.name), .text(p.pool), .text(ClockTime(origin: origin, plus: p.start).description), .number(p.start),
             .number(p.arrivalRate), .number(p.offeredLoad), .number(p.psaOfferedLoad),
             p.workers == .max ? .empty : .integer(p.workers),  // `.max`: unlimited
             .number(p.workers > 0 && p.workers < .max ? p.offeredLoad / Double(p.workers) : nil), .number(p.wait.isFinite ? p.wait : nil),
             .number(p.psaWait.isFinite ? p.psaWait : nil), .integer(p.serversNeeded)]
        }
        try folder.write("estimate.csv") { sink in
            try CSVTables.write(header: Self.header, records: records, dialect: dialect, to: &sink)
        }
        let exactTwin: ExactTwin?
        if exact {
            do { exactTwin = try ExactTwin(scenario) } catch { throw CommandFailure("\(model): \(error)") }
            try folder.write("exact.csv") { sink in try ExactTwinTable.write(exactTwin!, scenario: scenario, origin: origin, dialect: dialect, to: &sink) }
        } else {
            exactTwin = nil
        }
        if output.json {
            print(CommandJSON.estimate(twin, scenario: scenario, path: model, folder: folder.url, written: folder.written,
                                       wallTimeMilliseconds: milliseconds).rendered())
            return
        }
        if output.quiet { return }
        print(EstimateTable(scenario: scenario, twin: twin).text)
        if let exactTwin { print(ExactTwinTable.summary(exactTwin, scenario: scenario, origin: origin)) }
        print(String(format: "analytic twin in %.1f ms; wrote %@ in %@", milliseconds, folder.written.joined(separator: ", "), folder.url.path))
    }
}

/// Per pool: the peak offered load and when, the wait there, the servers it has and needs.
struct EstimateTable {
    let scenario: Scenario
    let twin: AnalyticTwin

    var text: String {
        var lines = ["Analytic twin (infinite-server offered load; Erlang C, or A with exponential patience; square-root staffing β = \(twin.beta))"]
        let header = ["pool", "peak load (erl)", "at", "workers", "peak util", "wait at peak", "PSA wait at peak", "servers now", "servers needed"]
        var rows: [[String]] = []
        for pool in scenario.pools {
            let intervals = twin.pools.filter { $0.pool == pool.id }
            guard let peak = intervals.max(by: { $0.offeredLoad < $1.offeredLoad }) else { continue }
            let clock = Int((scenario.start + peak.start).rounded())
            let wait = { (w: Double) in w.isFinite ? (w < 1e-4 ? "< 0.1 ms" : String(format: "%.3g s", w)) : "∞ (overloaded)" }
            rows.append([pool.id, String(format: "%.1f", peak.offeredLoad), String(format: "%02d:%02d", clock / 3600, (clock % 3600) / 60),
                         pool.unlimited ? "unlimited" : "\(peak.workers)",
                         pool.unlimited ? "–" : String(format: "%.0f%%", peak.workers > 0 ? 100 * peak.offeredLoad / Double(peak.workers) : 0),
                         wait(peak.wait), wait(peak.psaWait), pool.unlimited ? "unlimited" : "\(pool.servers)", "\(twin.peakServersNeeded(pool: pool.id))"])
        }
        let widths = header.indices.map { c in max(header[c].count, rows.map { $0[c].count }.max() ?? 0) + 2 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined()
        }
        lines.append(line(header))
        lines += rows.map(line)
        for platform in scenario.platforms {
            if let peak = twin.platforms.filter({ $0.platform == platform.id }).max(by: { $0.sessions < $1.sessions }) {
                let clock = Int((scenario.start + Double(peak.interval) * twin.interval).rounded())
                lines.append(String(format: "platform %@: peak sessions in progress %.0f at %02d:%02d (if nobody were refused)",
                                    platform.id, peak.sessions, clock / 3600, (clock % 3600) / 60))
            }
        }
        return lines.joined(separator: "\n")
    }
}
