import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A result folder's manifest as a seal: removed before anything in the folder changes,
/// written last with the size and SHA-256 of every file, and checked before a file is read.
///
/// A run killed half-way through a rewrite, or stopped by a full disk, used to leave the
/// previous run's manifest beside new data, a folder that looked finished but mixed two
/// runs. With the seal, a folder either has no manifest (interrupted: refused) or one whose
/// every file has the recorded bytes. The same protocol guards run, compare and sweep
/// folders (manifest.json, via `RunFolder`) and shard folders (shard.json, via
/// `ShardFolder`). docs/result-folders.md says what this guarantees.
public enum FolderSeal {
    /// Starts a new write into `folder`: removes its manifest `manifestName`, so the folder
    /// reads as unfinished until the new manifest is written last, and the temporary files
    /// of writers no longer running (`AtomicFile.removeStaleTemporaries`).
    ///
    /// - Throws: `OutputError` when the manifest exists and cannot be removed.
    public static func unseal(_ folder: URL, manifest manifestName: String) throws {
        let url = folder.appendingPathComponent(manifestName)
        guard unlink(url.path) == 0 || errno == ENOENT else {
            throw OutputError(
                path: url.path,
                message: "cannot remove the previous manifest before writing into the folder (\(AtomicFile.errnoText())); expected a writable folder")
        }
        WriteInterruption.stepDone()
        AtomicFile.removeStaleTemporaries(in: folder)
    }

    /// Checks that every file `digests` lists has the recorded size and SHA-256.
    ///
    /// Reads each file through `StrictFileReader`, never past its recorded size.
    /// - Parameter manifestName: the manifest the digests come from, for the messages.
    /// - Throws: `OutputError` naming the first file (in name order) that is missing, not a
    ///   regular file, of another size or with other bytes, or a name that is not a plain
    ///   file name of the folder.
    public static func verify(_ folder: URL, digests: [String: FileDigest], manifest manifestName: String) throws {
        for (name, digest) in digests.sorted(by: { $0.key < $1.key }) {
            let url = folder.appendingPathComponent(name)
            guard isPlainName(name), name != manifestName else {
                throw OutputError(
                    path: folder.appendingPathComponent(manifestName).path,
                    message: "lists the file '\(name)' (expected plain file names of the folder, other than the manifest)")
            }
            guard digest.isWellFormed else {
                throw OutputError(
                    path: folder.appendingPathComponent(manifestName).path,
                    message: "records \(digest.bytes) bytes and SHA-256 '\(digest.sha256)' for \(name) (expected a size up to \(ReadLimits.recordedFileBytes) bytes and 64 lower-case hex digits)")
            }
            var status = stat()
            guard lstat(url.path, &status) == 0 || errno != ENOENT else {
                throw OutputError(path: url.path, message: "missing (\(manifestName) lists it among the folder's files: the folder is incomplete)")
            }
            let reader = try StrictFileReader(url, limit: ReadLimits.recordedFileBytes)
            guard reader.size == digest.bytes else {
                throw sizeMismatch(url, found: reader.size, digest: digest, manifestName: manifestName)
            }
            // Never past the recorded size, should the file grow while it is hashed.
            reader.limit = digest.bytes
            var hasher = SHA256()
            while true {
                let chunk = try reader.read()
                if chunk.isEmpty { break }
                hasher.update(chunk)
            }
            let found = hasher.hexDigest()
            guard found == digest.sha256 else {
                throw OutputError(
                    path: url.path,
                    message: "its SHA-256 is \(found.prefix(16))…, \(manifestName) records \(digest.sha256.prefix(16))… (the file was changed after it was written, or the folder mixes two runs; rerun the command into an empty folder)")
            }
        }
    }

    /// A name that stays inside the folder: no separator, not `.` or `..`, not empty.
    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.utf8.contains(0)
    }

    private static func sizeMismatch(_ url: URL, found: Int, digest: FileDigest, manifestName: String) -> OutputError {
        OutputError(
            path: url.path,
            message: "\(found) bytes, \(manifestName) records \(digest.bytes) (the file was cut, grown or replaced after it was written, or the folder mixes two runs; rerun the command into an empty folder)")
    }
}
