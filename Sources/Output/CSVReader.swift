import Foundation

/// Reads CSV files written by Affluence (either dialect) back into named columns.
///
/// The report is built from a run folder's CSV files rather than from memory, so
/// `affluence report DIR` can regenerate it later; this is the reading half of that
/// contract. Records stream past one at a time, each checked against the header's width.
public enum CSVReader {
    /// Bytes read from the file per chunk.
    static let chunkSize = 1 << 20

    /// Streams the records of a file after its header.
    ///
    /// The dialect is detected from the first chunk unless given. `onRecord` receives a
    /// `CSVRecord` that resolves columns by name. Blank lines are skipped. The file is opened
    /// by `StrictFileReader`: a regular file, read up to `limit` bytes.
    ///
    /// With a `format`, reading is strict: the dialect's byte order mark must be there (or
    /// not), the header must be the format's, and every cell must be of its column's kind.
    /// - Returns: the header.
    @discardableResult
    public static func forEachRecord(
        in url: URL, dialect: CSVDialect? = nil, format: CSVFileFormat? = nil,
        limit: Int = ReadLimits.recordedFileBytes, onRecord: (CSVRecord) throws -> Void
    ) throws -> CSVHeader {
        let name = url.lastPathComponent
        let file = try StrictFileReader(url, limit: limit)
        var chunk = try file.read(upTo: chunkSize)
        let dialect = dialect ?? CSVDialect.detect(chunk)
        if format != nil, chunk.starts(with: CSVDialect.utf8BOM) != dialect.byteOrderMark {
            throw CSVError(
                file: name, line: 1, column: 1,
                message: dialect.byteOrderMark
                    ? "no UTF-8 byte order mark (expected one: the file is declared in the \(dialect.name) dialect)"
                    : "a UTF-8 byte order mark (expected none: the file is declared in the \(dialect.name) dialect)")
        }
        var parser = CSVParser(dialect: dialect, fileName: name)
        var assembler = RecordAssembler(dialect: dialect, fileName: name, format: format)
        while !chunk.isEmpty {
            try parser.consume(chunk) { fields, line in
                try assembler.handle(fields, line: line, onRecord: onRecord)
            }
            chunk = try file.read(upTo: chunkSize)
        }
        try parser.finish { fields, line in
            try assembler.handle(fields, line: line, onRecord: onRecord)
        }
        return try assembler.requireHeader()
    }

    /// Parses bytes held in memory into a table (small files and tests).
    public static func parse(
        _ bytes: [UInt8], dialect: CSVDialect? = nil, fileName: String = "<memory>"
    ) throws -> CSVTable {
        var parser = CSVParser(dialect: dialect ?? CSVDialect.detect(bytes), fileName: fileName)
        var assembler = RecordAssembler(dialect: parser.dialect, fileName: fileName, format: nil)
        var records: [CSVRecord] = []
        try parser.consume(bytes) { fields, line in
            try assembler.handle(fields, line: line) { records.append($0) }
        }
        try parser.finish { fields, line in
            try assembler.handle(fields, line: line) { records.append($0) }
        }
        return CSVTable(header: try assembler.requireHeader(), records: records)
    }

    /// Reads a whole file into a table (summary, comparison and sweep files are small).
    public static func table(
        at url: URL, dialect: CSVDialect? = nil, format: CSVFileFormat? = nil, limit: Int = ReadLimits.recordedFileBytes
    ) throws -> CSVTable {
        var records: [CSVRecord] = []
        let header = try forEachRecord(in: url, dialect: dialect, format: format, limit: limit) { records.append($0) }
        return CSVTable(header: header, records: records)
    }

    /// Turns parsed field lists into records: the first is the header, the rest must match
    /// it (and, with a format, the header must be the format's and each cell of its kind).
    private struct RecordAssembler {
        let dialect: CSVDialect
        let fileName: String
        let format: CSVFileFormat?
        var header: CSVHeader?
        /// The kind of each column, once the header passed the format.
        var kinds: [CSVFileFormat.Cell] = []

        init(dialect: CSVDialect, fileName: String, format: CSVFileFormat?) {
            self.dialect = dialect
            self.fileName = fileName
            self.format = format
        }

