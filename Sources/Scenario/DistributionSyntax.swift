import Stochastics

/// What a distribution's values measure, which decides the units its parameters take.
enum Dimension: Sendable {
    /// Durations, written with time units (`75s`) and sampled in seconds.
    case duration
    /// Plain numbers (pages, requests, page-equivalents): no units.
    case count
}

/// Reads the distribution syntax planners write, e.g.
/// `lognormal(median: 8min, sigma: 1.1)` or
/// `mixture(0.4: exponential(mean: 15s), 0.6: exponential(mean: 3min))`,
/// into a ``Stochastics/Distribution`` built with its throwing factories.
///
/// Errors carry the offset (in Unicode scalars) of the offending token, so the caret
/// lands under it; invalid parameters come back from the factories'
/// ``Stochastics/DistributionError`` and are located at the distribution's name.
struct DistributionSyntax {
    static let families = ["exponential", "lognormal", "gamma", "erlang", "weibull", "pareto",
                           "uniform", "normal", "deterministic", "empirical", "mixture"]
    static let expected = "a distribution such as `exponential(mean: 75s)`, `lognormal(median: 8min, sigma: 1.1)` or a bare value"

    private let s: [Character]
    private var i = 0
    private let dimension: Dimension
    private var depth = 0

    static func parse(_ text: String, _ dimension: Dimension) -> Result<Distribution, Units.Failure> {
        var parser = DistributionSyntax(s: Units.chars(text), dimension: dimension)
        do {
            parser.skipSpace()
            let d = try parser.distribution(dimension)
            parser.skipSpace()
            if parser.i < parser.s.count {
                throw parser.fail("unexpected `\(String(parser.s[parser.i...]))` after the distribution", "the end of the distribution")
            }
            return .success(d)
        } catch let f as Units.Failure {
            return .failure(f)
        } catch {
            return .failure(Units.Failure(offset: 0, message: "\(error)", expected: expected))
        }
    }

    private init(s: [Character], dimension: Dimension) {
        self.s = s
        self.dimension = dimension
    }

    // MARK: Grammar

    /// An argument: the token text, where it starts, and its parsed form.
    private enum Value {
        case token(String, Int)
        case list([Value], Int)
        case distribution(Distribution, Int)

        var offset: Int {
            switch self { case .token(_, let o), .list(_, let o), .distribution(_, let o): return o }
        }
    }

    private struct Argument {
        var label: String?
        var labelOffset: Int
        var value: Value
    }

    private func fail(_ message: String, _ expected: String, at offset: Int? = nil) -> Units.Failure {
        Units.Failure(offset: offset ?? i, message: message, expected: expected)
    }

    private mutating func skipSpace() {
        while i < s.count, s[i] == " " || s[i] == "\t" || s[i] == "\n" { i += 1 }
    }

    private mutating func word() -> String {
        var w = ""
        while i < s.count, s[i].isLetter || s[i] == "_" { w.append(s[i]); i += 1 }
        return w
    }

    /// Characters of a plain token: a number with its unit or percent sign.
    private mutating func token() -> String {
        var t = ""
        while i < s.count, !" \t\n,:()[]".contains(s[i]) { t.append(s[i]); i += 1 }
        return t
    }

    /// `name(args)`, or a bare value meaning `deterministic(value)`.
    private mutating func distribution(_ dim: Dimension) throws -> Distribution {
        depth += 1
        defer { depth -= 1 }
        guard depth <= 16 else { throw fail("distribution nested too deeply", "at most 16 levels") }
        let start = i
        if i < s.count, s[i].isLetter {
            let name = word()
            skipSpace()
            guard i < s.count, s[i] == "(" else {
                throw fail(Self.families.contains(name) ? "`\(name)` needs its parameters in parentheses" : "unknown distribution `\(name)`",
                           Self.families.contains(name) ? "`\(name)(…)`" : "one of \(Self.families.joined(separator: ", "))\(Suggestions.didYouMean(name, Self.families))",
                           at: start)
            }
            guard Self.families.contains(name) else {
                throw fail("unknown distribution `\(name)`",
                           "one of \(Self.families.joined(separator: ", "))\(Suggestions.didYouMean(name, Self.families))", at: start)
            }
            i += 1
            let args = try arguments(forMixture: name == "mixture")
            return try build(name, args, dim, at: start)
        }
        let text = token()
        guard !text.isEmpty else { throw fail("missing distribution", Self.expected) }
        let v = try quantity(.token(text, start), dim, "value")
        return try factory(at: start) { () throws(DistributionError) in try .deterministic(v) }
    }

