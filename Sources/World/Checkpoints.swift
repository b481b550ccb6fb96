/// The clock times at which the share of users already in is reported
/// (`share_in_by_0800` …): the summary has one per checkpoint inside the run's window.
public enum Checkpoints {
    public static let clocks: [Double] = [8, 9, 10, 12, 14].map { $0 * 3600 }

    /// The checkpoints a run from `start` to `end` (clock seconds) reports.
    public static func inside(start: Double, end: Double) -> [Double] {
        clocks.filter { $0 > start && $0 <= end }
    }

    /// The summary metric of the checkpoint at `clock` seconds: `share_in_by_0900`.
    public static func metricName(clock: Double) -> String {
        let c = Int(clock.rounded())
        let h = c / 3600, m = (c % 3600) / 60
        return "share_in_by_" + (h < 10 ? "0" : "") + String(h) + (m < 10 ? "0" : "") + String(m)
    }

    /// The `share_in_by_HHMM` metrics a run from `start` to `end` reports, in clock order.
    public static func metricNames(start: Double, end: Double) -> [String] {
        inside(start: start, end: end).map(metricName(clock:))
    }
}
