/// Keeps spreadsheets from running text cells as formulas (CSV injection).
///
/// Following the OWASP "CSV Injection" guidance, a text cell that starts with `=`, `+`, `-`,
/// `@`, a tab or a carriage return gets a leading `'`, which spreadsheets show as text.
/// Scenario files are written by people and may be shared, so a segment named
/// `=HYPERLINK("…")` must not become a link in the planner's spreadsheet. Number cells are
/// never touched: `-3.5` is a number, not a formula.
///
/// To stay lossless the guard also prefixes text that already starts with one or more `'`
/// followed by a trigger character, so `unneutralise` can drop exactly one `'`.
public enum CSVFormulaGuard {
    /// The first characters a spreadsheet treats as the start of a formula.
    /// Compared as Unicode scalars, because CR LF is a single `Character` in Swift.
    public static let triggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// The text as it must be written in a text cell.
    public static func neutralise(_ text: String) -> String {
        needsPrefix(text) ? "'" + text : text
    }

    /// The original text of a text cell written by `neutralise`.
    public static func unneutralise(_ text: String) -> String {
        guard text.first == "'", needsPrefix(String(text.dropFirst())) else { return text }
        return String(text.dropFirst())
    }

    private static func needsPrefix(_ text: String) -> Bool {
        // The first scalar after any run of quotes decides.
        guard let first = text.unicodeScalars.first(where: { $0 != "'" }) else { return false }
        // A switch rather than `triggers.contains`: this runs for every text cell of every
        // row, and hashing a scalar costs more than the comparisons.
        switch first {
        case "=", "+", "-", "@", "\t", "\r": return true
        default: return false
        }
    }
}
