import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a file so that it appears complete or not at all.
///
/// The bytes go to `.NAME.tmp-<pid>` in the destination folder; only when the body has
/// finished are they flushed, `fsync`ed and renamed over `NAME` with rename(2), which is
/// atomic within one file system. A run killed half-way (or a writer that throws) leaves at
/// most a dot-file with a `.tmp-` name, never a truncated `summary.csv` that looks final.
/// The temporary name is in the same folder because rename(2) cannot cross file systems.
///
/// The bytes are hashed on their way to the file, so every write returns the `FileDigest`
/// a manifest records, without reading the file back.
public enum AtomicFile {
    /// The temporary name used while `url` is being written.
    public static func temporaryURL(for url: URL) -> URL {
        url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
    }

    /// Writes `bytes` to `url` atomically.
    @discardableResult
    public static func write(_ bytes: [UInt8], to url: URL) throws -> FileDigest {
        try write(to: url) { sink in try sink.write(bytes) }
    }

    /// Streams a file: `body` writes through the sink; the file appears only if it returns.
    ///
    /// If `body` throws, the temporary file is removed and the error is rethrown unchanged.
    /// - Returns: the size and SHA-256 of the bytes written.
    @discardableResult
    public static func write(to url: URL, _ body: (inout FileSink) throws -> Void) throws -> FileDigest {
        let temporary = temporaryURL(for: url)
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw OutputError(
                path: temporary.path,
                message: "cannot create the temporary file (\(errnoText())); expected a writable folder")
        }
        var sink = FileSink(descriptor: descriptor, path: temporary.path)
        do {
            try body(&sink)
            try sink.flush()
            guard fsync(descriptor) == 0 else {
                throw OutputError(path: temporary.path, message: "fsync failed (\(errnoText()))")
            }
        } catch {
            close(descriptor)
            unlink(temporary.path)
            throw error
        }
        guard close(descriptor) == 0 else {
            let text = errnoText()
            unlink(temporary.path)
            throw OutputError(path: temporary.path, message: "close failed (\(text))")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let text = errnoText()
            unlink(temporary.path)
            throw OutputError(
                path: url.path, message: "cannot rename the finished temporary file into place (\(text))")
        }
        WriteInterruption.stepDone()
        return FileDigest(bytes: sink.byteCount, sha256: sink.hasher.hexDigest())
    }

    /// Removes the temporary files (`.NAME.tmp-PID`) that writers which are no longer
    /// running left in `folder`; returns their names.
    ///
    /// Called when a new write into a folder starts (`FolderSeal.unseal`). Only files whose
    /// PID is not a live process go: a live PID may be another writer at work in the same
    /// folder, and pulling its file away would turn that mistake into a confusing rename
    /// error. A dead writer's PID reused by an unrelated process only delays the clean-up
    /// to a later write. Readers never look at these files either way.
    @discardableResult
    public static func removeStaleTemporaries(in folder: URL) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        var removed: [String] = []
        for name in names.sorted() {
            guard let pid = writerPID(ofTemporaryName: name), pid != getpid() else { continue }
            guard kill(pid, 0) != 0, errno == ESRCH else { continue }
            if unlink(folder.appendingPathComponent(name).path) == 0 { removed.append(name) }
        }
        return removed
    }

    /// The PID in a temporary name `.NAME.tmp-PID`, or `nil` for any other name.
    static func writerPID(ofTemporaryName name: String) -> pid_t? {
        guard name.hasPrefix("."), let range = name.range(of: ".tmp-", options: .backwards),
            range.lowerBound > name.index(after: name.startIndex)
        else { return nil }
        let digits = name[range.upperBound...]
        guard !digits.isEmpty, digits.count <= 10, digits.allSatisfy(\.isASCIIDigit), let pid = pid_t(digits), pid > 0 else {
            return nil
        }
        return pid
    }

    static func errnoText() -> String {
        let code = errno
        return "errno \(code): \(String(cString: strerror(code)))"
    }
}

/// The writing end of an `AtomicFile`: buffers bytes and writes them in large chunks.
///
/// Only valid inside the `AtomicFile.write` body that hands it out.
public struct FileSink {
    let descriptor: Int32
    let path: String
    private var buffer: [UInt8] = []
    /// Bytes written so far (flushed or buffered).
    public private(set) var byteCount = 0
    /// The SHA-256 of those bytes, kept as they come.
    fileprivate var hasher = SHA256()

    static let flushThreshold = 1 << 16

    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
        buffer.reserveCapacity(Self.flushThreshold * 2)
    }

    /// Appends bytes, flushing to the file when the buffer is large.
    public mutating func write(_ bytes: [UInt8]) throws {
        byteCount += bytes.count
        hasher.update(bytes)
        guard bytes.count < Self.flushThreshold else {
            // A large block (a formatted part of a file) goes to the file as it is: copying
            // tens of megabytes into the buffer first would only cost time.
            try flush()
            try writeAll(bytes)
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Appends a string's UTF-8 bytes.
    public mutating func write(_ text: String) throws {
        try write(Array(text.utf8))
    }

    /// Writes everything buffered to the file.
    public mutating func flush() throws {
        try writeAll(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// write(2) until every byte is in the file.
    private func writeAll(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return systemWrite(descriptor, base + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw OutputError(path: path, message: "write failed (\(AtomicFile.errnoText()))")
            }
            offset += written
        }
    }
}

/// write(2) under a name that does not clash with `FileSink.write`.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.write(descriptor, bytes, count)
    #elseif canImport(Musl)
        Musl.write(descriptor, bytes, count)
    #else
        Darwin.write(descriptor, bytes, count)
    #endif
}
