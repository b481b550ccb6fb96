import Foundation
import Output

/// A shard's folder: `results.json` (what its work items produced, lossless) and
/// `shard.json` (which part of which command it is, and the size and SHA-256 of
/// results.json), sealed like a run folder (`FolderSeal`): shard.json is removed first and
/// written last, so a folder with a `shard.json` is complete, and a results.json that is
/// not the one shard.json vouches for (edited, or left by another run) is refused.
///
/// Numbers are JSON numbers in Swift's shortest round-trip form (so every `Double` reads
/// back to the same bits), and NaN and infinities, which JSON lacks, are the strings
/// `"nan"`, `"inf"` and `"-inf"`. Each file is written to a temporary name and renamed.
public enum ShardFolder {
    public static let manifestFile = "shard.json"
    public static let resultsFile = "results.json"

    /// Writes both files into `folder` (created if needed); returns their names.
    ///
    /// `manifest.results` is set to the digest of the results written.
    public static func write(_ manifest: ShardManifest, _ results: ShardResults, to folder: URL) throws -> [String] {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FolderSeal.unseal(folder, manifest: manifestFile)
            var sealed = manifest
            sealed.results = try AtomicFile.write(Array(try encoder(pretty: false).encode(results)), to: folder.appendingPathComponent(resultsFile))
            var text = Array(try encoder(pretty: true).encode(sealed))
            text.append(0x0A)
            try AtomicFile.write(text, to: folder.appendingPathComponent(manifestFile))
        } catch {
            throw MergeError("\(folder.path): cannot write the shard folder (expected a writable path): \(error)")
        }
        return [resultsFile, manifestFile]
    }

    /// Reads a shard folder's manifest.
    public static func readManifest(_ folder: URL) throws(MergeError) -> ShardManifest {
        let url = folder.appendingPathComponent(manifestFile)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw MergeError("\(folder.path): no \(manifestFile) (expected a folder written by `affluence run`, `compare` or `sweep` with --shard i/N, finished)")
        }
        let manifest = try decode(ShardManifest.self, at: url, limit: ReadLimits.metadataBytes, what: "a shard manifest")
        guard manifest.formatVersion == ShardManifest.currentFormat else {
            throw MergeError("\(url.path): shard format \(manifest.formatVersion), this affluence reads format \(ShardManifest.currentFormat) (merge with the affluence that wrote the shards)")
        }
        return manifest
    }

    /// Reads a shard folder's results, which must be the bytes its manifest vouches for.
    public static func readResults(_ folder: URL, manifest: ShardManifest) throws(MergeError) -> ShardResults {
        let url = folder.appendingPathComponent(resultsFile)
        guard let digest = manifest.results else {
            throw MergeError("\(folder.appendingPathComponent(manifestFile).path): no results digest (expected the size and SHA-256 of \(resultsFile))")
        }
        do {
            try FolderSeal.verify(folder, digests: [resultsFile: digest], manifest: manifestFile)
        } catch let error as OutputError {
            throw MergeError("\(error.path): \(error.message)")
        } catch {
            throw MergeError("\(url.path): \(error)")
        }
        return try decode(ShardResults.self, at: url, limit: digest.bytes, what: "shard results")
    }

    static func decode<T: Decodable>(_ type: T.Type, at url: URL, limit: Int, what: String) throws(MergeError) -> T {
        let bytes: [UInt8]
        do {
            bytes = try StrictFile.read(url, limit: limit)
        } catch let error as OutputError {
            throw MergeError("\(error.path): \(error.message)")
        } catch {
            throw MergeError("\(url.path): \(error)")
        }
        do {
            let decoder = JSONDecoder()
            decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            return try decoder.decode(type, from: Data(bytes))
        } catch {
            throw MergeError("\(url.path): not \(what) (\(error))")
        }
    }

    static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }
}

/// Why shard folders cannot be merged (or a shard folder written): the message names the
/// folder or file and what was expected.
public struct MergeError: Error, CustomStringConvertible {
    public let description: String
    public init(_ message: String) { description = message }
}
