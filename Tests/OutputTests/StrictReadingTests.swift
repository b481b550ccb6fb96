import Foundation
import Testing

@testable import Output

/// Class 8 of issue 19: a damaged CSV file is an error naming its file, line and column,
/// even when its manifest was made to match (a writer bug, a manifest rewritten by hand).
/// The seal (`FolderSealTests`) catches the same damage earlier; this is the reader behind it.
@Suite("Strict reading: header, field count, numbers per dialect, UTF-8, cell kinds")
struct StrictReadingTests {
    /// How a case damages its file.
    enum Edit: Sendable {
        /// Field `field` (0-based) of physical line `line` (1-based) becomes `value`; the
        /// error is expected at that field's start.
        case cell(line: Int, field: Int, value: [UInt8])
        /// Any change of the bytes, with the expected line and column.
        case bytes(@Sendable ([UInt8]) -> [UInt8], line: Int, column: Int)
    }

    struct Garble: Sendable, CustomTestStringConvertible {
        let label: String
        var dialect: CSVDialect = .standard
        let file: String
        let edit: Edit
        /// Words the message must hold.
        let says: String
        var testDescription: String { "\(label) (\(dialect.name))" }
    }

    static func text(_ value: String) -> [UInt8] { Array(value.utf8) }

    static let garbles: [Garble] = [
        // Headers.
        Garble(label: "a renamed header column", file: "timeseries.csv", edit: .cell(line: 1, field: 2, value: text("replicaton")),
               says: "header column 3 is 'replicaton' (expected 'replication'"),
        Garble(label: "a deleted header line", file: "timeseries.csv",
               edit: .bytes({ Array($0.drop { $0 != 0x0A }.dropFirst()) }, line: 1, column: 1), says: "header column 1 is 'synthetic'"),
        Garble(label: "a header missing its last column", file: "summary.csv",
               edit: .bytes({ replace($0, ",mean_clock\r\n", "\r\n") }, line: 1, column: 0), says: "the header has 10 columns (expected 11"),
        Garble(label: "a renamed summary column", file: "summary.csv", edit: .cell(line: 1, field: 6, value: text("average")),
               says: "header column 7 is 'average' (expected 'mean'"),
        Garble(label: "a sweep header without its tail", file: "sweep.csv", edit: .cell(line: 1, field: 3, value: text("metrics")),
               says: "header column 4 is 'metrics' (expected 'metric'"),
        // Dialects.
        Garble(label: "a standard file declared excel-fr", dialect: .excelFR, file: "timeseries.csv",
               edit: .bytes({ replace(Array($0.dropFirst(3)), ";", ",", all: true) }, line: 1, column: 1), says: "no UTF-8 byte order mark"),
        Garble(label: "a ,-separated file with a BOM declared excel-fr", dialect: .excelFR, file: "timeseries.csv",
               edit: .bytes({ replace($0, ";", ",", all: true) }, line: 1, column: 1), says: "header column 1 is 'scenario,policy"),
        Garble(label: "a decimal point in an excel-fr file", dialect: .excelFR, file: "timeseries.csv",
               edit: .cell(line: 2, field: 8, value: text("1.5")), says: "'1.5' in column value (expected a number in the excel-fr dialect"),
        Garble(label: "a thousands separator in an excel-fr file", dialect: .excelFR, file: "summary.csv",
               edit: .cell(line: 2, field: 6, value: text("27 100")), says: "'27 100' in column mean"),
        Garble(label: "a byte order mark in a standard file", file: "summary.csv",
               edit: .bytes({ CSVDialect.utf8BOM + $0 }, line: 1, column: 1), says: "a UTF-8 byte order mark (expected none"),
        // Numbers.
        Garble(label: "a hex number", file: "timeseries.csv", edit: .cell(line: 2, field: 8, value: text("0x1p3")), says: "'0x1p3' in column value"),
        Garble(label: "nan", file: "timeseries.csv", edit: .cell(line: 3, field: 8, value: text("nan")), says: "'nan' in column value"),
        Garble(label: "inf", file: "timeseries.csv", edit: .cell(line: 3, field: 8, value: text("inf")), says: "'inf' in column value"),
        Garble(label: "a leading space", file: "timeseries.csv", edit: .cell(line: 4, field: 8, value: text(" 3")), says: "' 3' in column value"),
        Garble(label: "a plus sign", file: "timeseries.csv", edit: .cell(line: 4, field: 8, value: text("+3")), says: "'+3' in column value"),
        Garble(label: "an exponent without digits", file: "timeseries.csv", edit: .cell(line: 5, field: 8, value: text("1e")), says: "'1e' in column value"),
        Garble(label: "a number too large for a double", file: "timeseries.csv", edit: .cell(line: 5, field: 8, value: text("1e400")), says: "'1e400' in column value"),
        Garble(label: "two decimal points", file: "sweep.csv", edit: .cell(line: 2, field: 7, value: text("0.0.5")), says: "'0.0.5' in column mean"),
        Garble(label: "text in a number column", file: "summary.csv", edit: .cell(line: 2, field: 6, value: text("12O")), says: "'12O' in column mean"),
        // Text.
        Garble(label: "a NUL byte in a cell", file: "timeseries.csv", edit: .cell(line: 2, field: 6, value: [0x65, 0x00, 0x66]), says: "a NUL byte in a cell"),
        Garble(label: "invalid UTF-8 in a cell", file: "timeseries.csv", edit: .cell(line: 2, field: 6, value: [0x65, 0xFF, 0x66]), says: "not valid UTF-8"),
        Garble(label: "a truncated UTF-8 sequence", file: "summary.csv", edit: .cell(line: 2, field: 3, value: [0x65, 0xC3]), says: "not valid UTF-8"),
        Garble(label: "seconds in summary.csv's HH:MM column", file: "summary.csv", edit: .cell(line: 2, field: 10, value: text("07:32:00")),
               says: "'07:32:00' in column mean_clock (expected a time of day HH:MM, or an empty cell)"),
        // Interval and count columns.
        Garble(label: "abc as a clock time", file: "timeseries.csv", edit: .cell(line: 2, field: 3, value: text("abc")),
               says: "'abc' in column interval_start_clock (expected a time of day HH:MM:SS)"),
        Garble(label: "99:99:99 as a clock time", file: "timeseries.csv", edit: .cell(line: 3, field: 3, value: text("99:99:99")),
               says: "'99:99:99' in column interval_start_clock"),
        Garble(label: "a one-digit hour", file: "timeseries.csv", edit: .cell(line: 3, field: 3, value: text("6:00:00")),
               says: "'6:00:00' in column interval_start_clock"),
        Garble(label: "an empty clock time", file: "timeseries.csv", edit: .cell(line: 3, field: 3, value: []),
               says: "'' in column interval_start_clock"),
        Garble(label: "abc as an interval start", file: "timeseries.csv", edit: .cell(line: 2, field: 4, value: text("abc")),
               says: "'abc' in column interval_start_s (expected a number"),
        Garble(label: "an empty interval start", file: "timeseries.csv", edit: .cell(line: 2, field: 4, value: []),
               says: "'' in column interval_start_s"),
        Garble(label: "a fractional replication", file: "timeseries.csv", edit: .cell(line: 2, field: 2, value: text("1.5")),
               says: "'1.5' in column replication (expected a whole number"),
        Garble(label: "a negative replication", file: "timeseries.csv", edit: .cell(line: 2, field: 2, value: text("-1")),
               says: "'-1' in column replication"),
        Garble(label: "a word as a count", file: "summary.csv", edit: .cell(line: 2, field: 9, value: text("two")),
               says: "'two' in column replications"),
        Garble(label: "a word as a rank", file: "comparison.csv", edit: .cell(line: 2, field: 9, value: text("first")),
               says: "'first' in column rank"),
        Garble(label: "a dash as a difference", file: "comparison.csv", edit: .cell(line: 3, field: 7, value: text("-")),
               says: "'-' in column diff_vs_baseline"),
        Garble(label: "a word as a sweep point", file: "sweep.csv", edit: .cell(line: 3, field: 0, value: text("p2")),
               says: "'p2' in column point"),
        // Structure.
        Garble(label: "an extra field", file: "timeseries.csv",
               edit: .bytes({ replace($0, "desired_sessions,1001\r\n", "desired_sessions,1001,x\r\n") }, line: 2, column: 0),
               says: "10 fields (expected 9, as in the header)"),
        Garble(label: "a record cut mid-way", file: "summary.csv",
               edit: .bytes({ Array($0.dropLast(9)) }, line: 6, column: 0), says: "fields (expected 11, as in the header)"),
        Garble(label: "an unterminated quote", file: "timeseries.csv",
               edit: .bytes({ replace($0, ",ent-idf,", ",\"ent-idf,") }, line: 2, column: 42), says: "unterminated quoted field"),
    ]

