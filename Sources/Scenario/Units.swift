/// The units planners write numbers in, each parsed to one internal unit:
/// durations and clock times to seconds, rates to events per second, shares to a
/// fraction in [0, 1], counts to plain numbers.
///
/// | kind | examples | internal unit |
/// |---|---|---|
/// | duration | `250ms`, `90s`, `20min`, `1h30min`, `2h`, `1d` | seconds |
/// | rate | `9/s`, `1.2k/min`, `400k/s`, `30/h` | per second |
/// | share | `35%`, `0.35` | fraction |
/// | clock time | `08:30`, `08:30:15`, `26:00` (next day) | seconds from midnight |
/// | count | `1_000_000`, `12k`, `1.2M` | number |
enum Units {
    /// Why a piece of text is not the quantity asked for; `offset` is counted in
    /// Unicode scalars from the start of the text, for the caret.
    struct Failure: Error, Sendable {
        var offset: Int
        var message: String
        var expected: String
    }

    static let durationUnits: [(String, Double)] = [("ms", 0.001), ("min", 60), ("s", 1), ("h", 3600), ("d", 86400)]
    static let magnitudes: [Character: Double] = ["k": 1e3, "M": 1e6, "G": 1e9]

    static let durationExpected = "a duration such as `250ms`, `90s`, `20min` or `1h30min`"
    static let rateExpected = "a rate such as `9/s`, `1.2k/min` or `30/h`"
    static let shareExpected = "a share such as `35%` or `0.35`"
    static let clockExpected = "a clock time such as `08:30` or `08:30:15`"
    static let countExpected = "a count such as `1_000_000`, `12k` or `1.2M`"
    static let numberExpected = "a number such as `0.8` or `12`"

    // MARK: Numbers

    /// Reads a decimal number (underscores allowed between digits) at `i`.
    static func scanNumber(_ s: [Character], _ i: inout Int, signed: Bool = true) -> Double? {
        let start = i
        var text = ""
        if signed, i < s.count, s[i] == "-" || s[i] == "+" { text.append(s[i]); i += 1 }
        var digits = 0
        func scanDigits() {
            while i < s.count {
                if s[i].isASCII && s[i].isNumber { text.append(s[i]); digits += 1; i += 1 }
                else if s[i] == "_" && digits > 0 && i + 1 < s.count && s[i + 1].isASCII && s[i + 1].isNumber { i += 1 }
                else { break }
            }
        }
        scanDigits()
        if i < s.count, s[i] == ".", i + 1 < s.count, s[i + 1].isASCII, s[i + 1].isNumber {
            text.append("."); i += 1; scanDigits()
        }
        guard digits > 0 else { i = start; return nil }
        if i < s.count, s[i] == "e" || s[i] == "E" {
            var j = i + 1
            var exp = "e"
            if j < s.count, s[j] == "-" || s[j] == "+" { exp.append(s[j]); j += 1 }
            var expDigits = 0
            while j < s.count, s[j].isASCII, s[j].isNumber { exp.append(s[j]); j += 1; expDigits += 1 }
            if expDigits > 0 { text += exp; i = j }
        }
        guard let value = Double(text), value.isFinite else { i = start; return nil }
        return value
    }

    static func chars(_ text: String) -> [Character] { text.unicodeScalars.map(Character.init) }

    static func number(_ text: String) -> Result<Double, Failure> {
        let s = chars(text)
        var i = 0
        guard let v = scanNumber(s, &i), i == s.count else {
            return .failure(Failure(offset: i, message: "`\(text)` is not a number", expected: numberExpected))
        }
        return .success(v)
    }

    /// A count: a number with an optional `k`, `M` or `G` multiplier.
    static func count(_ text: String) -> Result<Double, Failure> { scaled(text, noun: "count", expected: countExpected) }

    /// A real number, with the same optional multiplier as a count (`event_limit: 20G`,
    /// `threshold: 0.8`); its errors say "number", not "count".
    static func real(_ text: String) -> Result<Double, Failure> { scaled(text, noun: "number", expected: numberExpected) }

    private static func scaled(_ text: String, noun: String, expected: String) -> Result<Double, Failure> {
        let s = chars(text)
        var i = 0
        guard var v = scanNumber(s, &i) else {
            return .failure(Failure(offset: 0, message: "`\(text)` is not a \(noun)", expected: expected))
        }
        if i < s.count, let m = magnitudes[s[i]] { v *= m; i += 1 }
        guard i == s.count else {
            return .failure(Failure(offset: i, message: "unexpected `\(String(s[i...]))` in \(noun) `\(text)`", expected: expected))
        }
        return .success(v)
    }

    // MARK: Durations