        mutating func handle(
            _ fields: [String], line: Int, onRecord: (CSVRecord) throws -> Void
        ) throws {
            if fields == [""] { return }
            guard let header else {
                let columns = fields.map(CSVFormulaGuard.unneutralise)
                let header = CSVHeader(columns: columns, dialect: dialect, fileName: fileName)
                if let format {
                    switch format.cells(columns) {
                    case .success(let cells):
                        kinds = cells
                    case .failure(let mismatch):
                        throw CSVError(
                            file: fileName, line: line,
                            column: mismatch.position < fields.count
                                ? CSVRecord(header: header, fields: fields, line: line).byteColumn(of: mismatch.position) : 0,
                            message: mismatch.message)
                    }
                }
                self.header = header
                return
            }
            guard fields.count == header.columns.count else {
                throw CSVError(
                    file: fileName, line: line, column: 0,
                    message: "\(fields.count) fields (expected \(header.columns.count), as in the header)")
            }
            let record = CSVRecord(header: header, fields: fields, line: line)
            for (position, kind) in kinds.enumerated() {
                let cell = fields[position]
                guard let expected = CSVFileFormat.problem(cell, kind, dialect: dialect) else { continue }
                throw CSVError(
                    file: fileName, line: line, column: record.byteColumn(of: position),
                    message: "'\(cell)' in column \(header.columns[position]) (expected \(expected))")
            }
            try onRecord(record)
        }

        func requireHeader() throws -> CSVHeader {
            guard let header else {
                throw CSVError(
                    file: fileName, line: 1, column: 0, message: "empty file (expected a header line)")
            }
            return header
        }
    }
}

/// The column names of a CSV file, with the dialect needed to read its numbers.
public struct CSVHeader: Sendable, Equatable {
    public let columns: [String]
    public let dialect: CSVDialect
    public let fileName: String
    private let indexByName: [String: Int]

    public init(columns: [String], dialect: CSVDialect, fileName: String) {
        self.columns = columns
        self.dialect = dialect
        self.fileName = fileName
        var index: [String: Int] = [:]
        for (position, name) in columns.enumerated() where index[name] == nil {
            index[name] = position
        }
        indexByName = index
    }

    /// The position of a column, or `nil` when the file has no such column.
    public func index(of column: String) -> Int? { indexByName[column] }

    /// The position of a column the reader cannot do without.
    public func require(_ column: String) throws -> Int {
        guard let position = indexByName[column] else {
            throw CSVError(
                file: fileName, line: 1, column: 0,
                message: "no column '\(column)' (expected a header with \(column))")
        }
        return position
    }
}

/// One record with typed access by column.
public struct CSVRecord: Sendable {
    public let header: CSVHeader
    /// The raw cell texts, as in the file (still neutralised).
    public let fields: [String]
    /// The physical line where the record starts.
    public let line: Int

    /// A text cell, with formula neutralisation undone; `nil` when the column is absent.
    public func text(_ column: String) -> String? {
        header.index(of: column).map { CSVFormulaGuard.unneutralise(fields[$0]) }
    }

    /// A number cell in the file's dialect; `nil` when absent, empty or not a number.
    public func number(_ column: String) -> Double? {
        header.index(of: column).flatMap { CSVNumberFormat.parse(fields[$0], dialect: header.dialect) }
    }

    /// A text cell the reader cannot do without.
    public func requireText(_ column: String) throws -> String {
        CSVFormulaGuard.unneutralise(fields[try header.require(column)])
    }

    /// A number cell the reader cannot do without.
    public func requireNumber(_ column: String) throws -> Double {
        let cell = fields[try header.require(column)]
        guard let value = CSVNumberFormat.parse(cell, dialect: header.dialect) else {
            throw CSVError(
                file: header.fileName, line: line, column: 0,
                message: "'\(cell)' in column \(column) (expected a number)")
        }
        return value
    }
}

/// A whole CSV file in memory.
public struct CSVTable: Sendable {
    public let header: CSVHeader
    public let records: [CSVRecord]
}
