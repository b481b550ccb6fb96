/// A grid coloured by value: the saturation map of a two-parameter sweep.
///
/// Each cell also prints its value, so the map still reads in black and white.
public struct HeatMap: Sendable {
    public var title: String
    /// Label of the horizontal parameter (its path).
    public var xLabel: String
    /// Label of the vertical parameter (its path), empty for a one-parameter sweep.
    public var yLabel: String
    public var xValues: [String]
    public var yValues: [String]
    /// `cells[row][column]`: row indexes `yValues`, column indexes `xValues`; `nil` = no data.
    public var cells: [[Double?]]
    /// What the colour means, with its unit.
    public var valueLabel: String
    /// How a cell's figure reads: clock times as HH:MM, shares as %.
    public var kind: ValueFormat.Kind
    public var language: ReportLanguage

    public init(
        title: String, xLabel: String, yLabel: String, xValues: [String], yValues: [String],
        cells: [[Double?]], valueLabel: String, kind: ValueFormat.Kind = .figure, language: ReportLanguage = .en
    ) {
        self.kind = kind
        self.language = language
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xValues = xValues
        self.yValues = yValues
        self.cells = cells
        self.valueLabel = valueLabel
    }

    /// A light-to-dark sequential scale (ColorBrewer OrRd), light = low.
    static let ramp: [(Double, Double, Double)] = [
        (255, 247, 236), (253, 212, 158), (252, 141, 89), (215, 48, 31), (127, 0, 0),
    ]

    static func colour(_ fraction: Double) -> (hex: String, dark: Bool) {
        let t = min(max(fraction.isFinite ? fraction : 0, 0), 1) * Double(ramp.count - 1)
        let index = min(Int(t), ramp.count - 2)
        let f = t - Double(index)
        let (a, b) = (ramp[index], ramp[index + 1])
        let channels = [a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f, a.2 + (b.2 - a.2) * f]
        let digits = Array("0123456789abcdef")
        let hex = "#" + channels.map { value -> String in
            let byte = Int(value.rounded())
            return String([digits[byte / 16], digits[byte % 16]])
        }.joined()
        let luminance = 0.299 * channels[0] + 0.587 * channels[1] + 0.114 * channels[2]
        return (hex, luminance < 140)
    }

    public func render() -> String {
        let left = 130.0, right = 20.0, top = 52.0
        let width = SVGStyle.width
        let plotWidth = width - left - right
        let cellWidth = plotWidth / Double(max(xValues.count, 1))
        let cellHeight = min(34.0, 300.0 / Double(max(yValues.count, 1)))
        let plotHeight = cellHeight * Double(max(yValues.count, 1))
        let bottomOfPlot = top + plotHeight
        let height = bottomOfPlot + 76
        var canvas = SVGCanvas(width: width, height: height, label: title)
        canvas.text(title, x: 16, y: 20, size: 14, weight: "bold")

        let values = cells.flatMap { $0.compactMap { $0 } }.filter(\.isFinite)
        let low = values.min() ?? 0
        let high = values.max() ?? 1
        let span = high > low ? high - low : 1
        let c = SVGText.coordinate
        for (row, yValue) in yValues.enumerated() {
            let y = top + Double(row) * cellHeight
            canvas.text(BarChart.shortened(yValue, limit: 16), x: left - 6, y: y + cellHeight / 2 + 4, anchor: "end", size: 11)
            for (column, _) in xValues.enumerated() {
                let x = left + Double(column) * cellWidth
                let value = row < cells.count && column < cells[row].count ? cells[row][column] : nil
                guard let value, value.isFinite else {
                    canvas.add("<path class=\"cell\" d=\"M\(c(x)),\(c(y)) h\(c(cellWidth)) v\(c(cellHeight)) h\(c(-cellWidth)) Z\" fill=\"#ffffff\" stroke=\"#bfbfbf\"/>")
                    continue
                }
                // One value everywhere has no low or high end: mid-scale, never the near-white
                // lowest shade, which would read as the blank of a cell without a value.
                let (hex, dark) = Self.colour(high > low ? (value - low) / span : 0.5)
                canvas.add("<path class=\"cell\" d=\"M\(c(x)),\(c(y)) h\(c(cellWidth)) v\(c(cellHeight)) h\(c(-cellWidth)) Z\" fill=\"\(hex)\" stroke=\"#ffffff\"><title>\(SVGText.escape(xValue(column))), \(SVGText.escape(yValue)): \(SVGText.escape(cellText(value)))</title></path>")
                if cellWidth >= 28 {
                    canvas.text(cellText(value), x: x + cellWidth / 2, y: y + cellHeight / 2 + 4, anchor: "middle", size: 10, fill: dark ? "#ffffff" : SVGStyle.textColour)
                }
            }
        }
        let labelStride = max(1, Int((40.0 / cellWidth).rounded(.up)))
        for (column, xValue) in xValues.enumerated() where column % labelStride == 0 {
            canvas.text(BarChart.shortened(xValue, limit: 10), x: left + (Double(column) + 0.5) * cellWidth, y: bottomOfPlot + 16, anchor: "middle", size: 11)
        }
        canvas.text(xLabel, x: left + plotWidth / 2, y: bottomOfPlot + 32, anchor: "middle", size: 11)
        if !yLabel.isEmpty {
            canvas.text(BarChart.shortened(yLabel, limit: 18), x: left - 6, y: top - 6, anchor: "end", size: 11)
        }
        // Colour legend: a stepped ramp from low to high with its end values.
        let legendY = bottomOfPlot + 46
        let steps = 10
        for step in 0..<steps {
            let (hex, _) = Self.colour(Double(step) / Double(steps - 1))
            canvas.add("<path class=\"legend\" d=\"M\(c(left + Double(step) * 16)),\(c(legendY)) h16 v10 h-16 Z\" fill=\"\(hex)\"/>")
        }
        canvas.text(cellText(low), x: left, y: legendY + 24, size: 10)
        canvas.text(cellText(high), x: left + Double(steps) * 16, y: legendY + 24, anchor: "end", size: 10)
        canvas.text(valueLabel, x: left + Double(steps) * 16 + 12, y: legendY + 9, size: 11)
        return canvas.render()
    }

    /// A cell's figure, short enough for the cell: `07:45`, `93%`, `1.2k`.
    func cellText(_ value: Double) -> String {
        switch kind {
        case .clock: ValueFormat.clock(value)
        case .share: ValueFormat.percent(value, decimals: 0, language: language)
        case .duration, .figure: ValueFormat.number(value, language: language)
        }
    }

    private func xValue(_ column: Int) -> String {
        column < xValues.count ? xValues[column] : ""
    }
}
