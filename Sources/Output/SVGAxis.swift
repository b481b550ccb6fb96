/// Axis ranges and tick positions that read well: multiples of 1, 2 or 5 and clock steps.
enum SVGAxis {
    /// A value axis: Heckbert's "nice numbers" (Graphics Gems, 1990).
    struct Scale: Equatable {
        var lower: Double
        var upper: Double
        var step: Double

        var ticks: [Double] {
            guard step > 0 else { return [lower] }
            var values: [Double] = []
            var index = 0.0
            while true {
                let value = lower + index * step
                if value > upper + step * 1e-9 { break }
                values.append(abs(value) < step * 1e-9 ? 0 : value)
                index += 1
            }
            return values
        }
    }

    /// A scale covering `low…high` with about `count` ticks; degenerate ranges get padded.
    static func niceScale(low: Double, high: Double, count: Int = 6) -> Scale {
        var low = low.isFinite ? low : 0
        var high = high.isFinite ? high : 1
        if high < low { swap(&low, &high) }
        if high == low {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            low -= low == 0 ? 0 : pad
            high += pad
        }
        let range = niceNumber(high - low, round: false)
        let step = niceNumber(range / Double(max(count - 1, 1)), round: true)
        return Scale(
            lower: (low / step).rounded(.down) * step, upper: (high / step).rounded(.up) * step,
            step: step)
    }

    static func niceNumber(_ value: Double, round: Bool) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        var exponent = 0.0
        var fraction = value
        while fraction >= 10 { fraction /= 10; exponent += 1 }
        while fraction < 1 { fraction *= 10; exponent -= 1 }
        let nice: Double
        if round {
            nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        var result = nice
        if exponent > 0 {
            for _ in 0..<Int(exponent) { result *= 10 }
        } else {
            for _ in 0..<Int(-exponent) { result /= 10 }
        }
        return result
    }

    /// Clock steps a reader knows: minutes, quarter hours, hours.
    static let clockSteps: [Double] = [
        60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 14400, 21600, 43200, 86400,
    ]

    /// Tick positions (seconds of day) on whole clock steps within `low…high`, at most `maximum`.
    static func clockTicks(low: Double, high: Double, maximum: Int = 9) -> [Double] {
        let span = max(high - low, 1)
        let step = clockSteps.first(where: { span / $0 <= Double(maximum - 1) }) ?? 86400
        var value = (low / step).rounded(.up) * step
        var ticks: [Double] = []
        while value <= high + 1e-9 {
            ticks.append(value)
            value += step
        }
        if ticks.isEmpty { ticks = [low] }
        return ticks
    }
}
