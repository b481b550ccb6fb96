import Foundation
import Testing

@testable import Output

/// Shared helpers for the Output tests.
enum Support {
    /// A fresh empty folder under the system temporary directory.
    static func temporaryFolder(_ label: String = #function) throws -> URL {
        let safe = label.filter { $0.isLetter || $0.isNumber }
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("affluence-output-tests")
            .appendingPathComponent("\(safe)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func bytes(at url: URL) throws -> [UInt8] {
        Array(try Data(contentsOf: url))
    }

    static func text(at url: URL) throws -> String {
        String(decoding: try bytes(at: url), as: UTF8.self)
    }
}

/// A tiny deterministic generator so the tests depend on nothing but the module.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

extension Support {
    /// Rewrites a folder's manifest.json so its digests describe the files as they are now.
    ///
    /// Models a damaged file that nevertheless comes with a matching manifest (a writer bug,
    /// or a manifest rewritten by hand), so the strict reader behind the seal is tested too.
    static func reseal(_ folder: URL) throws {
        let url = folder.appendingPathComponent(RunFolder.manifestFile)
        var manifest = try Manifest.decode(try bytes(at: url))
        var digests: [String: FileDigest] = [:]
        for name in manifest.files {
            digests[name] = FileDigest(of: try bytes(at: folder.appendingPathComponent(name)))
        }
        manifest.fileDigests = digests
        try Data(try manifest.encoded()).write(to: url)
    }

    /// Replaces the first occurrence of `old` in a file's text by `new`.
    static func edit(_ url: URL, replacing old: String, with new: String) throws {
        let text = try self.text(at: url)
        let range = try #require(text.range(of: old), "\(url.lastPathComponent) has no '\(old)'")
        try Data(text.replacingCharacters(in: range, with: new).utf8).write(to: url)
    }
}
