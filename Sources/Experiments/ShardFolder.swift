import Foundation

/// A shard's folder: `results.json` (what its work items produced, lossless) and
/// `shard.json` (which part of which command it is), written in that order so that a
/// folder with a `shard.json` is complete.
///
/// Numbers are JSON numbers in Swift's shortest round-trip form (so every `Double` reads
/// back to the same bits), and NaN and infinities, which JSON lacks, are the strings
/// `"nan"`, `"inf"` and `"-inf"`. Each file is written to a temporary name and renamed.
public enum ShardFolder {
    public static let manifestFile = "shard.json"
    public static let resultsFile = "results.json"

    /// Writes both files into `folder` (created if needed); returns their names.
    public static func write(_ manifest: ShardManifest, _ results: ShardResults, to folder: URL) throws -> [String] {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try encoder(pretty: false).encode(results).write(to: folder.appendingPathComponent(resultsFile), options: .atomic)
            var text = try encoder(pretty: true).encode(manifest)
            text.append(0x0A)
            try text.write(to: folder.appendingPathComponent(manifestFile), options: .atomic)
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
        let manifest = try decode(ShardManifest.self, at: url, what: "a shard manifest")
        guard manifest.formatVersion == ShardManifest.currentFormat else {
            throw MergeError("\(url.path): shard format \(manifest.formatVersion), this affluence reads format \(ShardManifest.currentFormat) (merge with the affluence that wrote the shards)")
        }
        return manifest
    }

    /// Reads a shard folder's results.
    public static func readResults(_ folder: URL) throws(MergeError) -> ShardResults {
        let url = folder.appendingPathComponent(resultsFile)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw MergeError("\(folder.path): no \(resultsFile) next to \(manifestFile) (expected the shard's results)")
        }
        return try decode(ShardResults.self, at: url, what: "shard results")
    }

    static func decode<T: Decodable>(_ type: T.Type, at url: URL, what: String) throws(MergeError) -> T {
        do {
            let decoder = JSONDecoder()
            decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            return try decoder.decode(type, from: Data(contentsOf: url))
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
