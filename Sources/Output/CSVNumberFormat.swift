/// Spells numbers for CSV cells the same way on every machine.
///
/// The process locale is never consulted (no `String(format:)`, no `NumberFormatter`): the
/// same seed must give byte-identical files in Paris and in CI. Doubles use Swift's
/// `description`, which is the shortest decimal that reads back to the same bit pattern
/// (and is implemented in the Swift runtime, not by the C library). Whole numbers below
/// 2^53 drop the `.0` so counts look like counts.
public enum CSVNumberFormat {
    /// Whole doubles at or above this magnitude keep Swift's exponent spelling (`1e+16`).
    static let integralLimit = 9_007_199_254_740_992.0  // 2^53

    /// The cell text of a double in a dialect, or `nil` for NaN and infinities (empty cell).
    ///
    /// `-0.0` is written `0`, so a sign that carries no information never changes bytes.
    public static func format(_ value: Double, dialect: CSVDialect = .standard) -> String? {
        guard value.isFinite else { return nil }
        if value == 0 { return "0" }
        let text: String
        if value == value.rounded(.towardZero), abs(value) < integralLimit {
            text = String(Int64(value))
        } else {
            text = value.description
        }
        return withDecimalPoint(text, dialect: dialect)
    }

    /// The cell text of an integer: plain digits with an optional leading `-`.
    public static func format(_ value: Int) -> String {
        String(value)
    }

    /// Reads a number cell written by `format` (or by a person) in the given dialect.
    ///
    /// Empty cells, `nan` and anything that is not a decimal number read as `nil`.
    public static func parse(_ text: some StringProtocol, dialect: CSVDialect = .standard)
        -> Double?
    {
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty else { return nil }
        var normalised = trimmed
        if dialect.decimalPoint != UInt8(ascii: ".") {
            let comma = Character(Unicode.Scalar(dialect.decimalPoint))
            normalised = String(trimmed.map { $0 == comma ? "." : $0 })
        }
        guard let value = Double(normalised), value.isFinite else { return nil }
        return value
    }

    private static func withDecimalPoint(_ text: String, dialect: CSVDialect) -> String {
        guard dialect.decimalPoint != UInt8(ascii: ".") else { return text }
        let point = Character(Unicode.Scalar(dialect.decimalPoint))
        return String(text.map { $0 == "." ? point : $0 })
    }
}

extension StringProtocol {
    /// The text without leading and trailing ASCII spaces and tabs (Foundation-free).
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isSpace($0) }),
            let end = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[start...end])
    }
}
