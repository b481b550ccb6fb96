/// A time of day in seconds since midnight, written `HH:MM:SS`.
///
/// Simulation time is seconds from the scenario start; planners read clock times. The
/// timeseries files carry both so neither has to be recomputed. Hours run past 23 for a
/// run that crosses midnight (`25:30:00` is 01:30 the next day), so the column still sorts.
public struct ClockTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since midnight of the scenario's date (may exceed 86 400).
    public let secondsOfDay: Double

    public init(secondsOfDay: Double) {
        self.secondsOfDay = secondsOfDay
    }

    /// The clock time `seconds` after a scenario start at `origin`.
    public init(origin: ClockTime, plus seconds: Double) {
        self.secondsOfDay = origin.secondsOfDay + seconds
    }

    /// Midnight: the origin when a scenario's times are already times of day.
    public static let midnight = ClockTime(secondsOfDay: 0)

    /// Reads `HH:MM:SS` or `HH:MM`; `nil` for anything else.
    public init?(parsing text: some StringProtocol) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        var values: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.allSatisfy(\.isASCIIDigit), let value = Int(part) else {
                return nil
            }
            values.append(value)
        }
        let seconds = values.count == 3 ? values[2] : 0
        guard values[1] < 60, seconds < 60 else { return nil }
        self.secondsOfDay = Double(values[0] * 3600 + values[1] * 60 + seconds)
    }

    /// `HH:MM:SS`, truncating fractions of a second (the `_s` column keeps them).
    public var description: String { format(withSeconds: true) }

    /// `HH:MM`, for chart axes.
    public var hoursMinutes: String { format(withSeconds: false) }

    public static func < (lhs: ClockTime, rhs: ClockTime) -> Bool {
        lhs.secondsOfDay < rhs.secondsOfDay
    }

    private func format(withSeconds: Bool) -> String {
        guard secondsOfDay.isFinite else { return "" }
        let total = Int(secondsOfDay.rounded(.down))
        let sign = total < 0 ? "-" : ""
        let magnitude = abs(total)
        let hours = magnitude / 3600
        let minutes = (magnitude % 3600) / 60
        let seconds = magnitude % 60
        let hm = "\(sign)\(twoDigits(hours)):\(twoDigits(minutes))"
        return withSeconds ? "\(hm):\(twoDigits(seconds))" : hm
    }

    private func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
