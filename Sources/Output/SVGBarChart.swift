/// Bars with 95% confidence error bars: one bar per category (policy).
///
/// Handles negative values (paired differences), drawing bars from zero either way.
public struct BarChart: Sendable {
    public struct Bar: Sendable, Hashable {
        public var label: String
        public var value: Double
        /// Half-width of the 95% interval; `nil` draws no error bar.
        public var halfWidth: Double?
        /// Drawn hatched, e.g. the baseline policy.
        public var emphasised: Bool

        public init(label: String, value: Double, halfWidth: Double?, emphasised: Bool = false) {
            self.label = label
            self.value = value
            self.halfWidth = halfWidth
            self.emphasised = emphasised
        }
    }

    public var title: String
    public var yLabel: String
    public var bars: [Bar]

    public init(title: String, yLabel: String, bars: [Bar]) {
        self.title = title
        self.yLabel = yLabel
        self.bars = bars
    }

    public func render() -> String {
        let left = 72.0, right = 20.0, top = 34.0, plotHeight = 200.0
        let width = SVGStyle.width
        let plotWidth = width - left - right
        let bottomOfPlot = top + plotHeight
        let height = bottomOfPlot + 48
        var canvas = SVGCanvas(width: width, height: height, label: title)
        canvas.add("<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#bcd3e6\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#0072B2\" stroke-width=\"2\"/></pattern></defs>")

        let extremes = bars.flatMap { bar in
            [bar.value, bar.value + (bar.halfWidth ?? 0), bar.value - (bar.halfWidth ?? 0)]
        }.filter(\.isFinite)
        let scale = SVGAxis.niceScale(low: min(extremes.min() ?? 0, 0), high: max(extremes.max() ?? 1, 0))
        let py: (Double) -> Double = {
            bottomOfPlot - ($0 - scale.lower) / (scale.upper - scale.lower) * plotHeight
        }

        canvas.text(title, x: left, y: 20, size: 14, weight: "bold")
        for tick in scale.ticks {
            canvas.line(x1: left, y1: py(tick), x2: left + plotWidth, y2: py(tick), stroke: SVGStyle.gridColour)
            canvas.text(SVGText.tick(tick, step: scale.step), x: left - 6, y: py(tick) + 4, anchor: "end", size: 11)
        }
        canvas.text(yLabel, x: 16, y: top + plotHeight / 2, anchor: "middle", size: 11, rotate: true)

        let slot = plotWidth / Double(max(bars.count, 1))
        let barWidth = min(slot * 0.6, 90)
        let zero = py(0)
        for (index, bar) in bars.enumerated() {
            let centre = left + slot * (Double(index) + 0.5)
            let y = py(bar.value)
            let fill = bar.emphasised ? "url(#hatch)" : "#0072B2"
            let c = SVGText.coordinate
            let yTop = min(y, zero), barHeight = abs(zero - y)
            canvas.add("<path class=\"bar\" d=\"M\(c(centre - barWidth / 2)),\(c(yTop)) h\(c(barWidth)) v\(c(barHeight)) h\(c(-barWidth)) Z\" fill=\"\(fill)\" stroke=\"#1a1a1a\" stroke-width=\"0.8\"><title>\(SVGText.escape(bar.label)): \(SVGText.figure(bar.value))</title></path>")
            if let half = bar.halfWidth, half.isFinite, half > 0 {
                let high = py(bar.value + half), low = py(bar.value - half)
                canvas.add("<path class=\"errorbar\" d=\"M\(c(centre)),\(c(high)) V\(c(low)) M\(c(centre - 8)),\(c(high)) h16 M\(c(centre - 8)),\(c(low)) h16\" stroke=\"#1a1a1a\" stroke-width=\"1.5\" fill=\"none\"/>")
            }
            let valueText = SVGText.figure(bar.value) + (bar.halfWidth.map { $0.isFinite ? " ± " + SVGText.figure($0, digits: 2) : "" } ?? "")
            let labelY = bar.value >= 0 ? min(y, py(bar.value + (bar.halfWidth ?? 0))) - 5 : max(y, py(bar.value - (bar.halfWidth ?? 0))) + 13
            canvas.text(valueText, x: centre, y: labelY, anchor: "middle", size: 10)
            canvas.text(Self.shortened(bar.label), x: centre, y: bottomOfPlot + 32, anchor: "middle", size: 11)
        }
        canvas.line(x1: left, y1: zero, x2: left + plotWidth, y2: zero, stroke: SVGStyle.textColour)
        canvas.line(x1: left, y1: top, x2: left, y2: bottomOfPlot, stroke: SVGStyle.textColour)
        return canvas.render()
    }

    static func shortened(_ label: String, limit: Int = 22) -> String {
        label.count <= limit ? label : String(label.prefix(limit - 1)) + "…"
    }
}
