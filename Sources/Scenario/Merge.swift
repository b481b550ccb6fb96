/// The deep merge `extends:` uses: the extending file wins.
///
/// - mappings merge key by key;
/// - lists whose items all have an `id` merge item by item (same id: merged; new id:
///   appended), so a variant can change one pool without restating the others; an item
///   `{id: x, remove: true}` takes item `x` out of the base's list (a sibling that studies
///   one region drops what it does not need; a later day drops the facts of another day);
/// - anything else (scalars, plain lists) is replaced by the extending file's value.
enum Merge {
    static func merge(base: ConfigNode, over: ConfigNode) -> ConfigNode {
        switch (base, over) {
        case (.mapping(let b, _), .mapping(let o, let location)):
            var result = b
            for entry in o {
                if let i = result.firstIndex(where: { $0.key == entry.key }) {
                    result[i] = .init(key: entry.key, keyLocation: entry.keyLocation,
                                      value: merge(base: result[i].value, over: entry.value))
                } else {
                    result.append(entry)
                }
            }
            return .mapping(result, location)
        case (.sequence(let b, _), .sequence(let o, let location))
            where !b.isEmpty && !o.isEmpty && (b + o).allSatisfy({ $0.itemID != nil }):
            var result = b
            for item in o {
                if let i = result.firstIndex(where: { $0.itemID == item.itemID }) {
                    if item.removesItem { result.remove(at: i) } else { result[i] = merge(base: result[i], over: item) }
                } else {
                    result.append(item)
                }
            }
            return .sequence(result, location)
        default:
            return over
        }
    }
}

extension ConfigNode {
    /// `{id: x, remove: true}` and nothing else. With no item `x` in the base it stays in
    /// the list, and the decoder reports `remove` as an unknown key at that item.
    fileprivate var removesItem: Bool {
        guard case .mapping(let entries, _) = self, entries.count == 2 else { return false }
        return self["remove"]?.scalarText == "true"
    }
}