    private mutating func arguments(forMixture: Bool) throws -> [Argument] {
        var args: [Argument] = []
        skipSpace()
        if i < s.count, s[i] == ")" { i += 1; return args }
        while true {
            skipSpace()
            let argStart = i
            var label: String? = nil
            // A label is a word (or, in a mixture, a weight) followed by a colon.
            let save = i
            let candidate = forMixture ? token() : word()
            skipSpace()
            if !candidate.isEmpty, i < s.count, s[i] == ":" {
                label = candidate
                i += 1
                skipSpace()
            } else {
                i = save
            }
            let value = try argumentValue(forMixture: forMixture)
            args.append(Argument(label: label, labelOffset: argStart, value: value))
            skipSpace()
            guard i < s.count else { throw fail("missing `)`", "`)` to close the parameters") }
            if s[i] == "," { i += 1; continue }
            if s[i] == ")" { i += 1; return args }
            throw fail("unexpected `\(s[i])` in the parameters", "`,` or `)`")
        }
    }

    private mutating func argumentValue(forMixture: Bool) throws -> Value {
        let start = i
        guard i < s.count else { throw fail("missing value", "a value") }
        if s[i] == "[" {
            i += 1
            var items: [Value] = []
            skipSpace()
            if i < s.count, s[i] == "]" { i += 1; return .list(items, start) }
            while true {
                skipSpace()
                let itemStart = i
                let t = token()
                guard !t.isEmpty else { throw fail("missing list item", "a number") }
                items.append(.token(t, itemStart))
                guard items.count <= 10_000 else { throw fail("list too long", "at most 10000 items") }
                skipSpace()
                guard i < s.count else { throw fail("missing `]`", "`]` to close the list") }
                if s[i] == "," { i += 1; continue }
                if s[i] == "]" { i += 1; return .list(items, start) }
                throw fail("unexpected `\(s[i])` in a list", "`,` or `]`")
            }
        }
        if s[i].isLetter {
            // `nan` and `inf` are numbers a reader may try, not distribution names; outside a
            // mixture a parameter holds a number, so an unknown word is no distribution either.
            var j = i
            var word = ""
            while j < s.count, s[j].isLetter { word.append(s[j]); j += 1 }
            if ["nan", "inf", "infinity"].contains(word.lowercased()) || (!forMixture && !Self.families.contains(word)) {
                throw fail("`\(word)` is not a number", "a finite number such as `0.6`")
            }
            return .distribution(try distribution(dimension), start)
        }
        let t = token()
        guard !t.isEmpty else { throw fail("missing value", "a value") }
        return .token(t, start)
    }

    // MARK: Values

    private func quantity(_ value: Value, _ dim: Dimension, _ name: String) throws -> Double {
        guard case .token(let text, let offset) = value else {
            throw fail("`\(name)` must be a single value", "a value", at: value.offset)
        }
        let result: Result<Double, Units.Failure>
        switch dim {
        case .duration:
            if case .success(let n) = Units.number(text) {
                throw fail("`\(Units.formatNumber(n))` has no time unit", "a duration such as `\(Units.formatNumber(n))s`", at: offset)
            }
            result = Units.duration(text)
        case .count:
            result = Units.count(text)
        }
        switch result {
        case .success(let v): return v
        case .failure(let f): throw Units.Failure(offset: offset + f.offset, message: f.message, expected: f.expected)
        }
    }

    /// A real parameter (`cv`, `sigma`, `shape`, `mu`…): "not a number" when unreadable,
    /// never "not a count" (it is no count).
    private func plainNumber(_ value: Value, _ name: String) throws -> Double {
        guard case .token(let text, let offset) = value else { return try quantity(value, .count, name) }
        switch Units.real(text) {
        case .success(let v): return v
        case .failure(let f): throw Units.Failure(offset: offset + f.offset, message: "\(f.message) (`\(name)`)", expected: "a finite number such as `0.6`")
        }
    }

