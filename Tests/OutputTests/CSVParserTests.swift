import Testing

@testable import Output

@Suite("CSV parser: RFC 4180 round trips and errors that name the place")
struct CSVParserTests {
    /// Characters chosen to hit every quoting rule plus multi-byte UTF-8.
    static let alphabet: [Character] = [
        "a", "Z", "0", " ", ",", ";", "\"", "'", "\n", "\r", "\r\n", "\t", "=", "+", "-", "@",
        "é", "È", "ç", "—", "€", "日", "本", "😀", "🇫🇷",
    ]

    static func randomText(_ rng: inout SplitMix64) -> String {
        let length = rng.below(12)
        return String((0..<length).map { _ in alphabet[rng.below(alphabet.count)] })
    }

    @Test("random text survives write then parse in both dialects", arguments: CSVDialect.all)
    func textRoundTrip(dialect: CSVDialect) throws {
        var rng = SplitMix64(state: dialect == .standard ? 1 : 2)
        for _ in 0..<300 {
            let width = 1 + rng.below(5)
            let header = (0..<width).map { "c\($0)" }
            let rows = (0..<(1 + rng.below(6))).map { _ in (0..<width).map { _ in Self.randomText(&rng) } }
            let bytes = CSVWriter.encode(header: header, records: rows.map { $0.map(CSVField.text) }, dialect: dialect)
            let table = try CSVReader.parse(bytes)
            #expect(table.header.dialect == dialect)
            #expect(table.header.columns == header)
            // A record of one empty cell is a blank line and is skipped by design.
            let expected = rows.filter { $0 != [""] }
            #expect(table.records.count == expected.count)
            for (record, row) in zip(table.records, expected) {
                #expect(header.map { record.text($0) } == row.map { Optional($0) })
            }
        }
    }

    @Test("numbers and empty cells read back in both dialects", arguments: CSVDialect.all)
    func numberRoundTrip(dialect: CSVDialect) throws {
        let bytes = CSVWriter.encode(
            header: ["x", "y", "n"], records: [[.number(-3.5), .number(.nan), .integer(7)], [.number(1e-05), .empty, .integer(-1)]],
            dialect: dialect)
        let table = try CSVReader.parse(bytes)
        #expect(table.records.map { $0.number("x") } == [-3.5, 1e-05])
        #expect(table.records.map { $0.number("y") } == [nil, nil])
        #expect(table.records.map { $0.number("n") } == [7, -1])
    }

    @Test("LF-only files, a missing last line ending and chunk boundaries are all fine")
    func lenientLineEndings() throws {
        let text = "a,b\n1,\"x\ny\"\n2,z"
        let bytes = Array(text.utf8)
        let table = try CSVReader.parse(bytes)
        #expect(table.records.map(\.fields) == [["1", "x\ny"], ["2", "z"]])
        // Feed one byte at a time: the result must not depend on chunking.
        var parser = CSVParser(dialect: .standard)
        var records: [[String]] = []
        for byte in bytes { try parser.consume([byte]) { fields, _ in records.append(fields) } }
        try parser.finish { fields, _ in records.append(fields) }
        #expect(records == [["a", "b"], ["1", "x\ny"], ["2", "z"]])
    }

    @Test("a byte order mark split across chunks is still removed")
    func bomAcrossChunks() throws {
        var parser = CSVParser(dialect: .excelFR)
        var records: [[String]] = []
        for byte in [0xEF, 0xBB, 0xBF] + Array("a;b\r\n".utf8) {
            try parser.consume([UInt8(byte)]) { fields, _ in records.append(fields) }
        }
        try parser.finish { fields, _ in records.append(fields) }
        #expect(records == [["a", "b"]])
    }

    @Test("an unterminated quote is reported at the opening quote")
    func unterminated() {
        #expect(throws: CSVError(
            file: "t.csv", line: 2, column: 3,
            message: "unterminated quoted field (expected a closing '\"' before the end of the file)")
        ) {
            _ = try CSVReader.parse(Array("a,b\r\n1,\"open\r\n".utf8), fileName: "t.csv")
        }
    }

    @Test("a quote inside an unquoted field and text after a closing quote are errors")
    func strayQuotes() throws {
        let stray = #expect(throws: CSVError.self) { _ = try CSVReader.parse(Array("a\r\nab\"c\r\n".utf8), fileName: "s.csv") }
        #expect(stray?.description.hasPrefix("s.csv:2:3: error: '\"' inside an unquoted field") == true)
        let after = #expect(throws: CSVError.self) { _ = try CSVReader.parse(Array("a\r\n\"x\"y\r\n".utf8), fileName: "s.csv") }
        #expect(after?.line == 2)
        #expect(after?.column == 4)
    }

    @Test("a record with the wrong number of fields names the file, the line and the expected width")
    func wrongWidth() {
        let error = #expect(throws: CSVError.self) { _ = try CSVReader.parse(Array("a,b,c\r\n1,2,3\r\n4,5\r\n".utf8), fileName: "summary.csv") }
        #expect(error?.description == "summary.csv:3: error: 2 fields (expected 3, as in the header)")
    }

    @Test("dialect detection: BOM or ';' means excel-fr")
    func detection() {
        #expect(CSVDialect.detect(Array("a,b;c\r\n".utf8)) == .standard)
        #expect(CSVDialect.detect(Array("a;b,c\r\n".utf8)) == .excelFR)
        #expect(CSVDialect.detect([0xEF, 0xBB, 0xBF] + Array("a,b".utf8)) == .excelFR)
        #expect(CSVDialect(name: "excel-fr") == .excelFR)
        #expect(CSVDialect(name: "excel") == nil)
    }
}
