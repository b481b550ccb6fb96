/// Policies' figures as horizontal bars with 95% error bars: one row per policy, its name
/// on the left, its figure written in a column of its own on the right, so no two labels
/// share a line and long figures never overlap.
///
/// Figures from zero are bars (shares, counts, paired differences, either sign); clock
/// times are points on a clock axis (a bar from midnight says nothing). A policy without a
/// figure keeps its row with a marker ("never saturated (3/3)") instead of disappearing.
/// The baseline alone is hatched.
public struct BarChart: Sendable {
    public struct Bar: Sendable, Hashable {
        public var label: String
        /// `nil`: no figure (censored, or none recorded); `marker` says why.
        public var value: Double?
        /// Half-width of the 95% interval; `nil` draws no error bar.
        public var halfWidth: Double?
        /// Drawn hatched: the baseline policy.
        public var emphasised: Bool
        /// Written in place of (or after) the figure: "never saturated (3/3)".
        public var marker: String?

        public init(label: String, value: Double?, halfWidth: Double?, emphasised: Bool = false, marker: String? = nil) {
            self.label = label
            self.value = value
            self.halfWidth = halfWidth
            self.emphasised = emphasised
            self.marker = marker
        }
    }

    public var title: String
    /// What the axis measures, with its unit.
    public var yLabel: String
    public var bars: [Bar]
    /// How the figures read (clock times as HH:MM, shares as %).
    public var kind: ValueFormat.Kind
    /// Paired differences against the baseline: clock times in minutes, shares in points.
    public var difference: Bool
    public var language: ReportLanguage

    public init(
        title: String, yLabel: String, bars: [Bar], kind: ValueFormat.Kind = .figure, difference: Bool = false,
        language: ReportLanguage = .en
    ) {
        self.title = title
        self.yLabel = yLabel
        self.bars = bars
        self.kind = kind
        self.difference = difference
        self.language = language
    }

    static let labelWidth = 170.0
    static let valueWidth = 180.0
    static let fontSize = 11

    /// The factor from stored units to the axis's: minutes for clock differences, percent
    /// (points) for shares.
    var displayFactor: Double {
        switch kind {
        case .clock: difference ? 1.0 / 60 : 1
        case .share: 100
        case .duration, .figure: 1
        }
    }

    /// Clock times (not their differences) are points on a clock axis.
    var isClockAxis: Bool { kind == .clock && !difference }

    /// The figure's text in the value column.
    func valueText(_ bar: Bar) -> String {
        guard let value = bar.value else { return bar.marker ?? "–" }
        var text = difference
            ? ValueFormat.difference(value, kind: kind, language: language)
            : ValueFormat.value(value, kind: kind, language: language)
        if let half = bar.halfWidth, half.isFinite, half > 0 {
            text += " ± " + ValueFormat.spread(half, kind: kind, language: language)
        }
        return text
    }

