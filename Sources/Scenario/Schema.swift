/// One key a scenario mapping accepts: its type, whether it is required or what its
/// default is, a one-line explanation and an example.
///
/// These tables are the single source of truth for the language: the decoder rejects
/// any key not listed here (with a suggestion), it reads a missing key's default by
/// parsing the very `default` text shown here, and `docs/scenario-format.md` is
/// generated from them (a test fails when the committed page differs).
struct KeySpec: Sendable {
    enum Presence: Sendable {
        /// The key must be written.
        case required
        /// Absent means this value, parsed exactly as if it had been written.
        case defaulted(String)
        /// Absent means "not set"; the text says what that means.
        case optional(String)
    }

    enum Shape: Sendable {
        case value
        /// A mapping described by the `child` table.
        case mapping
        /// A list of mappings described by the `child` table.
        case list
        /// A mapping from free names to mappings described by the `child` table.
        case namedMap
    }

    let name: String
    let type: String
    let presence: Presence
    let summary: String
    let example: String
    let shape: Shape
    let child: String?

    init(_ name: String, _ type: String, _ presence: Presence, _ summary: String,
         example: String, shape: Shape = .value, child: String? = nil) {
        self.name = name
        self.type = type
        self.presence = presence
        self.summary = summary
        self.example = example
        self.shape = shape
        self.child = child
    }

    var defaultText: String? {
        if case .defaulted(let text) = presence { return text }
        return nil
    }
}

/// The keys of one kind of mapping (the scenario root, a pool, a gate kind…).
struct KeyTable: Sendable {
    let name: String
    let title: String
    let summary: String
    let keys: [KeySpec]

    subscript(key: String) -> KeySpec? { keys.first { $0.name == key } }
    var keyNames: [String] { keys.map(\.name) }
}
