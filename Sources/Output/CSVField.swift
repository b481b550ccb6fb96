/// One cell of a CSV row, typed so the writer knows whether it is text or a number.
///
/// The distinction matters twice: number cells follow the dialect's decimal point and are
/// never formula-neutralised (so `-3.5` stays a number), while text cells are neutralised
/// (so a segment named `=HYPERLINK(...)` stays text). See `docs/csv-format.md`.
public enum CSVField: Sendable, Hashable {
    /// Free text: names, ids, clock times. Neutralised and quoted as needed.
    case text(String)
    /// A real number, written in the shortest form that reads back to the same `Double`.
    /// NaN and infinities are written as an empty cell (the figure is undefined).
    case number(Double)
    /// A whole number, written without a decimal point.
    case integer(Int)
    /// An empty cell: a figure that does not apply (a baseline's difference, say).
    case empty
}

extension CSVField {
    /// A number cell, or an empty cell when the figure is absent.
    public static func number(_ value: Double?) -> CSVField {
        value.map(CSVField.number) ?? .empty
    }

    /// An integer cell, or an empty cell when the figure is absent.
    public static func integer(_ value: Int?) -> CSVField {
        value.map(CSVField.integer) ?? .empty
    }
}
