/// A scatter plot: points in a plane, each drawn as a filled dot (highlighted) or a small
/// hollow one, with an optional horizontal reference line (a cutoff). The calibration
/// page uses it for pairs of parameters (plausible points against ruled-out ones) and for
/// the implausibility of each point against one parameter.
public struct ScatterChart: Sendable {
    public struct Point: Sendable {
        public var x: Double
        public var y: Double
        public var highlighted: Bool

        public init(x: Double, y: Double, highlighted: Bool) {
            self.x = x
            self.y = y
            self.highlighted = highlighted
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var points: [Point]
    /// The axes' ranges (a parameter's whole range, not only where points fell).
    public var xRange: ClosedRange<Double>
    public var yRange: ClosedRange<Double>
    /// A horizontal line and its label (the implausibility cutoff).
    public var reference: (y: Double, label: String)?
    /// Legend words for highlighted and other points.
    public var legend: (highlighted: String, other: String)

    public init(title: String, xLabel: String, yLabel: String, points: [Point], xRange: ClosedRange<Double>,
                yRange: ClosedRange<Double>, reference: (y: Double, label: String)? = nil,
                legend: (highlighted: String, other: String)) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.points = points
        self.xRange = xRange
        self.yRange = yRange
        self.reference = reference
        self.legend = legend
    }

    public func render() -> String {
        let width = 380.0, height = 320.0
        let left = 58.0, right = 14.0, top = 30.0, bottom = 66.0
        var canvas = SVGCanvas(width: width, height: height, label: title)
        let xs = SVGAxis.niceScale(low: xRange.lowerBound, high: xRange.upperBound, count: 5)
        let ys = SVGAxis.niceScale(low: yRange.lowerBound, high: yRange.upperBound, count: 5)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func px(_ x: Double) -> Double { left + (x - xs.lower) / max(xs.upper - xs.lower, 1e-300) * plotWidth }
        func py(_ y: Double) -> Double { top + plotHeight - (min(max(y, ys.lower), ys.upper) - ys.lower) / max(ys.upper - ys.lower, 1e-300) * plotHeight }
        canvas.text(title, x: left, y: 18, size: 13, weight: "bold")
        for tick in xs.ticks {
            canvas.line(x1: px(tick), y1: top, x2: px(tick), y2: top + plotHeight, stroke: SVGStyle.gridColour)
            canvas.text(SVGText.tick(tick, step: xs.step), x: px(tick), y: top + plotHeight + 14, anchor: "middle", size: 10)
        }
        for tick in ys.ticks {
            canvas.line(x1: left, y1: py(tick), x2: left + plotWidth, y2: py(tick), stroke: SVGStyle.gridColour)
            canvas.text(SVGText.tick(tick, step: ys.step), x: left - 4, y: py(tick) + 3, anchor: "end", size: 10)
        }
        canvas.text(xLabel, x: left + plotWidth / 2, y: top + plotHeight + 30, anchor: "middle", size: 11)
        canvas.text(yLabel, x: 14, y: top + plotHeight / 2, anchor: "middle", size: 11, rotate: true)
        if let reference {
            canvas.line(x1: left, y1: py(reference.y), x2: left + plotWidth, y2: py(reference.y), stroke: SVGStyle.colour(1), width: 1.5)
            canvas.text(reference.label, x: left + plotWidth - 2, y: py(reference.y) - 4, anchor: "end", size: 10, fill: SVGStyle.colour(1))
        }
        let c = SVGText.coordinate
        // Ruled-out points first, so the plausible ones are drawn on top.
        for point in points where !point.highlighted {
            canvas.add("<circle cx=\"\(c(px(point.x)))\" cy=\"\(c(py(point.y)))\" r=\"2.2\" fill=\"none\" stroke=\"#8a8a8a\"/>")
        }
        for point in points where point.highlighted {
            canvas.add("<circle cx=\"\(c(px(point.x)))\" cy=\"\(c(py(point.y)))\" r=\"3\" fill=\"\(SVGStyle.colour(0))\"/>")
        }
        let legendY = height - 14
        canvas.add("<circle cx=\"\(c(left + 5))\" cy=\"\(c(legendY - 4))\" r=\"3\" fill=\"\(SVGStyle.colour(0))\"/>")
        canvas.text(legend.highlighted, x: left + 12, y: legendY, size: 10)
        canvas.add("<circle cx=\"\(c(left + 165))\" cy=\"\(c(legendY - 4))\" r=\"2.2\" fill=\"none\" stroke=\"#8a8a8a\"/>")
        canvas.text(legend.other, x: left + 172, y: legendY, size: 10)
        return canvas.render()
    }
}
