/// The page of a calibration folder (report.html): what was kept, how each wave narrowed
/// the space, which observations ruled out the most, the holdouts' check, then the points
/// themselves: each parameter against the implausibility, and every pair of parameters
/// with the plausible points highlighted. Plain figures in, HTML out: the caller (the
/// `calibrate` command) reads them from the calibration result.
public struct CalibrationReport: Sendable {
    public struct Parameter: Sendable {
        public var name: String
        public var low: Double
        public var high: Double
        public var kept: ClosedRange<Double>?
        public var unit: String

        public init(name: String, low: Double, high: Double, kept: ClosedRange<Double>?, unit: String) {
            self.name = name
            self.low = low
            self.high = high
            self.kept = kept
            self.unit = unit
        }
    }

    public struct Point: Sendable {
        public var values: [Double]
        public var maxImplausibility: Double
        public var plausible: Bool

        public init(values: [Double], maxImplausibility: Double, plausible: Bool) {
            self.values = values
            self.maxImplausibility = maxImplausibility
            self.plausible = plausible
        }
    }

    public var title: String
    public var facts: [(String, String)]
    /// One sentence: how many points survived, or that none did.
    public var verdict: String
    public var parameters: [Parameter]
    public var waves: (header: [String], rows: [[String]])
    public var observations: (header: [String], rows: [[String]])
    public var points: [Point]
    public var cutoff: Double
    public var language: ReportLanguage

    public init(title: String, facts: [(String, String)], verdict: String, parameters: [Parameter],
                waves: (header: [String], rows: [[String]]), observations: (header: [String], rows: [[String]]),
                points: [Point], cutoff: Double, language: ReportLanguage) {
        self.title = title
        self.facts = facts
        self.verdict = verdict
        self.parameters = parameters
        self.waves = waves
        self.observations = observations
        self.points = points
        self.cutoff = cutoff
        self.language = language
    }

    /// At most this many parameters get pairwise plots (n(n−1)/2 charts).
    static let pairwiseLimit = 8

    public var html: String {
        let fr = language == .fr
        var page = ReportHTML()
        page.open(title: title, language: language)
        page.facts(facts)
        page.note(verdict)
        page.heading(fr ? "Plages conservées" : "Kept ranges", level: 2)
        page.table((header: fr ? ["paramètre", "plage explorée", "plage conservée", "part conservée"]
                               : ["parameter", "range explored", "range kept", "share kept"],
                    rows: parameters.map { p in
                        [p.name, "\(SVGText.figure(p.low)) – \(SVGText.figure(p.high)) \(p.unit)",
                         p.kept.map { "\(SVGText.figure($0.lowerBound)) – \(SVGText.figure($0.upperBound)) \(p.unit)" } ?? "—",
                         p.kept.map { SVGText.fixed(($0.upperBound - $0.lowerBound) / (p.high - p.low) * 100, decimals: 1) + " %" } ?? "—"]
                    }))
        page.heading(fr ? "Vagues" : "Waves", level: 2)
        page.table(waves)
        page.heading(fr ? "Observations" : "Observations", level: 2)
        page.table(observations)
        let legend = fr ? (highlighted: "plausible", other: "écarté") : (highlighted: "plausible", other: "ruled out")
        let shown = min(Self.pairwiseLimit, parameters.count)
        page.heading(fr ? "Invraisemblance par paramètre" : "Implausibility against each parameter", level: 2)
        let top = max(cutoff * 2, min(cutoff * 4, points.map(\.maxImplausibility).filter(\.isFinite).max() ?? cutoff * 2))
        for d in 0..<parameters.count {
            let p = parameters[d]
            let chart = ScatterChart(
                title: p.name, xLabel: p.unit.isEmpty ? p.name : "\(p.name) (\(p.unit))", yLabel: fr ? "invraisemblance max" : "max implausibility",
                points: points.map { .init(x: $0.values[d], y: $0.maxImplausibility.isFinite ? $0.maxImplausibility : top, highlighted: $0.plausible) },
                xRange: p.low...p.high, yRange: 0...top,
                reference: (y: cutoff, label: fr ? "seuil \(SVGText.figure(cutoff))" : "cutoff \(SVGText.figure(cutoff))"), legend: legend)
            page.figure(.scatter(chart), caption: fr
                ? "Chaque point simulé ; au-dessus du seuil il est écarté (invraisemblances au-delà de l'axe ramenées en haut)."
                : "Every point simulated; above the cutoff it is ruled out (implausibilities beyond the axis drawn at its top).")
        }
        if shown >= 2 {
            page.heading(fr ? "Paires de paramètres" : "Pairs of parameters", level: 2)
            for i in 0..<shown {
                for j in (i + 1)..<shown {
                    let (a, b) = (parameters[i], parameters[j])
                    let chart = ScatterChart(
                        title: "\(b.name) × \(a.name)", xLabel: a.name, yLabel: b.name,
                        points: points.map { .init(x: $0.values[i], y: $0.values[j], highlighted: $0.plausible) },
                        xRange: a.low...a.high, yRange: b.low...b.high, legend: legend)
                    page.figure(.scatter(chart), caption: nil)
                }
            }
            if parameters.count > shown {
                page.remark(fr ? "Paires des \(shown) premiers paramètres seulement ; waves.csv contient tous les points."
                               : "Pairs of the first \(shown) parameters only; waves.csv holds every point.")
            }
        }
        page.close()
        return page.text
    }
}
