/// The scenario document as a tree whose every node remembers its file, line and column.
///
/// Yams' `Node` keeps a line and column but not a file, and scenarios are assembled from
/// several sources (a file, the files it `extends:`, `--set` arguments, policies), so the
/// tree is copied once into this small type before composition. All scalars stay text:
/// the scenario's own unit parsers give them meaning, so `08:30` is a clock time and not
/// YAML 1.1's sexagesimal number.
indirect enum ConfigNode: Sendable {
    case scalar(Scalar)
    case sequence([ConfigNode], Location)
    case mapping([Entry], Location)

    struct Scalar: Sendable {
        var text: String
        /// Plain (unquoted) scalars may be null; quoted ones are always text.
        var isPlain: Bool
        var location: Location
    }

    struct Entry: Sendable {
        var key: String
        var keyLocation: Location
        var value: ConfigNode
    }

    var location: Location {
        switch self {
        case .scalar(let s): return s.location
        case .sequence(_, let l), .mapping(_, let l): return l
        }
    }

    /// `~`, `null` or nothing at all, unquoted.
    var isNull: Bool {
        guard case .scalar(let s) = self, s.isPlain else { return false }
        return s.text.isEmpty || s.text == "~" || s.text.lowercased() == "null"
    }

    var entries: [Entry]? {
        if case .mapping(let e, _) = self { return e }
        return nil
    }

    var items: [ConfigNode]? {
        if case .sequence(let i, _) = self { return i }
        return nil
    }

    var scalarText: String? {
        if case .scalar(let s) = self { return s.text }
        return nil
    }

    /// The value of a mapping key, if this is a mapping that has it.
    subscript(key: String) -> ConfigNode? {
        entries?.first { $0.key == key }?.value
    }

    /// The `id` of a list item, if it is a mapping with a scalar `id`.
    var itemID: String? { self["id"]?.scalarText }

    /// A word for the kind of node, for "expected a mapping, found a list" messages.
    var kindName: String {
        switch self {
        case .scalar: return isNull ? "nothing" : "a value"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    /// This mapping without `key`.
    func removing(key: String) -> ConfigNode {
        guard case .mapping(let e, let l) = self else { return self }
        return .mapping(e.filter { $0.key != key }, l)
    }
}
