/// Several series over clock time, with a legend and optional min–max bands.
public struct LineChart: Sendable {
    /// One point; `y == nil` breaks the line (no figure in that interval).
    public struct Point: Sendable, Hashable {
        public var x: Double
        public var y: Double?
        public init(x: Double, y: Double?) {
            self.x = x
            self.y = y
        }
    }

    /// The spread across replications at one x.
    public struct BandPoint: Sendable, Hashable {
        public var x: Double
        public var low: Double
        public var high: Double
        public init(x: Double, low: Double, high: Double) {
            self.x = x
            self.low = low
            self.high = high
        }
    }

    public struct Series: Sendable {
        public var name: String
        public var points: [Point]
        /// Min–max across replications; empty when there was one replication.
        public var band: [BandPoint]
        public init(name: String, points: [Point], band: [BandPoint] = []) {
            self.name = name
            self.points = points
            self.band = band
        }
    }

    public var title: String
    /// The y-axis label, with its unit (`sessions`, `s`, `requests/s`).
    public var yLabel: String
    /// x values are seconds since midnight, labelled `HH:MM`.
    public var series: [Series]
    /// Start the y-axis at zero (counts, rates) rather than at the data minimum.
    public var includeZero: Bool
    /// The x-axis span (seconds of day); `nil` spans the points. The report gives every chart
    /// the run's clock window, so charts line up and a line that stops (no figure after some
    /// time) shows where it stops.
    public var xDomain: ClosedRange<Double>?
    /// The language of the axis words and the decimal sign of the ticks.
    public var language: ReportLanguage
    /// Legend entries per row: 3 short names side by side, or 1 for long ones (a policy
    /// with its description).
    public var legendColumns: Int
    /// Whether the y axis spans the lines only, bands drawn clipped to it: a 95% band of two
    /// replications is about 13 standard errors wide and would flatten every line.
    public var axisFollowsLines: Bool

    public init(
        title: String, yLabel: String, series: [Series], includeZero: Bool = true,
        xDomain: ClosedRange<Double>? = nil, language: ReportLanguage = .en, legendColumns: Int = 3,
        axisFollowsLines: Bool = false
    ) {
        self.language = language
        self.legendColumns = max(1, legendColumns)
        self.axisFollowsLines = axisFollowsLines
        self.title = title
        self.yLabel = yLabel
        self.series = series
        self.includeZero = includeZero
        self.xDomain = xDomain
    }

