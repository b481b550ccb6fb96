/// Encodes rows as RFC 4180 bytes in a dialect, into a buffer the caller drains.
///
/// The writer never touches files: a table writer feeds it rows and moves `bytes` to an
/// `AtomicFile` whenever the buffer grows past a chunk, so a day of per-minute series for
/// every entity streams out in constant memory.
///
/// Quoting follows RFC 4180 §2: a field is quoted when it contains the separator, a double
/// quote, CR or LF; embedded quotes are doubled; records end with CR LF. Text cells pass
/// through `CSVFormulaGuard` first; number cells through `CSVNumberFormat`.
public struct CSVWriter: Sendable {
    public let dialect: CSVDialect
    /// Encoded bytes not yet handed on. Starts with the byte order mark when the dialect has one.
    public private(set) var bytes: [UInt8] = []
    /// How many records (header included) were written.
    public private(set) var recordCount = 0

    public init(dialect: CSVDialect) {
        self.init(dialect: dialect, startsFile: true)
    }

    /// - Parameter startsFile: `false` for records that continue a file another writer
    ///   began (a part formatted on its own thread): no byte order mark then.
    public init(dialect: CSVDialect, startsFile: Bool) {
        self.dialect = dialect
        if startsFile && dialect.byteOrderMark { bytes.append(contentsOf: CSVDialect.utf8BOM) }
    }

    /// Writes a header record: column names are text cells like any other.
    public mutating func writeHeader(_ columns: [String]) {
        writeRecord(columns.map(CSVField.text))
    }

    /// Writes one record.
    public mutating func writeRecord(_ fields: [CSVField]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(dialect.separator) }
            appendField(field)
        }
        bytes.append(contentsOf: CSVDialect.lineEnding)
        recordCount += 1
    }

    /// Hands over the pending bytes and empties the buffer.
    public mutating func takeBytes() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }

    /// The cell text of a field before quoting (neutralised text or formatted number).
    public func cellText(_ field: CSVField) -> String {
        switch field {
        case .text(let text): return CSVFormulaGuard.neutralise(text)
        case .number(let value): return CSVNumberFormat.format(value, dialect: dialect) ?? ""
        case .integer(let value): return CSVNumberFormat.format(value)
        case .empty: return ""
        }
    }

    private mutating func appendField(_ field: CSVField) {
        let text = cellText(field)
        let utf8 = text.utf8
        let quote = UInt8(ascii: "\"")
        let needsQuotes = utf8.contains { byte in
            byte == dialect.separator || byte == quote || byte == 0x0A || byte == 0x0D
        }
        guard needsQuotes else {
            bytes.append(contentsOf: utf8)
            return
        }
        bytes.append(quote)
        for byte in utf8 {
            if byte == quote { bytes.append(quote) }
            bytes.append(byte)
        }
        bytes.append(quote)
    }
}

extension CSVWriter {
    /// The complete bytes of a small table; convenient for tests and short files.
    public static func encode(header: [String], records: [[CSVField]], dialect: CSVDialect)
        -> [UInt8]
    {
        var writer = CSVWriter(dialect: dialect)
        writer.writeHeader(header)
        for record in records { writer.writeRecord(record) }
        return writer.bytes
    }
}