    public func render() -> String {
        let rowHeight = bars.contains { $0.value != nil && $0.marker != nil } ? 34.0 : 24.0
        let top = 34.0
        let width = SVGStyle.width
        let left = Self.labelWidth + 10
        let plotWidth = width - left - Self.valueWidth - 10
        let bottomOfPlot = top + rowHeight * Double(max(bars.count, 1))
        let height = bottomOfPlot + 44
        let c = SVGText.coordinate
        var canvas = SVGCanvas(width: width, height: height, label: title)
        canvas.add("<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#bcd3e6\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#0072B2\" stroke-width=\"2\"/></pattern></defs>")
        canvas.text(Self.shortened(title, limit: Self.characters(in: SVGStyle.width - 16, size: 13)), x: 8, y: 20, size: 13, weight: "bold")

        let factor = displayFactor
        let extremes = bars.flatMap { bar -> [Double] in
            guard let value = bar.value else { return [] }
            let half = bar.halfWidth.flatMap { $0.isFinite ? $0 : nil } ?? 0
            return [value - half, value + half].map { $0 * factor }
        }.filter(\.isFinite)
        let low: Double, high: Double, ticks: [Double], step: Double
        if isClockAxis {
            let padding = 600.0
            low = ((extremes.min() ?? 8 * 3600) - padding)
            high = max((extremes.max() ?? 9 * 3600) + padding, low + 1800)
            ticks = SVGAxis.clockTicks(low: low, high: high, maximum: 6)
            step = 0
        } else {
            let scale = SVGAxis.niceScale(low: min(extremes.min() ?? 0, 0), high: max(extremes.max() ?? 1, 0), count: 5)
            low = scale.lower
            high = scale.upper
            ticks = scale.ticks
            step = scale.step
        }
        let px: (Double) -> Double = { left + (min(max($0, low), high) - low) / (high - low) * plotWidth }

        for tick in ticks {
            canvas.line(x1: px(tick), y1: top, x2: px(tick), y2: bottomOfPlot, stroke: SVGStyle.gridColour)
            let text = isClockAxis
                ? ClockTime(secondsOfDay: tick).hoursMinutes
                : ValueFormat.decimal(SVGText.tick(tick, step: step), language)
            canvas.text(text, x: px(tick), y: bottomOfPlot + 16, anchor: "middle", size: 10)
        }
        canvas.text(yLabel, x: left + plotWidth, y: bottomOfPlot + 32, anchor: "end", size: 11)

        let zero = px(0)
        for (index, bar) in bars.enumerated() {
            let y = top + Double(index) * rowHeight
            let middle = y + min(rowHeight, 24) / 2
            canvas.text(Self.shortened(bar.label, limit: Self.characters(in: Self.labelWidth, size: Self.fontSize)), x: Self.labelWidth, y: middle + 4, anchor: "end", size: Self.fontSize)
            let fill = bar.emphasised ? "url(#hatch)" : "#0072B2"
            if let value = bar.value {
                let x = px(value * factor)
                let tip = "\(SVGText.escape(bar.label)): \(SVGText.escape(valueText(bar)))"
                if isClockAxis {
                    // A diamond at the clock time.
                    canvas.add("<path class=\"bar\" d=\"M\(c(x)),\(c(middle - 7)) l7,7 l-7,7 l-7,-7 Z\" fill=\"\(fill)\" stroke=\"#1a1a1a\" stroke-width=\"0.8\"><title>\(tip)</title></path>")
                } else {
                    let x0 = min(x, zero), w = max(abs(x - zero), 1)
                    canvas.add("<path class=\"bar\" d=\"M\(c(x0)),\(c(middle - 7)) h\(c(w)) v14 h\(c(-w)) Z\" fill=\"\(fill)\" stroke=\"#1a1a1a\" stroke-width=\"0.8\"><title>\(tip)</title></path>")
                }
                if let half = bar.halfWidth, half.isFinite, half > 0 {
                    let a = px((value - half) * factor), b = px((value + half) * factor)
                    canvas.add("<path class=\"errorbar\" d=\"M\(c(a)),\(c(middle)) H\(c(b)) M\(c(a)),\(c(middle - 5)) v10 M\(c(b)),\(c(middle - 5)) v10\" stroke=\"#1a1a1a\" stroke-width=\"1.5\" fill=\"none\"/>")
                }
                canvas.text(Self.shortened(valueText(bar), limit: Self.characters(in: Self.valueWidth - 8, size: 10)), x: width - Self.valueWidth, y: middle + 4, size: 10)
                if let marker = bar.marker {
                    canvas.text(Self.shortened(marker, limit: Self.characters(in: Self.valueWidth - 8, size: 9)), x: width - Self.valueWidth, y: middle + 17, size: 9, fill: "#444444")
                }
            } else {
                // No figure: a marker at the end of the axis, and the reason in the value column.
                let x = left + plotWidth
                canvas.add("<path class=\"marker\" d=\"M\(c(x - 10)),\(c(middle - 6)) l10,6 l-10,6 Z\" fill=\"#7F7F7F\"><title>\(SVGText.escape(bar.label)): \(SVGText.escape(bar.marker ?? "–"))</title></path>")
                canvas.text(Self.shortened(bar.marker ?? "–", limit: Self.characters(in: Self.valueWidth - 8, size: 10)), x: width - Self.valueWidth, y: middle + 4, size: 10, fill: "#444444")
            }
        }
        if !isClockAxis, low < 0 || ticks.first == 0 {
            canvas.line(x1: zero, y1: top, x2: zero, y2: bottomOfPlot, stroke: SVGStyle.textColour)
        }
        canvas.line(x1: left, y1: bottomOfPlot, x2: left + plotWidth, y2: bottomOfPlot, stroke: SVGStyle.textColour)
        return canvas.render()
    }

    /// How many characters fit in `width` at `size`, at 0.6 em a character (wider than the
    /// sans-serif average, so a label that fits here fits on the page).
    static func characters(in width: Double, size: Int) -> Int {
        Int(width / (Double(size) * 0.6))
    }

    static func shortened(_ label: String, limit: Int = 22) -> String {
        label.count <= limit ? label : String(label.prefix(limit - 1)) + "…"
    }
}
