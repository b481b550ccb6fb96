import Foundation
import Testing
@testable import Scenario

/// A small deterministic generator (SplitMix64), so every run mutates the same way.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Mutations a careless edit or a corrupted file could make.
enum Mutator {
    static let replacements = ["0", "-1", "1e400", "99:99", "5x", "120%", "1/s", "0/s", "[]", "{}", "~", "\"\"", "*a", "&a",
                               "exponential(mean: 0s)", "mixture(0.5: 1s)", "lognormal(", "08:30", "1h30min", "nan",
                               "1_000_000_000_000", "true", "- x", ": :", "'", "\t", "é", "🙂", "\u{7}"]
    static let units = ["ms", "s", "min", "h", "d", "/s", "/min", "%", "k", "M", ""]

    static func mutate(_ text: String, _ rng: inout SplitMix) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard !lines.isEmpty else { return text }
        let i = Int.random(in: 0..<lines.count, using: &rng)
        switch Int.random(in: 0..<8, using: &rng) {
        case 0: lines.remove(at: i)
        case 1: lines.insert(lines[i], at: i)
        case 2:  // flip one character
            var chars = Array(lines[i].unicodeScalars)
            if !chars.isEmpty {
                let k = Int.random(in: 0..<chars.count, using: &rng)
                chars[k] = Unicode.Scalar(UInt8.random(in: 32...126, using: &rng))
                lines[i] = String(String.UnicodeScalarView(chars))
            }
        case 3:  // change a number
            lines[i] = replaceFirstNumber(lines[i], with: ["0", "-3", "1e9", "0.5", "12345678901234567890", "1.2.3"].randomElement(using: &rng)!)
        case 4:  // change a unit
            for u in units.shuffled(using: &rng) where !u.isEmpty && lines[i].contains(u) {
                lines[i] = lines[i].replacingOccurrences(of: u, with: units.randomElement(using: &rng)!, options: [], range: lines[i].range(of: u))
                break
            }
        case 5:  // replace a value
            if let colon = lines[i].range(of: ": ") {
                lines[i] = String(lines[i][..<colon.upperBound]) + replacements.randomElement(using: &rng)!
            }
        case 6:  // change indentation
            lines[i] = Bool.random(using: &rng) ? " " + lines[i] : String(lines[i].drop { $0 == " " })
        default: // swap two lines
            let j = Int.random(in: 0..<lines.count, using: &rng)
            lines.swapAt(i, j)
        }
        return lines.joined(separator: "\n")
    }

    static func replaceFirstNumber(_ line: String, with value: String) -> String {
        guard let r = line.range(of: "[0-9]+(\\.[0-9]+)?", options: .regularExpression) else { return line }
        return line.replacingCharacters(in: r, with: value)
    }
}

@Suite("Mutation fuzzing of the valid models")
struct FuzzTests {
    static let mutantsPerModel = 500

    @Test("mutants never crash; every rejection is a located diagnostic", arguments: Repository.modelFiles)
    func mutants(file: String) throws {
        let original = try String(contentsOfFile: file, encoding: .utf8)
        var rng = SplitMix(state: UInt64(truncatingIfNeeded: file.utf8.reduce(5381) { ($0 &* 33) &+ Int($1) }))
        var rejected = 0
        let lines = original.split(separator: "\n", omittingEmptySubsequences: false).count
        for _ in 0..<Self.mutantsPerModel {
            var text = original
            for _ in 0..<Int.random(in: 1...3, using: &rng) { text = Mutator.mutate(text, &rng) }
            do {
                _ = try ScenarioLoader.load(text: text, path: file)
            } catch {
                rejected += 1
                #expect(!error.diagnostics.isEmpty)
                for d in error.diagnostics {
                    #expect(d.location.line >= 1 && d.location.column >= 1)
                    if d.location.file == file { #expect(d.location.line <= lines + 3, "\(d)") }
                    #expect(!d.message.isEmpty)
                }
            }
        }
        #expect(rejected > 0)
    }
}
