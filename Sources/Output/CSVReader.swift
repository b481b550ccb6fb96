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
    /// `CSVRecord` that resolves columns by name. Blank lines are skipped.
    /// - Returns: the header.
    @discardableResult
    public static func forEachRecord(
        in url: URL, dialect: CSVDialect? = nil, onRecord: (CSVRecord) throws -> Void
    ) throws -> CSVHeader {
        let name = url.lastPathComponent
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw CSVError(
                file: url.path, line: 0, column: 0,
                message: "cannot open the file (expected a readable CSV file)")
        }
        defer { try? handle.close() }
        var chunk = try handle.read(upToCount: chunkSize).map(Array.init) ?? []
        var parser = CSVParser(dialect: dialect ?? CSVDialect.detect(chunk), fileName: name)
        var assembler = RecordAssembler(dialect: parser.dialect, fileName: name)
        while !chunk.isEmpty {
            try parser.consume(chunk) { fields, line in
                try assembler.handle(fields, line: line, onRecord: onRecord)
            }
            chunk = try handle.read(upToCount: chunkSize).map(Array.init) ?? []
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
        var assembler = RecordAssembler(dialect: parser.dialect, fileName: fileName)
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
    public static func table(at url: URL, dialect: CSVDialect? = nil) throws -> CSVTable {
        var records: [CSVRecord] = []
        let header = try forEachRecord(in: url, dialect: dialect) { records.append($0) }
        return CSVTable(header: header, records: records)
    }

    /// Turns parsed field lists into records: the first is the header, the rest must match it.
    private struct RecordAssembler {
        let dialect: CSVDialect
        let fileName: String
        var header: CSVHeader?

        init(dialect: CSVDialect, fileName: String) {
            self.dialect = dialect
            self.fileName = fileName
        }

        mutating func handle(
            _ fields: [String], line: Int, onRecord: (CSVRecord) throws -> Void
        ) throws {
            if fields == [""] { return }
            guard let header else {
                header = CSVHeader(
                    columns: fields.map(CSVFormulaGuard.unneutralise), dialect: dialect,
                    fileName: fileName)
                return
            }
            guard fields.count == header.columns.count else {
                throw CSVError(
                    file: fileName, line: line, column: 0,
                    message: "\(fields.count) fields (expected \(header.columns.count), as in the header)")
            }
            try onRecord(CSVRecord(header: header, fields: fields, line: line))
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