    /// A duration: one or more `<number><unit>` terms, largest unit first (`1h30min`).
    static func duration(_ text: String, allowNegative: Bool = false) -> Result<Double, Failure> {
        let s = chars(text)
        var i = 0
        var sign = 1.0
        if allowNegative, i < s.count, s[i] == "-" { sign = -1; i += 1 }
        var total = 0.0
        var terms = 0
        var lastFactor = Double.infinity
        while i < s.count {
            let termStart = i
            guard let v = scanNumber(s, &i, signed: false) else {
                if terms == 0 && !allowNegative && s[i] == "-" {
                    return .failure(Failure(offset: i, message: "negative duration `\(text)`", expected: durationExpected))
                }
                return .failure(Failure(offset: i, message: "`\(text)` is not a duration", expected: durationExpected))
            }
            guard let (unit, factor) = durationUnits.first(where: { matches(s, i, $0.0) }) else {
                if i == s.count {
                    return .failure(Failure(offset: termStart, message: "`\(text)` has no time unit", expected: durationExpected))
                }
                return .failure(Failure(offset: i, message: "unknown time unit `\(String(s[i...]))`",
                                        expected: "one of ms, s, min, h, d"))
            }
            guard factor < lastFactor else {
                return .failure(Failure(offset: termStart, message: "units in `\(text)` must go from largest to smallest", expected: durationExpected))
            }
            lastFactor = factor
            total += v * factor
            i += unit.count
            terms += 1
        }
        guard terms > 0 else {
            return .failure(Failure(offset: 0, message: "empty duration", expected: durationExpected))
        }
        return .success(sign * total)
    }

    private static func matches(_ s: [Character], _ i: Int, _ unit: String) -> Bool {
        let u = Array(unit)
        guard i + u.count <= s.count, Array(s[i..<(i + u.count)]) == u else { return false }
        // `min` must not be read as `m` + garbage, nor `ms` as `m`: require a digit or the end next.
        let after = i + u.count
        return after == s.count || (s[after].isASCII && s[after].isNumber)
    }

    // MARK: Rates

    /// A rate `<count>/<unit>`, in events per second.
    static func rate(_ text: String) -> Result<Double, Failure> {
        let s = chars(text)
        guard let slash = s.firstIndex(of: "/") else {
            return .failure(Failure(offset: s.count, message: "`\(text)` has no time unit", expected: rateExpected))
        }
        let amountText = String(s[..<slash])
        let amount: Double
        switch count(amountText) {
        case .success(let v): amount = v
        case .failure(let f): return .failure(Failure(offset: f.offset, message: "`\(text)` is not a rate", expected: rateExpected))
        }
        let unitText = String(s[(slash + 1)...])
        let per: Double
        if let u = durationUnits.first(where: { $0.0 == unitText }) {
            per = u.1
        } else if case .success(let d) = duration(unitText), d > 0 {
            per = d   // `5/10min`
        } else {
            return .failure(Failure(offset: slash + 1, message: "unknown time unit `\(unitText)` in rate", expected: "one of /ms, /s, /min, /h, /d"))
        }
        return .success(amount / per)
    }

    // MARK: Shares

    /// A share: `35%` or a fraction `0.35`. Range checks are the caller's, who knows
    /// whether 100% is the limit.
    static func share(_ text: String) -> Result<Double, Failure> {
        let s = chars(text)
        var i = 0
        guard let v = scanNumber(s, &i) else {
            return .failure(Failure(offset: 0, message: "`\(text)` is not a share", expected: shareExpected))
        }
        if i < s.count, s[i] == "%", i + 1 == s.count { return .success(v / 100) }
        guard i == s.count else {
            return .failure(Failure(offset: i, message: "unexpected `\(String(s[i...]))` in share `\(text)`", expected: shareExpected))
        }
        return .success(v)
    }

    // MARK: Clock times

    /// `HH:MM` or `HH:MM:SS` as seconds from midnight; hours past 23 continue into the
    /// next days (`30:00` is 06:00 the day after).
    static func clock(_ text: String) -> Result<Double, Failure> {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
              parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
            return .failure(Failure(offset: 0, message: "`\(text)` is not a clock time", expected: clockExpected))
        }
        let numbers = parts.map { Int($0)! }
        var offset = parts[0].count + 1
        for (k, n) in numbers.enumerated().dropFirst() {
            guard parts[k].count == 2, n < 60 else {
                return .failure(Failure(offset: offset, message: "`\(parts[k])` is not valid minutes or seconds in `\(text)`",
                                        expected: "two digits 00–59"))
            }
            offset += parts[k].count + 1
        }
        guard numbers[0] <= 240 else {
            return .failure(Failure(offset: 0, message: "hour \(numbers[0]) in `\(text)` is beyond ten days", expected: clockExpected))
        }
        return .success(Double(numbers[0] * 3600 + numbers[1] * 60 + (numbers.count == 3 ? numbers[2] : 0)))
    }

    // MARK: Formatting (for messages and the documentation)

    static func formatDuration(_ seconds: Double) -> String {
        if seconds == 0 { return "0s" }
        if seconds < 1 { return "\(formatNumber(seconds * 1000))ms" }
        if seconds.truncatingRemainder(dividingBy: 3600) == 0 { return "\(formatNumber(seconds / 3600))h" }
        if seconds.truncatingRemainder(dividingBy: 60) == 0 { return "\(formatNumber(seconds / 60))min" }
        return "\(formatNumber(seconds))s"
    }

    static func formatClock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        let h = s / 3600, m = (s % 3600) / 60, sec = s % 60
        func two(_ x: Int) -> String { x < 10 ? "0\(x)" : "\(x)" }
        return sec == 0 ? "\(two(h)):\(two(m))" : "\(two(h)):\(two(m)):\(two(sec))"
    }

    static func formatNumber(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        return String(x)
    }
}
