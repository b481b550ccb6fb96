/// A chart of the report, drawn as an inline SVG string by this module (no script, no font
/// or library fetched), so report.html opens offline and prints as it shows.
///
/// Four kinds cover the report: the timeline of every platform (overload and refusal
/// bands), line charts over the day (several series, legend, clock axis, optional min–max
/// band across replications), bar charts with 95% error bars for policy comparisons, and
/// heat maps for sweeps. Series differ by dash pattern as well as
/// colour, so a black-and-white print still tells them apart.
public enum SVGChart: Sendable {
    case line(LineChart)
    case bar(BarChart)
    case heatMap(HeatMap)
    case timeline(Timeline)
    case scatter(ScatterChart)

    /// The `<svg>` element.
    public func render() -> String {
        switch self {
        case .line(let chart): chart.render()
        case .bar(let chart): chart.render()
        case .heatMap(let chart): chart.render()
        case .timeline(let chart): chart.render()
        case .scatter(let chart): chart.render()
        }
    }
}

/// Colours and dash patterns shared by all charts.
enum SVGStyle {
    /// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
    static let colours = [
        "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#7F7F7F",
    ]
    /// One dash pattern per series slot (empty = solid), cycling out of step with colours.
    static let dashes = ["", "8 4", "2 3", "10 3 2 3", "4 4", "1 3 6 3", "12 6"]

    static func colour(_ index: Int) -> String { colours[index % colours.count] }
    static func dash(_ index: Int) -> String { dashes[index % dashes.count] }

    static let width = 760.0
    static let font = "font-family=\"sans-serif\""
    static let textColour = "#1a1a1a"
    static let gridColour = "#d9d9d9"
}

/// A simple accumulator for SVG markup.
struct SVGCanvas {
    private(set) var body = ""
    let width: Double
    let height: Double
    let label: String

    init(width: Double, height: Double, label: String) {
        self.width = width
        self.height = height
        self.label = label
    }

    mutating func add(_ element: String) {
        body += element
        body += "\n"
    }

    mutating func text(
        _ content: String, x: Double, y: Double, anchor: String = "start", size: Int = 12,
        weight: String? = nil, rotate: Bool = false, fill: String = SVGStyle.textColour
    ) {
        let c = SVGText.coordinate
        var attributes = "x=\"\(c(x))\" y=\"\(c(y))\" text-anchor=\"\(anchor)\" font-size=\"\(size)\" fill=\"\(fill)\""
        if let weight { attributes += " font-weight=\"\(weight)\"" }
        if rotate { attributes += " transform=\"rotate(-90 \(c(x)) \(c(y)))\"" }
        add("<text \(attributes)>\(SVGText.escape(content))</text>")
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1) {
        let c = SVGText.coordinate
        add("<line x1=\"\(c(x1))\" y1=\"\(c(y1))\" x2=\"\(c(x2))\" y2=\"\(c(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(c(width))\"/>")
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil) {
        let c = SVGText.coordinate
        let strokeAttribute = stroke.map { " stroke=\"\($0)\"" } ?? ""
        add("<rect x=\"\(c(x))\" y=\"\(c(y))\" width=\"\(c(max(width, 0)))\" height=\"\(c(max(height, 0)))\" fill=\"\(fill)\"\(strokeAttribute)/>")
    }

    func render() -> String {
        let c = SVGText.coordinate
        return """
            <svg class="chart" width="\(c(width))" height="\(c(height))" viewBox="0 0 \(c(width)) \(c(height))" role="img" aria-label="\(SVGText.escape(label))" \(SVGStyle.font)>
            <rect x="0" y="0" width="\(c(width))" height="\(c(height))" fill="#ffffff"/>
            \(body)</svg>
            """
    }
}
