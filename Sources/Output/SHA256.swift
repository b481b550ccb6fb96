import Foundation
import Crypto

/// SHA-256 for the hashes in manifest.json and shard.json (the scenario file, and every file
/// of a result folder), from swift-crypto (BoringSSL's implementation on Linux, CryptoKit on
/// Apple platforms).
///
/// A thin streaming front: every byte a run writes passes through `update` (``FileSink``
/// hashes as it writes), so contiguous input goes to the hasher in place, without a copy,
/// and a file is hashed in 1 MiB chunks, never held whole.
///
/// `@unchecked Sendable`: swift-crypto 3.12 does not mark its hasher Sendable, but it is a
/// value type whose BoringSSL context is copied on write (`isKnownUniquelyReferenced`
/// before every update; `finalize` works on a copy), the same discipline that makes
/// `Array` Sendable. No state is shared that one copy could change under another.
public struct SHA256: @unchecked Sendable {
    private var hasher = Crypto.SHA256()

    public init() {}

    /// Adds bytes to the message.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        if done != nil { return }
        // A lazy or generated sequence: hashed in chunks, so memory stays bounded.
        var chunk: [UInt8] = []
        chunk.reserveCapacity(Self.chunkSize)
        for byte in bytes {
            chunk.append(byte)
            if chunk.count == Self.chunkSize {
                chunk.withUnsafeBytes { hasher.update(bufferPointer: $0) }
                chunk.removeAll(keepingCapacity: true)
            }
        }
        chunk.withUnsafeBytes { hasher.update(bufferPointer: $0) }
    }

    private static let chunkSize = 1 << 16

    /// The 32-byte digest of everything added so far (the hasher keeps going).
    public func finalize() -> [UInt8] {
        Array(hasher.finalize())
    }

    /// The digest as 64 lower-case hex digits.
    public func hexDigest() -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in finalize() {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The hex digest of some bytes.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.hexDigest()
    }

    /// The hex digest of a file's contents, read in chunks.
    public static func hex(ofFileAt url: URL) throws -> String {
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw OutputError(path: url.path, message: "cannot open the file to hash it (expected a readable file)")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(chunk)
        }
        return hasher.hexDigest()
    }
}
