import Foundation
import Testing

@testable import Output

@Suite("SHA-256 against the NIST FIPS 180-4 examples")
struct SHA256Tests {
    @Test("NIST vectors", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func vectors(message: String, digest: String) {
        #expect(SHA256.hex(Array(message.utf8)) == digest)
    }

    @Test("one million 'a', fed in uneven chunks")
    func million() {
        var hasher = SHA256()
        var remaining = 1_000_000
        var size = 1
        while remaining > 0 {
            let chunk = min(size, remaining)
            hasher.update(repeatElement(UInt8(ascii: "a"), count: chunk))
            remaining -= chunk
            size = size * 3 % 997 + 1
        }
        #expect(hasher.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("padding boundaries: 55, 56, 63, 64 and 65 bytes hash alike whole or split")
    func boundaries() {
        for length in [55, 56, 63, 64, 65, 119, 120] {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            var split = SHA256()
            split.update(bytes.prefix(length / 2))
            split.update(bytes.dropFirst(length / 2))
            #expect(split.hexDigest() == SHA256.hex(bytes), "length \(length)")
        }
    }

    @Test("a file hashes like its bytes")
    func file() throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("scenario.yaml")
        try Data("abc".utf8).write(to: url)
        #expect(try SHA256.hex(ofFileAt: url) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(throws: OutputError.self) { _ = try SHA256.hex(ofFileAt: folder.appendingPathComponent("missing.yaml")) }
    }
}
