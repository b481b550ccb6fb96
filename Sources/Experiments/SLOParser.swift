import Foundation
import World

/// Parses a service-level objective.
///
/// ```
/// objective := term ("and" term)*
/// term      := operand comparison value
/// operand   := name ["[" entity "]"] | function "(" name ")" ["[" entity "]"]
/// function  := mean | pNN                      (p50, p95, …: where the catalogue has that quantile)
/// comparison:= "<=" | "<" | ">=" | ">"
/// value     := number [ms | s | min | h | %] | HH:MM
/// ```
///
/// Names come from the metric catalogue (``MetricCatalog``, its summary metrics):
/// `share_never_in`, `p_wait`, `mean_wait`, `utilization`, … plus ``SLO/saturated``;
/// `p95(time_to_first_page)` reads `p95_time_to_first_page_s`, `mean(wait)` reads
/// `mean_wait`. Errors name the 1-based column.
public enum SLOParser {
    public static func parse(_ text: String) throws(SLOError) -> SLO {
        var scanner = Scanner(text)
        var terms: [SLO.Term] = []
        repeat {
            terms.append(try scanner.term())
            scanner.skipSpaces()
        } while scanner.keyword("and")
        scanner.skipSpaces()
        if !scanner.atEnd {
            throw scanner.error("unexpected '\(scanner.rest.prefix(12))' (expected `and` or the end)")
        }
        return SLO(terms: terms, text: text.trimmingCharacters(in: .whitespaces))
    }

    /// Every summary metric of the catalogue, for suggestions and checks.
    static var knownMetrics: Set<String> {
        Set(ExpectationMetrics.summary.values.joined()).union([SLO.saturated])
    }

    static func isKnown(_ metric: String) -> Bool {
        if metric == SLO.saturated { return true }
        return ExpectationMetrics.kindPreference.contains { ExpectationMetrics.isSummary(metric, of: $0) }
    }

    /// The catalogue metric a function applies to: `p95(response)` → `p95_response_s`.
    static func resolve(function: String, name: String) -> String? {
        let candidates = function == "mean"
            ? ["mean_\(name)_s", "mean_\(name)"]
            : ["\(function)_\(name)_s", "\(function)_\(name)"]
        return candidates.first(where: isKnown)
    }

    struct Scanner {
        let chars: [Character]
        var i = 0
        let text: String

        init(_ text: String) {
            self.text = text
            chars = Array(text)
        }

        var atEnd: Bool { i >= chars.count }
        var rest: String { String(chars[min(i, chars.count)...]) }

        func error(_ message: String, at column: Int? = nil) -> SLOError {
            SLOError(text: text, column: (column ?? i) + 1, message: message)
        }

        mutating func skipSpaces() {
            while i < chars.count, chars[i].isWhitespace { i += 1 }
        }

        mutating func identifier() -> String? {
            skipSpaces()
            let start = i
            while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == "-" { i += 1 }
            return i > start ? String(chars[start..<i]) : nil
        }

        /// Consumes `word` when it is the next whole word.
        mutating func keyword(_ word: String) -> Bool {
            let save = i
            if identifier() == word { return true }
            i = save
            return false
        }

        mutating func expect(_ c: Character, _ what: String) throws(SLOError) {
            skipSpaces()
            guard i < chars.count, chars[i] == c else { throw error("expected \(what)") }
            i += 1
        }

