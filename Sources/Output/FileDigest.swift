/// What a manifest records of one file it vouches for: its size and its SHA-256.
///
/// The size is checked first (cheap, and the bound a reader may read up to); the hash then
/// tells a file cut at a record boundary, rewritten by a later run, or edited, from the one
/// the run wrote. Both come from the bytes as they went to disk (`FileSink`), so writing a
/// file never costs a second read.
public struct FileDigest: Codable, Sendable, Equatable {
    /// The file's length in bytes.
    public var bytes: Int
    /// SHA-256 of the file's bytes, 64 lower-case hex digits.
    public var sha256: String

    public init(bytes: Int, sha256: String) {
        self.bytes = bytes
        self.sha256 = sha256
    }

    /// The digest of bytes held in memory.
    public init(of bytes: [UInt8]) {
        self.init(bytes: bytes.count, sha256: SHA256.hex(bytes))
    }

    /// Whether the record is one a writer could have made: a size within the read limit and
    /// 64 lower-case hex digits (a manifest edited by hand may hold anything).
    var isWellFormed: Bool {
        (0...ReadLimits.recordedFileBytes).contains(bytes) && sha256.utf8.count == 64
            && sha256.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
