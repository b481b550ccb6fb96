/// Text and number spelling for the report, locale-free so the same CSV gives the same page.
enum SVGText {
    /// Escapes text for HTML and SVG content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// `value` rounded to `decimals` places, without exponent, `-0` written `0`.
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "" }
        let places = max(0, min(decimals, 9))
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9.0e18 else { return value.description }
        let integer = Int64(scaled)
        let negative = value < 0 && integer != 0
        var digits = String(integer)
        if places > 0 {
            if digits.count <= places {
                digits = String(repeating: "0", count: places - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -places))
        }
        return negative ? "-" + digits : digits
    }

    /// A coordinate: two decimals with trailing zeros dropped (short paths, stable bytes).
    static func coordinate(_ value: Double) -> String {
        var text = fixed(value, decimals: 2)
        if text.utf8.contains(UInt8(ascii: ".")) {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// A figure for people: about `digits` significant digits, `k`/`M` past ten thousand.
    static func figure(_ value: Double, digits: Int = 3) -> String {
        guard value.isFinite else { return "–" }
        let magnitude = abs(value)
        if magnitude >= 1e9 { return figure(value / 1e9, digits: digits) + "G" }
        if magnitude >= 1e6 { return figure(value / 1e6, digits: digits) + "M" }
        if magnitude >= 1e4 { return figure(value / 1e3, digits: digits) + "k" }
        if magnitude == 0 { return "0" }
        var order = 0
        var probe = magnitude
        while probe >= 10 { probe /= 10; order += 1 }
        while probe < 1 { probe *= 10; order -= 1 }
        let decimals = max(0, digits - 1 - order)
        var text = fixed(value, decimals: min(decimals, 6))
        if text.utf8.contains(UInt8(ascii: ".")) {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// A tick label for a tick at `value` on an axis stepping by `step`.
    static func tick(_ value: Double, step: Double) -> String {
        let magnitude = max(abs(value), step)
        if magnitude >= 1e4 {
            if value == 0 { return "0" }
            let (divisor, suffix) = magnitude >= 1e9 ? (1e9, "G") : magnitude >= 1e6 ? (1e6, "M") : (1e3, "k")
            return fixed(value / divisor, decimals: decimalsFor(step: step / divisor)) + suffix
        }
        return fixed(value, decimals: decimalsFor(step: step))
    }

    private static func decimalsFor(step: Double) -> Int {
        guard step > 0, step.isFinite else { return 0 }
        var decimals = 0
        var probe = step
        while probe < 0.999_999, decimals < 9 {
            probe *= 10
            decimals += 1
        }
        // A step like 2.5 needs one more place than its order suggests.
        let scaled = step * pow10(decimals)
        if abs(scaled - scaled.rounded()) > 1e-9 { decimals += 1 }
        return decimals
    }

    private static func pow10(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<n { result *= 10 }
        return result
    }
}
