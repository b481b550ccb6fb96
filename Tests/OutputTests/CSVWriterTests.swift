import Testing

@testable import Output

@Suite("CSV writer: quoting, numbers, formula neutralisation")
struct CSVWriterTests {
    func encode(_ fields: [CSVField], _ dialect: CSVDialect = .standard) -> String {
        var writer = CSVWriter(dialect: dialect)
        writer.writeRecord(fields)
        return String(decoding: writer.takeBytes(), as: UTF8.self)
    }

    @Test("quotes fields holding the separator, quotes, CR or LF, and doubles inner quotes")
    func quoting() {
        #expect(encode([.text("plain"), .text("a,b"), .text("say \"hi\""), .text("two\nlines"), .text("cr\rhere")])
            == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\"\r\n")
        // In excel-fr the comma is not the separator: no quotes needed, but ';' is quoted.
        #expect(encode([.text("a,b"), .text("a;b")], .excelFR) == "\u{FEFF}a,b;\"a;b\"\r\n")
    }

    @Test("records end with CR LF and excel-fr starts with a byte order mark")
    func lineEndingsAndBOM() {
        let standard = CSVWriter.encode(header: ["a", "b"], records: [[.integer(1), .integer(2)]], dialect: .standard)
        #expect(standard == Array("a,b\r\n1,2\r\n".utf8))
        let french = CSVWriter.encode(header: ["a", "b"], records: [[.number(1.5), .number(-2.25)]], dialect: .excelFR)
        #expect(french == [0xEF, 0xBB, 0xBF] + Array("a;b\r\n1,5;-2,25\r\n".utf8))
    }

    @Test("numbers are spelled the same on every machine", arguments: [
        (0.1, "0.1", "0,1"), (1.0, "1", "1"), (-3.5, "-3.5", "-3,5"), (1e-5, "1e-05", "1e-05"),
        (2.5e-7, "2.5e-07", "2,5e-07"), (1e20, "1e+20", "1e+20"), (123_456_789.0, "123456789", "123456789"),
        (-0.0, "0", "0"), (1.0 / 3.0, "0.3333333333333333", "0,3333333333333333"),
        (9_007_199_254_740_991.0, "9007199254740991", "9007199254740991"), (0.30000000000000004, "0.30000000000000004", "0,30000000000000004"),
    ])
    func numberSpelling(value: Double, standard: String, french: String) {
        #expect(CSVNumberFormat.format(value, dialect: .standard) == standard)
        #expect(CSVNumberFormat.format(value, dialect: .excelFR) == french)
    }

    @Test("NaN and infinities are empty cells; integers have no decimal point")
    func undefinedFigures() {
        #expect(CSVNumberFormat.format(Double.nan) == nil)
        #expect(CSVNumberFormat.format(Double.infinity) == nil)
        #expect(CSVNumberFormat.format(-Double.infinity) == nil)
        #expect(encode([.number(.nan), .number(nil), .integer(nil), .empty, .integer(-42)]) == ",,,,-42\r\n")
    }

    @Test("every finite double reads back bit for bit in both dialects")
    func numberRoundTrip() {
        var rng = SplitMix64(state: 7)
        for _ in 0..<20_000 {
            let value = Double(bitPattern: rng.next())
            guard value.isFinite else { continue }
            for dialect in CSVDialect.all {
                let text = CSVNumberFormat.format(value, dialect: dialect)
                let back = text.flatMap { CSVNumberFormat.parse($0, dialect: dialect) }
                #expect(back == (value == 0 ? 0 : value), "\(value) written \(text ?? "nil") in \(dialect)")
            }
        }
    }

    @Test("text cells that a spreadsheet would run are prefixed with a quote", arguments: [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"), ("+33 1 23", "'+33 1 23"), ("-3.5", "'-3.5"),
        ("@cmd", "'@cmd"), ("\tindent", "'\tindent"), ("\rcarriage", "'\rcarriage"),
        ("'=already", "''=already"), ("ent-idf", "ent-idf"), ("it's fine", "it's fine"), ("", ""),
    ])
    func neutralisation(original: String, written: String) {
        #expect(CSVFormulaGuard.neutralise(original) == written)
        #expect(CSVFormulaGuard.unneutralise(written) == original)
    }

    @Test("number cells are never neutralised, text cells always are")
    func numbersUntouched() {
        #expect(encode([.number(-3.5), .integer(-2), .text("-3.5"), .text("=1+1")]) == "-3.5,-2,'-3.5,'=1+1\r\n")
        #expect(encode([.number(-3.5), .text("=HYPERLINK(\"x\";\"y\")")], .excelFR)
            == "\u{FEFF}-3,5;\"'=HYPERLINK(\"\"x\"\";\"\"y\"\")\"\r\n")
    }

    @Test("clock times are HH:MM:SS, running past 24 h after midnight")
    func clock() {
        #expect(ClockTime(origin: ClockTime(secondsOfDay: 6 * 3600), plus: 5430.9).description == "07:30:30")
        #expect(ClockTime(secondsOfDay: 25 * 3600 + 61).description == "25:01:01")
        #expect(ClockTime(parsing: "08:30")?.secondsOfDay == 30_600)
        #expect(ClockTime(parsing: "08:30:15")?.secondsOfDay == 30_615)
        #expect(ClockTime(parsing: "8h30") == nil)
        #expect(ClockTime(parsing: "08:75") == nil)
    }
}