    public func render() -> String {
        let left = 72.0, right = 20.0, top = 34.0, plotHeight = 230.0
        let width = SVGStyle.width
        let plotWidth = width - left - right
        let legendRows = (series.count + legendColumns - 1) / legendColumns
        let bottomOfPlot = top + plotHeight
        let height = bottomOfPlot + 44 + Double(legendRows) * 18 + 8
        var canvas = SVGCanvas(width: width, height: height, label: title)

        let xs = series.flatMap { $0.points.map(\.x) + $0.band.map(\.x) }
        let ys = series.flatMap { $0.points.compactMap(\.y) + (axisFollowsLines ? [] : $0.band.flatMap { [$0.low, $0.high] }) }
            .filter(\.isFinite)
        let xLow = min(xDomain?.lowerBound ?? .infinity, xs.min() ?? 0)
        let xHigh = max(xDomain?.upperBound ?? -.infinity, xs.max() ?? 3600, xLow + 60)
        var yLow = ys.min() ?? 0
        var yHigh = ys.max() ?? 1
        if includeZero {
            yLow = min(yLow, 0)
            yHigh = max(yHigh, 0)
        }
        let scale = SVGAxis.niceScale(low: yLow, high: yHigh)
        let px: (Double) -> Double = { left + ($0 - xLow) / (xHigh - xLow) * plotWidth }
        let py: (Double) -> Double = {
            bottomOfPlot - ($0 - scale.lower) / (scale.upper - scale.lower) * plotHeight
        }

        canvas.text(title, x: left, y: 20, size: 14, weight: "bold")
        for tick in scale.ticks {
            canvas.line(x1: left, y1: py(tick), x2: left + plotWidth, y2: py(tick), stroke: SVGStyle.gridColour)
            canvas.text(ValueFormat.decimal(SVGText.tick(tick, step: scale.step), language), x: left - 6, y: py(tick) + 4, anchor: "end", size: 11)
        }
        for tick in SVGAxis.clockTicks(low: xLow, high: xHigh) {
            canvas.line(x1: px(tick), y1: bottomOfPlot, x2: px(tick), y2: bottomOfPlot + 5, stroke: SVGStyle.textColour)
            canvas.text(ClockTime(secondsOfDay: tick).hoursMinutes, x: px(tick), y: bottomOfPlot + 18, anchor: "middle", size: 11)
        }
        canvas.line(x1: left, y1: bottomOfPlot, x2: left + plotWidth, y2: bottomOfPlot, stroke: SVGStyle.textColour)
        canvas.line(x1: left, y1: top, x2: left, y2: bottomOfPlot, stroke: SVGStyle.textColour)
        canvas.text(yLabel, x: 16, y: top + plotHeight / 2, anchor: "middle", size: 11, rotate: true)
        canvas.text(language.text(.timeOfDay), x: left + plotWidth, y: bottomOfPlot + 32, anchor: "end", size: 11)

        for (index, entry) in series.enumerated() where entry.band.count > 1 {
            let clip = { (y: Double) in min(max(y, scale.lower), scale.upper) }
            let upper = entry.band.map { "\(SVGText.coordinate(px($0.x))),\(SVGText.coordinate(py(clip($0.high))))" }
            let lower = entry.band.reversed().map { "\(SVGText.coordinate(px($0.x))),\(SVGText.coordinate(py(clip($0.low))))" }
            let d = "M" + (upper + lower).joined(separator: " L") + " Z"
            canvas.add("<path class=\"band\" d=\"\(d)\" fill=\"\(SVGStyle.colour(index))\" fill-opacity=\"0.15\" stroke=\"none\"/>")
        }
        for (index, entry) in series.enumerated() {
            let d = Self.pathData(entry.points.sorted { $0.x < $1.x }, px: px, py: py)
            guard !d.isEmpty else { continue }
            let dash = SVGStyle.dash(index)
            let dashAttribute = dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
            canvas.add("<path class=\"series\" d=\"\(d)\" fill=\"none\" stroke=\"\(SVGStyle.colour(index))\" stroke-width=\"2\" stroke-linecap=\"round\"\(dashAttribute)><title>\(SVGText.escape(entry.name))</title></path>")
        }

        let legendTop = bottomOfPlot + 44
        let columnWidth = plotWidth / Double(legendColumns)
        for (index, entry) in series.enumerated() {
            let x = left + Double(index % legendColumns) * columnWidth
            let y = legendTop + Double(index / legendColumns) * 18
            let dash = SVGStyle.dash(index)
            let dashAttribute = dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
            canvas.add("<path class=\"legend\" d=\"M\(SVGText.coordinate(x)),\(SVGText.coordinate(y)) h28\" stroke=\"\(SVGStyle.colour(index))\" stroke-width=\"2\"\(dashAttribute)/>")
            canvas.text(entry.name, x: x + 34, y: y + 4, size: 11)
        }
        return canvas.render()
    }

    /// `M x,y L x,y …`, starting a new sub-path after each gap.
    static func pathData(_ points: [Point], px: (Double) -> Double, py: (Double) -> Double) -> String {
        var d = ""
        var penDown = false
        var lastMove = ""
        for point in points {
            guard let y = point.y, y.isFinite else {
                penDown = false
                continue
            }
            let xy = "\(SVGText.coordinate(px(point.x))),\(SVGText.coordinate(py(y)))"
            if penDown {
                d += " L" + xy
            } else {
                if !d.isEmpty { d += " " }
                d += "M" + xy
                lastMove = xy
                penDown = true
            }
        }
        // A lone point still shows: a zero-length segment with round caps is a dot.
        // (Bytes, not `contains("L")`: that one is Foundation's string search, slow on long paths.)
        if !d.isEmpty, !d.utf8.contains(UInt8(ascii: "L")) { d += " L" + lastMove }
        return d
    }
}
