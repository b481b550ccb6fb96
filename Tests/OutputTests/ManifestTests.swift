import Foundation
import Testing

@testable import Output

@Suite("manifest.json")
struct ManifestTests {
    @Test("keys are sorted, snake_case, and no time is written unless given")
    func stableBytes() throws {
        let text = String(decoding: try Fixtures.manifest.encoded(), as: UTF8.self)
        let keys = text.split(separator: "\n").compactMap { line -> String? in
            // Top-level keys are indented by exactly two spaces.
            guard line.hasPrefix("  \""), !line.hasPrefix("   ") else { return nil }
            return String(line.dropFirst(3).prefix { $0 != "\"" })
        }
        #expect(keys == keys.sorted())
        #expect(keys.contains("scenario_sha256"))
        #expect(!text.contains("started_at"))
        #expect(text.hasSuffix("}\n"))
        #expect(text.contains("\"models/france-2021-04-06.yaml\""))  // slashes unescaped
        var timed = Fixtures.manifest
        timed.startedAt = "2021-04-06T06:00:00Z"
        #expect(String(decoding: try timed.encoded(), as: UTF8.self).contains("\"started_at\" : \"2021-04-06T06:00:00Z\""))
    }

    @Test("decodes what it encodes, and says which file is not a manifest")
    func roundTrip() throws {
        #expect(try Manifest.decode(try Fixtures.manifest.encoded()) == Fixtures.manifest)
        let error = #expect(throws: OutputError.self) { _ = try Manifest.decode(Array("{}".utf8), path: "runs/x/manifest.json") }
        #expect(error?.path == "runs/x/manifest.json")
    }
}
