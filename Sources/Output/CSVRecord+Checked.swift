/// Number cells read strictly: an empty cell is an undefined figure, anything else must be
/// a number.
///
/// `CSVRecord.number` reads a garbled cell as `nil`, which a chart would silently skip; the
/// report reads with `optionalNumber` so a damaged file is an error naming where it is.
extension CSVRecord {
    /// The number in `column`, `nil` when the column is absent or the cell is empty.
    ///
    /// - Throws: `CSVError` naming the file, the line and the column when the cell holds
    ///   text that is not a number in the file's dialect.
    public func optionalNumber(_ column: String) throws -> Double? {
        guard let position = header.index(of: column) else { return nil }
        let cell = fields[position]
        guard !cell.isEmpty else { return nil }
        guard let value = CSVNumberFormat.parse(cell, dialect: header.dialect) else {
            throw CSVError(
                file: header.fileName, line: line, column: byteColumn(of: position),
                message: "'\(cell)' in column \(column) (expected a number in the \(header.dialect.name) dialect, or an empty cell for an undefined figure)")
        }
        return value
    }

    /// The 1-based byte column where field `position` starts, when no earlier field needed
    /// quotes (then the position is exact); 0 (whole record) otherwise.
    public func byteColumn(of position: Int) -> Int {
        var column = 1
        for field in fields[..<position] {
            if field.utf8.contains(where: { $0 == header.dialect.separator || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
                return 0
            }
            column += field.utf8.count + 1
        }
        return column
    }
}