    private func list(_ value: Value, _ dim: Dimension, _ name: String) throws -> [Double] {
        guard case .list(let items, _) = value else {
            throw fail("`\(name)` must be a list", "a list such as `[1, 2, 3]`", at: value.offset)
        }
        return try items.map { try quantity($0, dim, name) }
    }

    private func factory(at offset: Int, _ make: () throws(DistributionError) -> Distribution) throws -> Distribution {
        do {
            return try make()
        } catch {
            throw Units.Failure(offset: offset, message: "\(error.distribution): invalid \(error.parameter) \(Units.formatNumber(error.value))",
                                expected: error.expected)
        }
    }

    // MARK: Families

    /// The parameters each family accepts, by the set of labels written.
    private func build(_ name: String, _ args: [Argument], _ dim: Dimension, at start: Int) throws -> Distribution {
        if name == "mixture" { return try mixture(args, dim, at: start) }
        var named: [String: Value] = [:]
        var positional: [Value] = []
        for a in args {
            if let l = a.label {
                guard named[l] == nil else { throw fail("`\(l)` given twice", "each parameter once", at: a.labelOffset) }
                named[l] = a.value
            } else {
                guard named.isEmpty else { throw fail("unnamed parameter after named ones", "`name: value`", at: a.value.offset) }
                positional.append(a.value)
            }
        }
        let forms: [String: [[String]]] = [
            "exponential": [["mean"]],
            "lognormal": [["mean", "cv"], ["median", "sigma"], ["mu", "sigma"]],
            "gamma": [["shape", "scale"]],
            "erlang": [["k", "mean"]],
            "weibull": [["shape", "scale"]],
            "pareto": [["shape", "scale"]],
            "uniform": [["min", "max"]],
            "normal": [["mean", "sd"]],
            "deterministic": [["value"]],
            "empirical": [["values", "weights"], ["values"], ["bins", "weights"]],
        ]
        let candidates = forms[name]!
        // Positional parameters fill the first form in order.
        if !positional.isEmpty {
            let form = candidates.first { $0.count == positional.count + named.count } ?? candidates[0]
            guard positional.count <= form.count else {
                throw fail("\(name) takes \(form.count) parameter\(form.count == 1 ? "" : "s")",
                           "\(name)(\(form.map { "\($0): …" }.joined(separator: ", ")))", at: positional[form.count].offset)
            }
            for (k, v) in positional.enumerated() { named[form[k]] = v }
        }
        let labels = Set(named.keys)
        guard let form = candidates.first(where: { Set($0) == labels }) else {
            let allowed = Set(candidates.flatMap { $0 })
            if let unknown = args.first(where: { $0.label.map { !allowed.contains($0) } ?? false }) {
                let label = unknown.label!
                throw fail("unknown parameter `\(label)` for \(name)",
                           candidates.map { "\(name)(\($0.map { "\($0): …" }.joined(separator: ", ")))" }.joined(separator: " or ")
                           + Suggestions.didYouMean(label, Array(allowed)), at: unknown.labelOffset)
            }
            throw fail("\(name) needs \(candidates.map { $0.joined(separator: " and ") }.joined(separator: ", or "))",
                       candidates.map { "\(name)(\($0.map { "\($0): …" }.joined(separator: ", ")))" }.joined(separator: " or "), at: start)
        }
        func v(_ key: String, _ d: Dimension) throws -> Double { try quantity(named[key]!, d, key) }
        switch (name, form) {
        case ("exponential", _):
            let mean = try v("mean", dim)
            return try factory(at: start) { () throws(DistributionError) in try .exponential(mean: mean) }
        case ("lognormal", ["mean", "cv"]):
            let mean = try v("mean", dim), cv = try plainNumber(named["cv"]!, "cv")
            return try factory(at: start) { () throws(DistributionError) in try .lognormal(mean: mean, cv: cv) }
        case ("lognormal", ["median", "sigma"]):
            let median = try v("median", dim), sigma = try plainNumber(named["sigma"]!, "sigma")
            return try factory(at: start) { () throws(DistributionError) in try .lognormal(median: median, sigma: sigma) }
        case ("lognormal", _):
            let mu = try plainNumber(named["mu"]!, "mu"), sigma = try plainNumber(named["sigma"]!, "sigma")
            return try factory(at: start) { () throws(DistributionError) in try .lognormal(mu: mu, sigma: sigma) }
        case ("gamma", _):
            let shape = try plainNumber(named["shape"]!, "shape"), scale = try v("scale", dim)
            return try factory(at: start) { () throws(DistributionError) in try .gamma(shape: shape, scale: scale) }
        case ("erlang", _):
            let k = try plainNumber(named["k"]!, "k"), mean = try v("mean", dim)
            guard k == k.rounded(), k >= 1, k <= 1e6 else {
                throw fail("erlang: invalid k \(Units.formatNumber(k))", "a whole number of phases ≥ 1", at: named["k"]!.offset)
            }
            return try factory(at: start) { () throws(DistributionError) in try .erlang(phases: Int(k), mean: mean) }
        case ("weibull", _):
            let shape = try plainNumber(named["shape"]!, "shape"), scale = try v("scale", dim)
            return try factory(at: start) { () throws(DistributionError) in try .weibull(shape: shape, scale: scale) }
        case ("pareto", _):
            let shape = try plainNumber(named["shape"]!, "shape"), scale = try v("scale", dim)
            return try factory(at: start) { () throws(DistributionError) in try .pareto(shape: shape, scale: scale) }
        case ("uniform", _):
            let lower = try v("min", dim), upper = try v("max", dim)
            return try factory(at: start) { () throws(DistributionError) in try .uniform(lower: lower, upper: upper) }
        case ("normal", _):
            let mean = try v("mean", dim), sd = try v("sd", dim)
            return try factory(at: start) { () throws(DistributionError) in try .truncatedNormal(mean: mean, sd: sd) }
        case ("deterministic", _):
            let value = try v("value", dim)
            return try factory(at: start) { () throws(DistributionError) in try .deterministic(value) }
        case ("empirical", ["bins", "weights"]):
            let edges = try list(named["bins"]!, dim, "bins"), weights = try list(named["weights"]!, .count, "weights")
            return try factory(at: start) { () throws(DistributionError) in try .empirical(binEdges: edges, weights: weights) }
        default: // empirical values
            let values = try list(named["values"]!, dim, "values")
            let weights = try named["weights"].map { try list($0, .count, "weights") }
            return try factory(at: start) { () throws(DistributionError) in try .empirical(values: values, weights: weights) }
        }
    }

