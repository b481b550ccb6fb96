import Foundation
import Output
import Testing

/// Makes a folder's manifest match its files as they are now, for tests that check what a
/// reader does behind a matching manifest (a writer bug, a manifest rewritten by hand).
enum RunSeal {
    static func reseal(_ folder: URL) throws {
        let url = folder.appendingPathComponent("manifest.json")
        var manifest = try Manifest.decode(Array(try Data(contentsOf: url)))
        var digests: [String: FileDigest] = [:]
        for name in manifest.files {
            digests[name] = FileDigest(of: Array(try Data(contentsOf: folder.appendingPathComponent(name))))
        }
        manifest.fileDigests = digests
        try Data(try manifest.encoded()).write(to: url)
    }
}

/// The same for a shard folder: shard.json's `results_file` set to results.json's digest.
enum ShardSeal {
    static func reseal(_ folder: String) throws {
        let url = URL(fileURLWithPath: folder).appendingPathComponent("shard.json")
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let digest = FileDigest(of: Array(try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent("results.json"))))
        object["results_file"] = ["bytes": digest.bytes, "sha256": digest.sha256]
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]).write(to: url)
    }
}
