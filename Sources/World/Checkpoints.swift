/// The clock times at which the share of users already in is reported
/// (`share_in_by_0800` …): the summary has one per checkpoint inside the run's window.
public enum Checkpoints {
    public static let clocks: [Double] = [8, 9, 10, 12, 14].map { $0 * 3600 }

    /// The checkpoints a run from `start` to `end` (clock seconds) reports.
    public static func inside(start: Double, end: Double) -> [Double] {
        clocks.filter { $0 > start && $0 <= end }
    }
}
