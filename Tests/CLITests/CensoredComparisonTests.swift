import Foundation
import Output
import Testing

/// On `models/retry-storm.yaml`, the model's own header says what happens (5 replications,
/// seed 20211): without a policy the platform is overloaded from 09:01 and never recovers;
/// with `session_cap` it is never overloaded (it refuses instead); `retry_limit` and
/// `client_policies` recover. A comparison must show these censored outcomes as what they
/// are, in comparison.csv and on stdout, and rank them: never saturated best, never
/// recovered worst. Before, both read "n/a" with no rank.
@Suite("compare: censored saturation times are explicit and ranked")
struct CensoredComparisonTests {
    static let metrics = ["saturated_until_clock_s@lms", "overloaded_until_clock_s@lms", "overload_onset_clock_s@lms"]

    @Test("retry-storm: base never recovered (worst), session_cap never overloaded (best), ties share a rank")
    func retryStorm() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("affluence-censored-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = CLIRunner.repositoryRoot.appendingPathComponent("models/retry-storm.yaml").path
        let outcome = try CLIRunner.run(["compare", model, "--replications", "3", "--seed", "20211", "--jobs", "2",
                                         "--out", folder.path] + Self.metrics.flatMap { ["--metric", $0] })
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let table = try CSVReader.table(at: folder.appendingPathComponent("comparison.csv"))
        func row(_ policy: String, _ metric: String) throws -> CSVRecord {
            try #require(table.records.first { $0.text("policy") == policy && $0.text("metric") == metric }, "\(policy) \(metric)")
        }
        let policies = ["base", "retry_limit", "session_cap", "client_policies"]

        // Still overloaded at 11:30 in every run: the worst rank, no mean, share 1.
        for metric in ["saturated_until_clock_s", "overloaded_until_clock_s"] {
            let base = try row("base", metric)
            #expect(base.number("share_not_recovered") == 1)
            #expect(base.number("share_never_saturated") == 0)
            #expect(base.text("mean") == "")
            #expect(base.number("rank") == Double(policies.count), "\(metric): base is last")
            #expect(base.text("entity_kind") == "platform")
        }
        // Never overloaded: the best rank on both ends of overload.
        let capped = try row("session_cap", "overloaded_until_clock_s")
        #expect(capped.number("share_never_saturated") == 1)
        #expect(capped.number("rank") == 1)
        #expect(try row("session_cap", "overload_onset_clock_s").number("rank") == 1)
        #expect(try row("session_cap", "overload_onset_clock_s").text("share_not_recovered") == "", "an onset has no end to miss")
        // retry_limit recovers: a clock time between the two censored outcomes.
        let limited = try row("retry_limit", "overloaded_until_clock_s")
        let until = try #require(limited.number("mean"))
        #expect(until > 9 * 3600 && until < 11.5 * 3600)
        #expect(limited.number("rank")! > 1 && limited.number("rank")! < Double(policies.count))
        // base and retry_limit are both overloaded from 09:01 in every run: equal onsets share a rank.
        let onsetRanks = try ["base", "retry_limit"].map { try row($0, "overload_onset_clock_s").number("rank") }
        #expect(onsetRanks[0] == onsetRanks[1], "equal onsets tie")
        // Each policy's description travels with it.
        #expect(try row("retry_limit", "overload_onset_clock_s").text("policy_description") == "at most 2 retries per visit and 2 reloads per page")
        #expect(try row("base", "overload_onset_clock_s").text("policy_description") == "")

        // stdout says the same in words.
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        let overloadedUntil = try #require(lines.firstIndex { $0.hasPrefix("overloaded_until_clock_s@lms") })
        let section = lines[overloadedUntil...].prefix(6)
        #expect(section.contains { $0.hasPrefix("1 ") && $0.contains("session_cap") && $0.contains("never saturated (3/3)") }, "\(section)")
        #expect(section.contains { $0.hasPrefix("4 ") && $0.contains("base") && $0.contains("not recovered (3/3)") }, "\(section)")
        #expect(section.contains { $0.contains("retry_limit") && $0.contains("09:") && $0.contains("none (censored runs)") }, "\(section)")
    }
}