    /// `mixture(0.4: a, 0.6: b)`: weights are shares and must add up to 100%.
    private func mixture(_ args: [Argument], _ dim: Dimension, at start: Int) throws -> Distribution {
        guard !args.isEmpty else { throw fail("mixture needs components", "`mixture(0.4: …, 0.6: …)`", at: start) }
        var components: [(weight: Double, distribution: Distribution)] = []
        var total = 0.0
        for a in args {
            guard let label = a.label else {
                throw fail("mixture component without a weight", "`weight: distribution`, e.g. `0.4: exponential(mean: 15s)`", at: a.value.offset)
            }
            let w: Double
            switch Units.share(label) {
            case .success(let x) where x > 0 && x <= 1: w = x
            case .success: throw fail("mixture weight `\(label)` is not in (0, 100%]", Units.shareExpected, at: a.labelOffset)
            case .failure(let f): throw Units.Failure(offset: a.labelOffset + f.offset, message: f.message, expected: f.expected)
            }
            let d: Distribution
            switch a.value {
            case .distribution(let nested, _): d = nested
            case .token(_, let offset):
                let v = try quantity(a.value, dim, "component")
                d = try factory(at: offset) { () throws(DistributionError) in try .deterministic(v) }
            case .list(_, let offset):
                throw fail("mixture component must be a distribution", "e.g. `exponential(mean: 15s)`", at: offset)
            }
            total += w
            components.append((w, d))
        }
        guard abs(total - 1) < 1e-6 else {
            throw fail("mixture weights add up to \(Units.formatNumber((total * 1e6).rounded() / 1e4))%", "weights adding up to 100%", at: start)
        }
        return try factory(at: start) { () throws(DistributionError) in try .mixture(components) }
    }
}
