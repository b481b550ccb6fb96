/// A file Affluence could not write or read, naming the file and what was expected.
public struct OutputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path of the file or folder concerned.
    public let path: String
    /// What went wrong and, where it helps, what was expected.
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): error: \(message)" }
}
