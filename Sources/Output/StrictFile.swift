import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file of a result folder the safe way: regular files only, never blocking on
/// open, never past a byte limit.
///
/// `summary.csv` replaced by a symlink to `/dev/zero` once made the report allocate until it
/// aborted, and a FIFO made it hang in open(2). So the path is checked with lstat(2) (and
/// stat(2) through a symlink: a link to a regular file is fine, to a device, FIFO, socket or
/// folder it is not) before it is opened; it is opened with `O_NONBLOCK`, so a FIFO swapped
/// in after the check still cannot block; the open descriptor is checked again with
/// fstat(2); and reading stops with an error past `limit` bytes, should the file grow.
final class StrictFileReader {
    let path: String
    /// The size fstat(2) gave when the file was opened.
    let size: Int
    private let descriptor: Int32
    /// Reading past this many bytes in total is an error; a caller that knows the exact size
    /// may lower it after opening.
    var limit: Int
    private var total = 0

    /// Opens `url` for reading.
    ///
    /// - Throws: `OutputError` naming the path when it is missing, not a regular file,
    ///   unreadable or larger than `limit` bytes.
    init(_ url: URL, limit: Int) throws {
        path = url.path
        self.limit = limit
        var status = stat()
        guard lstat(path, &status) == 0 else {
            throw OutputError(path: path, message: errno == ENOENT ? "missing (expected a file)" : "cannot examine the file (\(AtomicFile.errnoText()))")
        }
        if Self.kind(status) == "a symbolic link" {
            guard stat(path, &status) == 0 else {
                throw OutputError(path: path, message: "a symbolic link to nothing readable (\(AtomicFile.errnoText())); expected a regular file")
            }
        }
        let kind = Self.kind(status)
        guard kind == "a regular file" else {
            throw OutputError(path: path, message: "\(kind), not a regular file (expected a file Affluence wrote)")
        }
        let opened = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard opened >= 0 else {
            throw OutputError(path: path, message: "cannot open the file (\(AtomicFile.errnoText())); expected a readable file")
        }
        guard fstat(opened, &status) == 0, Self.kind(status) == "a regular file" else {
            close(opened)
            throw OutputError(path: path, message: "changed into something other than a regular file while being opened")
        }
        descriptor = opened
        size = Int(status.st_size)
        guard size <= limit else {
            close(opened)
            throw OutputError(path: path, message: "\(size) bytes, more than the \(limit) this file may hold (see docs/result-folders.md)")
        }
    }

    deinit { close(descriptor) }

    /// The next bytes, at most `count`; empty at the end of the file.
    func read(upTo count: Int = 1 << 20) throws -> [UInt8] {
        var chunk = [UInt8](repeating: 0, count: count)
        while true {
            let got = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw OutputError(path: path, message: "read failed (\(AtomicFile.errnoText()))")
            }
            total += got
            guard total <= limit else {
                throw OutputError(path: path, message: "grew past \(limit) bytes while being read (expected a finished file)")
            }
            chunk.removeSubrange(got...)
            return chunk
        }
    }

    /// The rest of the file.
    func readToEnd() throws -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size)
        while true {
            let chunk = try read()
            if chunk.isEmpty { return bytes }
            bytes += chunk
        }
    }

    /// What a stat(2) result describes, in words for error messages.
    private static func kind(_ status: stat) -> String {
        switch status.st_mode & S_IFMT {
        case S_IFREG: "a regular file"
        case S_IFLNK: "a symbolic link"
        case S_IFDIR: "a folder"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "an unknown kind of file"
        }
    }
}

/// Whole small files (manifests), read with the same checks.
public enum StrictFile {
    /// The bytes of `url`, a regular file of at most `limit` bytes.
    public static func read(_ url: URL, limit: Int) throws -> [UInt8] {
        try StrictFileReader(url, limit: limit).readToEnd()
    }
}

/// read(2) under a name that does not clash with `StrictFileReader.read`.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.read(descriptor, buffer, count)
    #elseif canImport(Musl)
        Musl.read(descriptor, buffer, count)
    #else
        Darwin.read(descriptor, buffer, count)
    #endif
}
