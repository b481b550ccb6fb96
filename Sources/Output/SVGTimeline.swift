/// One row per platform over the time of day, with a band where it was overloaded (its
/// servers failing users) and one where it was refusing (its gates turning users away):
/// the first chart of a run's report.
///
/// Overload is drawn solid vermillion in the upper half of a row, refusal hatched blue in
/// the lower half, so the two read apart in black and white too. A band that runs to the
/// end of the window without recovering ends in an arrow.
public struct Timeline: Sendable {
    public struct Band: Sendable, Hashable {
        public var start: Double
        public var end: Double
        /// `false`: still flagged at the end of the run.
        public var recovered: Bool

        public init(start: Double, end: Double, recovered: Bool) {
            self.start = start
            self.end = end
            self.recovered = recovered
        }
    }

    public struct Row: Sendable, Hashable {
        public var label: String
        public var overload: Band?
        public var refusal: Band?

        public init(label: String, overload: Band?, refusal: Band?) {
            self.label = label
            self.overload = overload
            self.refusal = refusal
        }
    }

    public var title: String
    public var rows: [Row]
    /// Clock seconds of the horizontal axis.
    public var window: ClosedRange<Double>
    public var language: ReportLanguage

    public init(title: String, rows: [Row], window: ClosedRange<Double>, language: ReportLanguage = .en) {
        self.title = title
        self.rows = rows
        self.window = window
        self.language = language
    }

    static let overloadColour = "#D55E00"
    static let refusalColour = "#0072B2"
    static let rowHeight = 26.0
    static let labelWidth = 200.0

    public func render() -> String {
        let left = Self.labelWidth + 10, right = 20.0, top = 52.0
        let width = SVGStyle.width
        let plotWidth = width - left - right
        let bottomOfPlot = top + Self.rowHeight * Double(max(rows.count, 1))
        let height = bottomOfPlot + 40
        let span = max(window.upperBound - window.lowerBound, 60)
        let px: (Double) -> Double = { left + (min(max($0, window.lowerBound), window.upperBound) - window.lowerBound) / span * plotWidth }
        let c = SVGText.coordinate
        var canvas = SVGCanvas(width: width, height: height, label: title)
        canvas.add("<defs><pattern id=\"refusal-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#9cc3e0\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"\(Self.refusalColour)\" stroke-width=\"3\"/></pattern></defs>")
        canvas.text(title, x: 16, y: 20, size: 14, weight: "bold")

        // Legend: the two measures.
        canvas.rect(x: left, y: 30, width: 24, height: 10, fill: Self.overloadColour)
        canvas.text(language.text(.legendOverload), x: left + 30, y: 39, size: 11)
        canvas.rect(x: left + plotWidth / 2, y: 30, width: 24, height: 10, fill: "url(#refusal-hatch)")
        canvas.text(language.text(.legendRefusal), x: left + plotWidth / 2 + 30, y: 39, size: 11)

        for tick in SVGAxis.clockTicks(low: window.lowerBound, high: window.upperBound) {
            canvas.line(x1: px(tick), y1: top, x2: px(tick), y2: bottomOfPlot, stroke: SVGStyle.gridColour)
            canvas.line(x1: px(tick), y1: bottomOfPlot, x2: px(tick), y2: bottomOfPlot + 5, stroke: SVGStyle.textColour)
            canvas.text(ClockTime(secondsOfDay: tick).hoursMinutes, x: px(tick), y: bottomOfPlot + 18, anchor: "middle", size: 11)
        }
        for (index, row) in rows.enumerated() {
            let y = top + Double(index) * Self.rowHeight
            if index > 0 { canvas.line(x1: 8, y1: y, x2: left + plotWidth, y2: y, stroke: "#eeeeee") }
            canvas.text(BarChart.shortened(row.label, limit: BarChart.characters(in: Self.labelWidth - 8, size: 11)), x: left - 8, y: y + Self.rowHeight / 2 + 4, anchor: "end", size: 11)
            if row.overload == nil && row.refusal == nil {
                canvas.text(language.text(.notSaturated), x: left + 6, y: y + Self.rowHeight / 2 + 4, size: 10, fill: "#666666")
            }
            for (band, isOverload) in [(row.overload, true), (row.refusal, false)] {
                guard let band else { continue }
                let x0 = px(band.start), x1 = max(px(band.end), x0 + 2)
                let y0 = y + (isOverload ? 3 : Self.rowHeight / 2 + 1), h = Self.rowHeight / 2 - 4
                let fill = isOverload ? Self.overloadColour : "url(#refusal-hatch)"
                let name = language.text(isOverload ? .legendOverload : .legendRefusal)
                let until = band.recovered ? ValueFormat.clock(band.end) : language.text(.notRecoveredShort)
                var d = "M\(c(x0)),\(c(y0)) H\(c(x1))"
                // An arrow head past the last interval: not recovered by the end.
                d += band.recovered ? " V\(c(y0 + h))" : " l5,\(c(h / 2)) l-5,\(c(h / 2))"
                d += " H\(c(x0)) Z"
                canvas.add("<path class=\"span\" d=\"\(d)\" fill=\"\(fill)\" stroke=\"#1a1a1a\" stroke-width=\"0.6\"><title>\(SVGText.escape(row.label)): \(SVGText.escape(name)) \(ValueFormat.clock(band.start))–\(SVGText.escape(until))</title></path>")
            }
        }
        canvas.line(x1: left, y1: bottomOfPlot, x2: left + plotWidth, y2: bottomOfPlot, stroke: SVGStyle.textColour)
        canvas.line(x1: left, y1: top, x2: left, y2: bottomOfPlot, stroke: SVGStyle.textColour)
        canvas.text(language.text(.timeOfDay), x: left + plotWidth, y: bottomOfPlot + 32, anchor: "end", size: 11)
        return canvas.render()
    }
}
