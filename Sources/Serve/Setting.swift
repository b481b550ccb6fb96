import Foundation
import Scenario

/// One setting of a model's page: the knobs' values and the run's seed, replications and
/// sample, as the page's URL carries them (`?servers=40&policy=P1&seed=7`).
///
/// A setting becomes `--set` overrides (and a `--policy`) in the order of the model's
/// knobs, so the server composes the scenario exactly as `affluence run MODEL --set …`
/// would, and a saved scenario (`extends:` + `set:`) composes it once more the same way.
struct Setting: Sendable, Hashable {
    /// Run settings that are not knobs; a knob may not take these ids.
    static let runFields = ["seed", "replications", "sample"]

    /// Values by knob id, only for the knobs given.
    var knobs: [String: KnobValue] = [:]
    var seed: UInt64?
    var replications: Int?
    /// The sample share in percent (`sample: 5%`).
    var sample: Double?

    /// Reads `pairs` against the model's knobs: unknown names, malformed numbers, values off a
    /// knob's range or steps are errors located at the knob's declaration, by field.
    static func parse(_ pairs: [(name: String, value: String)], knobs: [Knob], maxReplications: Int) throws(ServeError) -> Setting {
        var setting = Setting()
        var errors: [FieldError] = []
        var seen = Set<String>()
        func fail(_ field: String, _ diagnostic: Diagnostic) { errors.append(FieldError(field: field, message: diagnostic.description)) }
        func plain(_ field: String, _ message: String, _ expected: String) {
            fail(field, Diagnostic(location: Location(file: "?\(field)", line: 1, column: 1), message: message, expected: expected))
        }
        for (name, value) in pairs {
            guard seen.insert(name).inserted else {
                plain(name, "`\(name)` is given twice", "each knob once")
                continue
            }
            switch name {
            case "seed":
                if let s = UInt64(value) { setting.seed = s } else { plain(name, "`\(value.prefix(40))` is not a seed", "a whole number from 0 to 18446744073709551615") }
            case "replications":
                if let r = Int(value), (1...maxReplications).contains(r) { setting.replications = r } else {
                    plain(name, "`\(value.prefix(40))` replications", "a whole number from 1 to \(maxReplications)")
                }
            case "sample":
                if let x = Double(value), x > 0, x <= 100 { setting.sample = x } else {
                    plain(name, "`\(value.prefix(40))` is not a sample share", "a percentage above 0 and at most 100")
                }
            default:
                guard let knob = knobs.first(where: { $0.id == name }) else {
                    let ids = knobs.map(\.id) + runFields
                    plain(name, "unknown knob `\(name.prefix(40))`", "one of \(ids.joined(separator: ", "))")
                    continue
                }
                guard let v = knob.parse(value) else {
                    fail(name, Diagnostic(location: knob.location, message: "knob `\(knob.id)`: `\(value.prefix(40))` is not a value", expected: knob.expected))
                    continue
                }
                if let problem = knob.problem(with: v) {
                    fail(name, Diagnostic(location: knob.location, message: "knob `\(knob.id)`: \(problem)", expected: knob.expected))
                    continue
                }
                setting.knobs[name] = v
            }
        }
        if !errors.isEmpty { throw .fields(errors) }
        return setting
    }

    /// The overrides and policy this setting applies, in the model's knob order, each with
    /// the field it came from (for errors); values equal to the model's are left out.
    func composition(knobs: [Knob]) -> (overrides: [(field: String, override: Override)], policy: String?) {
        var overrides: [(String, Override)] = []
        var policy: String?
        for knob in knobs {
            guard let value = self.knobs[knob.id], value != knob.modelValue else { continue }
            switch (knob.kind, value) {
            case (.number(let path, _, _, let unit), .number(let x)):
                overrides.append((knob.id, Override(path: path, value: unit.text(x))))
            case (.policy, .policy(let name)):
                policy = name == "base" ? nil : name
            default: continue
            }
        }
        if let sample { overrides.append(("sample", Override(path: "sample", value: KnobUnit.format(sample) + "%"))) }
        if let seed { overrides.append(("seed", Override(path: "seed", value: String(seed)))) }
        if let replications { overrides.append(("replications", Override(path: "replications", value: String(replications)))) }
        return (overrides, policy)
    }

    /// The query string of this setting (knobs in the model's order, then the run settings).
    func query(knobs: [Knob]) -> String {
        var pairs: [(String, String)] = []
        for knob in knobs { if let v = self.knobs[knob.id] { pairs.append((knob.id, v.description)) } }
        if let sample { pairs.append(("sample", KnobUnit.format(sample))) }
        if let seed { pairs.append(("seed", String(seed))) }
        if let replications { pairs.append(("replications", String(replications))) }
        return FormData.encode(pairs)
    }

    /// A short description of what differs from the model (`servers=40, policy=P1`).
    func summary(knobs: [Knob]) -> String {
        let parts = knobs.compactMap { knob -> String? in
            guard let v = self.knobs[knob.id], v != knob.modelValue else { return nil }
            return "\(knob.id)=\(v)"
        }
        return parts.isEmpty ? "the model as written" : parts.joined(separator: ", ")
    }
}

extension ModelCatalog {
    /// Model `name` composed with `setting`: errors of the composed scenario (a knob's value
    /// that the scenario then refuses) are mapped back to the knob that caused them.
    func load(_ name: String, setting: Setting, knobs: [Knob]) throws(ServeError) -> Scenario {
        let (overrides, policy) = setting.composition(knobs: knobs)
        do {
            return try load(name, overrides: overrides.map(\.override), policy: policy)
        } catch {
            guard case .invalid(let diagnostics) = error else { throw error }
            throw .fields(diagnostics.map { d in
                // `--set #n` is the n-th override (ScenarioLoader names them so).
                var field = ""
                if d.location.file.hasPrefix("--set #"), let n = Int(d.location.file.dropFirst(7)), (1...overrides.count).contains(n) {
                    field = overrides[n - 1].field
                } else if d.location.file == "--policy" {
                    field = knobs.first { if case .policy = $0.kind { return true } else { return false } }?.id ?? ""
                }
                return FieldError(field: field, message: d.description)
            })
        }
    }
}