    /// `bytes` with the first (or every) `old` replaced by `new`.
    static func replace(_ bytes: [UInt8], _ old: String, _ new: String, all: Bool = false) -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let range = text.range(of: old) else { return bytes }
        return Array((all ? text.replacingOccurrences(of: old, with: new) : text.replacingCharacters(in: range, with: new)).utf8)
    }

    /// Replaces one field of one line (no quoted fields on it); returns the bytes and the
    /// 1-based byte column where the field starts (the byte order mark is not counted).
    static func replaceCell(_ bytes: [UInt8], line: Int, field: Int, value: [UInt8], dialect: CSVDialect) throws -> ([UInt8], Int) {
        let bom = bytes.starts(with: CSVDialect.utf8BOM) ? 3 : 0
        var lines = Array(bytes.dropFirst(bom)).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        var fields = lines[line - 1].dropLast().split(separator: dialect.separator, omittingEmptySubsequences: false).map(Array.init)
        #expect(!lines[line - 1].contains(UInt8(ascii: "\"")), "line \(line) must hold no quoted field")
        let column = fields[..<field].reduce(1) { $0 + $1.count + 1 }
        fields[field] = value
        lines[line - 1] = Array(fields.joined(separator: [dialect.separator])) + [0x0D]
        return (Array(bytes.prefix(bom)) + Array(lines.joined(separator: [0x0A])), column)
    }

    @Test("each damaged CSV file is an error naming its file, line and column", arguments: garbles)
    func garbledFileIsRefused(garble: Garble) throws {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        if [CSVSchema.comparisonFile, CSVSchema.sweepFile].contains(garble.file) {
            _ = try Fixtures.runFolder(garble.dialect, at: root)
        } else {
            _ = try ReportRegenerationTests.writeRun(garble.dialect, at: root)
        }
        try ReportPage.regenerate(folder: root)  // intact, it reads
        let url = root.appendingPathComponent(garble.file)
        let original = try Support.bytes(at: url)
        let (damaged, line, column): ([UInt8], Int, Int)
        switch garble.edit {
        case .cell(let l, let field, let value):
            let (bytes, start) = try Self.replaceCell(original, line: l, field: field, value: value, dialect: garble.dialect)
            (damaged, line, column) = (bytes, l, start + (value.firstIndex(of: 0) ?? 0))
        case .bytes(let change, let l, let c):
            (damaged, line, column) = (change(original), l, c)
        }
        #expect(damaged != original)
        try Data(damaged).write(to: url)
        try Support.reseal(root)
        let error = #expect(throws: CSVError.self) { try ReportPage.regenerate(folder: root) }
        #expect(error?.file == garble.file)
        #expect(error?.line == line, "\(String(describing: error))")
        #expect(error?.column == column, "\(String(describing: error))")
        #expect(error?.message.contains(garble.says) == true, "\(String(describing: error))")
    }

    @Test("numbers read strictly: the writer's spellings only", arguments: CSVDialect.all)
    func numberSyntax(dialect: CSVDialect) {
        let point = dialect == .standard ? "." : ","
        for good in ["0", "-3", "1234\(point)5", "2\(point)5e-07", "1e+16", "5e-324", "007"] {
            #expect(CSVNumberFormat.parse(good, dialect: dialect) != nil, "\(good)")
        }
        let other = dialect == .standard ? "," : "."
        for bad in ["", " 1", "1 ", "+1", "0x10", "0x1p3", "nan", "inf", "-inf", "1e", "e5", "\(point)5", "5\(point)", "1\(other)5",
                    "1e400", "1_000", "١٢", "--1", "1e5.5"] {
            #expect(CSVNumberFormat.parse(bad, dialect: dialect) == nil, "\(bad)")
        }
    }

    @Test("a file larger than the size it may have is refused before it is read")
    func boundedRead() throws {
        let root = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("summary.csv")
        try Data(repeating: UInt8(ascii: "a"), count: 1000).write(to: url)
        let error = #expect(throws: OutputError.self) { _ = try CSVReader.table(at: url, limit: 999) }
        #expect(error?.message.contains("1000 bytes, more than the 999") == true)
        _ = try CSVReader.table(at: url, limit: 1000)
    }
}