        mutating func term() throws(SLOError) -> SLO.Term {
            skipSpaces()
            let start = i
            guard let name = identifier() else { throw error("expected a metric name, e.g. share_never_in or p95(time_to_first_page)") }
            var metric = name
            skipSpaces()
            if i < chars.count, chars[i] == "(" {
                let functionColumn = start
                i += 1
                let argumentColumn = i
                guard let argument = identifier() else { throw error("expected a metric name inside \(name)(…)") }
                try expect(")", "')' to close \(name)(")
                let isQuantile = name.first == "p" && name.dropFirst().allSatisfy(\.isNumber) && name.count > 1
                guard name == "mean" || isQuantile else {
                    throw error("unknown function '\(name)' (expected mean or a quantile such as p50, p95)", at: functionColumn)
                }
                guard let resolved = SLOParser.resolve(function: name, name: argument) else {
                    let offered = SLOParser.knownMetrics.filter { $0.contains(argument) }.sorted()
                    throw error("the catalogue has no \(name) of '\(argument)'"
                                + (offered.isEmpty ? "" : " (metrics on it: \(offered.joined(separator: ", ")))"), at: argumentColumn)
                }
                metric = resolved
            } else if !SLOParser.isKnown(name) {
                let close = SLOParser.knownMetrics.filter { $0.hasPrefix(String(name.prefix(4))) }.sorted()
                throw error("unknown metric '\(name)'" + (close.isEmpty ? " (see the metric catalogue in docs/csv-format.md)" : " (did you mean \(close.joined(separator: ", "))?)"), at: start)
            }
            var entity: String?
            skipSpaces()
            if i < chars.count, chars[i] == "[" {
                i += 1
                guard let id = identifier() else { throw error("expected an entity id inside […]") }
                try expect("]", "']' to close the entity")
                entity = id
            }
            let comparison = try self.comparison()
            let threshold = try value(for: metric)
            let end = i
            return SLO.Term(metric: metric, entity: entity, comparison: comparison, threshold: threshold,
                            text: String(chars[start..<end]).trimmingCharacters(in: .whitespaces))
        }

        mutating func comparison() throws(SLOError) -> SLO.Comparison {
            skipSpaces()
            guard i < chars.count, chars[i] == "<" || chars[i] == ">" else {
                throw error("expected a comparison: <=, <, >= or >")
            }
            let first = chars[i]
            i += 1
            let orEqual = i < chars.count && chars[i] == "="
            if orEqual { i += 1 }
            switch (first, orEqual) {
            case ("<", true): return .atMost
            case ("<", false): return .below
            case (">", true): return .atLeast
            default: return .above
            }
        }

        /// A number with an optional unit, in the metric's unit (seconds, shares, clock seconds).
        mutating func value(for metric: String) throws(SLOError) -> Double {
            skipSpaces()
            let start = i
            while i < chars.count, chars[i].isNumber || chars[i] == "." || chars[i] == "_" || (i == start && chars[i] == "-") { i += 1 }
            let digits = String(chars[start..<i]).replacingOccurrences(of: "_", with: "")
            guard let number = Double(digits) else { throw error("expected a number, e.g. 2min, 1% or 0.05", at: start) }
            if i < chars.count, chars[i] == ":" {
                i += 1
                let mStart = i
                while i < chars.count, chars[i].isNumber { i += 1 }
                guard let minutes = Double(String(chars[mStart..<i])), i - mStart == 2, minutes < 60 else {
                    throw error("expected a clock time HH:MM", at: start)
                }
                return number * 3600 + minutes * 60
            }
            let unitStart = i
            while i < chars.count, chars[i].isLetter || chars[i] == "%" { i += 1 }
            let unit = String(chars[unitStart..<i])
            let seconds = ["ms": 0.001, "s": 1, "min": 60, "h": 3600]
            let kind = ExpectationMetrics.unit(of: metric)
            switch unit {
            case "":
                return number
            case "%":
                guard kind == .share || metric == SLO.saturated else {
                    throw error("'%' on \(metric), which is not a share", at: unitStart)
                }
                return number / 100
            default:
                guard let factor = seconds[unit] else {
                    throw error("unknown unit '\(unit)' (expected ms, s, min, h or %)", at: unitStart)
                }
                guard kind == .seconds || kind == .clock else {
                    throw error("a duration on \(metric), which is not in seconds", at: unitStart)
                }
                return number * factor
            }
        }
    }
}

/// A malformed objective: the text, a 1-based column and what was expected there.
public struct SLOError: Error, Equatable, CustomStringConvertible {
    public let text: String
    public let column: Int
    public let message: String

    public var description: String {
        "--slo column \(column): \(message)\n  \(text)\n  " + String(repeating: " ", count: max(0, column - 1)) + "^"
    }
}
