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

    /// Reads a number cell in the given dialect, spelled the way `format` spells numbers.
    ///
    /// Strict, because a cell that reads as some number other than the one written is worse
    /// than an error: `-`? digits, then optionally the dialect's decimal point and digits, then
    /// optionally `e` or `E`, a sign and digits. So no spaces, no `+` sign, no hexadecimal
    /// (`0x1p3`), no `nan` or `inf`, and no `.` in a file whose dialect uses a decimal comma.
    /// Empty cells and anything else read as `nil`.
    public static func parse(_ text: some StringProtocol, dialect: CSVDialect = .standard)
        -> Double?
    {
        var normalised: [UInt8] = []
        normalised.reserveCapacity(text.utf8.count)
        var position = text.utf8.startIndex
        let bytes = text.utf8
        func take(_ accept: (UInt8) -> Bool) -> Int {
            var count = 0
            while position < bytes.endIndex, accept(bytes[position]) {
                normalised.append(bytes[position])
                position = bytes.index(after: position)
                count += 1
            }
            return count
        }
        let isDigit = { (byte: UInt8) in (0x30...0x39).contains(byte) }
        func next(_ byte: UInt8) -> Bool {
            guard position < bytes.endIndex, bytes[position] == byte else { return false }
            position = bytes.index(after: position)
            return true
        }
        if next(UInt8(ascii: "-")) { normalised.append(UInt8(ascii: "-")) }
        guard take(isDigit) > 0 else { return nil }
        if next(dialect.decimalPoint) {
            normalised.append(UInt8(ascii: "."))
            guard take(isDigit) > 0 else { return nil }
        }
        if next(UInt8(ascii: "e")) || next(UInt8(ascii: "E")) {
            normalised.append(UInt8(ascii: "e"))
            if next(UInt8(ascii: "-")) {
                normalised.append(UInt8(ascii: "-"))
            } else if next(UInt8(ascii: "+")) {
                normalised.append(UInt8(ascii: "+"))
            }
            guard take(isDigit) > 0 else { return nil }
        }
        guard position == bytes.endIndex, let value = Double(String(decoding: normalised, as: UTF8.self)),
            value.isFinite
        else { return nil }
        return value
    }

    /// Whether a cell is a whole number `0`, `1`, … as `format(_: Int)` writes counts.
    static func isCount(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.utf8.count <= 18 && text.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }

    private static func withDecimalPoint(_ text: String, dialect: CSVDialect) -> String {
        guard dialect.decimalPoint != UInt8(ascii: ".") else { return text }
        let point = Character(Unicode.Scalar(dialect.decimalPoint))
        return String(text.map { $0 == "." ? point : $0 })
    }
}
