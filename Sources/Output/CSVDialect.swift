/// How a CSV file spells its separators, decimal point and preamble.
///
/// Two dialects exist because planners open the files in two kinds of tools: scripts and
/// notebooks want RFC 4180 with `,` and `.`; a spreadsheet set to French reads `;` as the
/// separator, `,` as the decimal point, and only detects UTF-8 when a byte order mark is
/// present. Everything else (quoting, line endings, number spelling) is shared, so the two
/// dialects hold exactly the same data. See `docs/csv-format.md`.
public struct CSVDialect: Sendable, Hashable, CustomStringConvertible {
    /// The name used on the command line and in `manifest.json`.
    public let name: String
    /// The field separator, one ASCII byte.
    public let separator: UInt8
    /// The decimal point used in number cells, one ASCII byte.
    public let decimalPoint: UInt8
    /// Whether the file starts with the UTF-8 byte order mark `EF BB BF`.
    public let byteOrderMark: Bool

    /// Records end with CR LF in every dialect, as RFC 4180 §2.1 says; readers accept LF too.
    public static let lineEnding: [UInt8] = [0x0D, 0x0A]
    /// The UTF-8 byte order mark.
    public static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// RFC 4180: `,` separator, `.` decimal point, no byte order mark.
    public static let standard = CSVDialect(
        name: "standard", separator: UInt8(ascii: ","), decimalPoint: UInt8(ascii: "."),
        byteOrderMark: false)

    /// French spreadsheets: `;` separator, decimal comma, UTF-8 byte order mark.
    public static let excelFR = CSVDialect(
        name: "excel-fr", separator: UInt8(ascii: ";"), decimalPoint: UInt8(ascii: ","),
        byteOrderMark: true)

    /// Every dialect, in the order the CLI lists them.
    public static let all: [CSVDialect] = [.standard, .excelFR]

    /// Looks a dialect up by its command-line name (`standard`, `excel-fr`).
    public init?(name: String) {
        guard let found = Self.all.first(where: { $0.name == name }) else { return nil }
        self = found
    }

    private init(name: String, separator: UInt8, decimalPoint: UInt8, byteOrderMark: Bool) {
        self.name = name
        self.separator = separator
        self.decimalPoint = decimalPoint
        self.byteOrderMark = byteOrderMark
    }

    public var description: String { name }

    /// Guesses the dialect of existing CSV bytes, so `affluence report DIR` reads either kind.
    ///
    /// A byte order mark or a `;` in the header line before any `,` means `excel-fr`; anything
    /// else is `standard`. Header lines are plain column names, so the guess is reliable for
    /// the files Affluence writes.
    public static func detect(_ bytes: some Collection<UInt8>) -> CSVDialect {
        if bytes.starts(with: utf8BOM) { return .excelFR }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: ";"): return .excelFR
            case UInt8(ascii: ","), 0x0A, 0x0D: return .standard
            default: continue
            }
        }
        return .standard
    }
}
