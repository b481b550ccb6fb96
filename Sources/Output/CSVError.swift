/// A CSV file that cannot be read as Affluence wrote it, with where and what was expected.
///
/// The text follows the compiler format (`file:line:col: error: …`), like scenario errors,
/// so an editor can jump to the place.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file name (or a label such as `<memory>` for bytes that came from no file).
    public let file: String
    /// 1-based record line in the file, counting physical lines.
    public let line: Int
    /// 1-based byte column in that line, or 0 when the whole record is meant.
    public let column: Int
    /// What went wrong and what was expected instead.
    public let message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        column > 0
            ? "\(file):\(line):\(column): error: \(message)"
            : "\(file):\(line): error: \(message)"
    }
}
