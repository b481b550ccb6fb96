import Testing

@testable import Output

@Suite("SVG charts")
struct SVGChartTests {
    @Test("nice scales step by 1, 2 or 5 and cover the data", arguments: [
        (0.0, 1.0), (0.0, 137.0), (-3.2, 7.9), (0.0, 120_000.0), (0.001, 0.0123), (5.0, 5.0), (0.0, 0.0),
    ])
    func niceScale(low: Double, high: Double) {
        let scale = SVGAxis.niceScale(low: low, high: high)
        #expect(scale.lower <= low && scale.upper >= high)
        #expect(scale.upper > scale.lower)
        var mantissa = scale.step
        while mantissa >= 10 { mantissa /= 10 }
        while mantissa < 1 { mantissa *= 10 }
        #expect([1, 2, 5].contains { abs(mantissa - $0) < 1e-9 }, "step \(scale.step)")
        #expect((2...12).contains(scale.ticks.count))
    }

    @Test("clock ticks fall on whole steps and read HH:MM")
    func clockTicks() {
        let ticks = SVGAxis.clockTicks(low: 6 * 3600, high: 20 * 3600)
        #expect(ticks.first == 21_600.0)
        #expect(ticks.count <= 9)
        #expect(ticks.map { ClockTime(secondsOfDay: $0).hoursMinutes } == ["06:00", "08:00", "10:00", "12:00", "14:00", "16:00", "18:00", "20:00"])
    }

    @Test("labels are spelled without the locale", arguments: [
        (0.5, 0.1, "0.5"), (120_000, 20_000, "120k"), (2.5, 0.5, "2.5"), (-1, 0.5, "-1.0"), (0, 2.5, "0.0"),
    ])
    func tickLabels(value: Double, step: Double, label: String) {
        #expect(SVGText.tick(value, step: step) == label)
    }

    @Test("figures keep three significant digits")
    func figures() {
        #expect(SVGText.figure(0.012345) == "0.0123")
        #expect(SVGText.figure(119_876.25) == "120k")
        #expect(SVGText.figure(3) == "3")
        #expect(SVGText.figure(-0.19) == "-0.19")
        #expect(SVGText.figure(1_234_567) == "1.23M")
    }

    @Test("a line chart draws one path per series, a legend entry each, and breaks at gaps")
    func lineChart() {
        let chart = LineChart(title: "Demand <vs> capacity", yLabel: "sessions", series: [
            .init(name: "demand", points: [.init(x: 21600, y: 1), .init(x: 21660, y: nil), .init(x: 21720, y: 3), .init(x: 21780, y: 4)]),
            .init(name: "cap", points: [.init(x: 21600, y: 2), .init(x: 21780, y: 2)], band: [.init(x: 21600, low: 1, high: 3), .init(x: 21780, low: 1, high: 3)]),
        ])
        let svg = chart.render()
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.components(separatedBy: "class=\"series\"").count - 1 == 2)
        #expect(svg.components(separatedBy: "class=\"legend\"").count - 1 == 2)
        #expect(svg.components(separatedBy: "class=\"band\"").count - 1 == 1)
        #expect(svg.contains("stroke-dasharray=\"8 4\""))  // second series dashed
        #expect(svg.contains("Demand &lt;vs&gt; capacity"))
        #expect(svg.contains("06:00"))
        let demand = LineChart.pathData(chart.series[0].points, px: { $0 }, py: { $0 })
        #expect(demand == "M21600,1 M21720,3 L21780,4")
    }

    @Test("bar charts draw error bars and handle negative differences")
    func barChart() {
        let svg = BarChart(title: "diff", yLabel: "share", bars: [
            .init(label: "a", value: -0.19, halfWidth: 0.008), .init(label: "b", value: 0.05, halfWidth: nil, emphasised: true),
        ]).render()
        #expect(svg.components(separatedBy: "class=\"bar\"").count - 1 == 2)
        #expect(svg.components(separatedBy: "class=\"errorbar\"").count - 1 == 1)
        #expect(svg.contains("url(#hatch)"))
    }

    @Test("heat map cells are coloured from light (low) to dark (high)")
    func heatMap() {
        #expect(HeatMap.colour(0).hex == "#fff7ec")
        #expect(HeatMap.colour(1).hex == "#7f0000")
        #expect(HeatMap.colour(1).dark)
        let svg = HeatMap(title: "t", xLabel: "cap", yLabel: "mult", xValues: ["1", "2"], yValues: ["a"], cells: [[0.1, nil]], valueLabel: "share").render()
        #expect(svg.components(separatedBy: "class=\"cell\"").count - 1 == 2)
    }
}

@Suite("SVG tick labels at zero")
struct SVGZeroTickTests {
    @Test("zero on a thousands axis reads 0, not 0k")
    func zeroOnThousands() {
        #expect(SVGText.tick(0, step: 50_000) == "0")
        #expect(SVGText.tick(50_000, step: 50_000) == "50k")
    }
}
