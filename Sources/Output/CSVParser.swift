/// An incremental RFC 4180 parser: feed it chunks of bytes, get records back.
///
/// Incremental because `affluence report DIR` reads back timeseries files of millions of
/// records; the report aggregates them as they stream past instead of holding them all.
/// It accepts CR LF, LF and lone CR record ends, a leading UTF-8 byte order mark, and
/// quoted fields spanning lines. It rejects what would silently shift columns: a quote
/// inside an unquoted field, text after a closing quote, an unterminated quote; and what
/// would silently change text: a field that is not valid UTF-8 (it would read as U+FFFD)
/// or holds a NUL byte (C tools stop there). Affluence writes neither.
///
/// - Complexity: O(1) work per byte.
public struct CSVParser {
    public let dialect: CSVDialect
    /// Used in error messages.
    public let fileName: String

    private enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted, afterCR
    }

    private var state = State.fieldStart
    private var field: [UInt8] = []
    private var record: [String] = []
    private var line = 1
    private var column = 0
    private var recordLine = 1
    private var atFileStart = true
    private var bomBytesSeen = 0
    private var quoteLine = 1
    private var quoteColumn = 0
    /// Where the field being read starts, for errors about the field as a whole.
    private var fieldLine = 1
    private var fieldColumn = 1

    public init(dialect: CSVDialect, fileName: String = "<memory>") {
        self.dialect = dialect
        self.fileName = fileName
    }

    /// Parses a chunk, calling `onRecord(fields, line)` for every complete record.
    public mutating func consume(
        _ chunk: some Sequence<UInt8>, onRecord: ([String], Int) throws -> Void
    ) throws {
        for byte in chunk {
            if atFileStart {
                if bomBytesSeen < 3, byte == CSVDialect.utf8BOM[bomBytesSeen] {
                    bomBytesSeen += 1
                    if bomBytesSeen == 3 { atFileStart = false }
                    continue
                }
                atFileStart = false
                if bomBytesSeen > 0 {
                    // A partial BOM was real data; replay it.
                    for replay in CSVDialect.utf8BOM.prefix(bomBytesSeen) {
                        try step(replay, onRecord: onRecord)
                    }
                }
            }
            try step(byte, onRecord: onRecord)
        }
    }

    /// Ends the input: emits a last record without a line ending, checks quotes are closed.
    public mutating func finish(onRecord: ([String], Int) throws -> Void) throws {
        switch state {
        case .quoted:
            throw CSVError(
                file: fileName, line: quoteLine, column: quoteColumn,
                message: "unterminated quoted field (expected a closing '\"' before the end of the file)")
        case .fieldStart where record.isEmpty:
            return  // the file ended with a line ending, as it should
        case .afterCR:
            return
        default:
            try endField()
            try endRecord(onRecord)
        }
    }

    private mutating func step(_ byte: UInt8, onRecord: ([String], Int) throws -> Void) throws {
        if state == .afterCR {
            state = .fieldStart
            if byte == 0x0A { return }  // the LF of a CR LF pair belongs to the line just ended
        }
        column += 1
        let quote = UInt8(ascii: "\"")
        switch state {
        case .fieldStart, .unquoted:
            if byte == dialect.separator {
                try endField()
                state = .fieldStart
            } else if byte == 0x0A || byte == 0x0D {
                try endField()
                try endRecord(onRecord)
                state = byte == 0x0D ? .afterCR : .fieldStart
            } else if byte == quote {
                guard state == .fieldStart else {
                    throw CSVError(
                        file: fileName, line: line, column: column,
                        message: "'\"' inside an unquoted field (expected the field to be quoted as a whole, with inner quotes doubled)")
                }
                state = .quoted
                quoteLine = line
                quoteColumn = column
            } else {
                field.append(byte)
                state = .unquoted
            }
        case .quoted:
            if byte == quote {
                state = .quoteInQuoted
            } else {
                if byte == 0x0A { newLine() }
                field.append(byte)
            }
        case .quoteInQuoted:
            if byte == quote {
                field.append(quote)
                state = .quoted
            } else if byte == dialect.separator {
                try endField()
                state = .fieldStart
            } else if byte == 0x0A || byte == 0x0D {
                try endField()
                try endRecord(onRecord)
                state = byte == 0x0D ? .afterCR : .fieldStart
            } else {
                throw CSVError(
                    file: fileName, line: line, column: column,
                    message: "text after a closing quote (expected '\(Character(Unicode.Scalar(dialect.separator)))' or the end of the line)")
            }
        case .afterCR:
            break  // handled above
        }
    }

    private mutating func newLine() {
        line += 1
        column = 0
    }

    private mutating func endField() throws {
        if let nul = field.firstIndex(of: 0) {
            throw CSVError(
                file: fileName, line: fieldLine, column: field[..<nul].contains(0x0A) ? fieldColumn : fieldColumn + nul,
                message: "a NUL byte in a cell (expected text without control bytes)")
        }
        guard let text = String(validating: field, as: UTF8.self) else {
            throw CSVError(
                file: fileName, line: fieldLine, column: fieldColumn,
                message: "a cell that is not valid UTF-8 (expected UTF-8 text)")
        }
        record.append(text)
        field.removeAll(keepingCapacity: true)
        fieldLine = line
        fieldColumn = column + 1
    }

    private mutating func endRecord(_ onRecord: ([String], Int) throws -> Void) throws {
        let fields = record
        let startLine = recordLine
        record.removeAll(keepingCapacity: true)
        newLine()
        recordLine = line
        fieldLine = line
        fieldColumn = 1
        try onRecord(fields, startLine)
    }
}
