/// Lazy cancellation for events that belong to an entity.
///
/// Removing an event from the heap costs O(n); instead an entity's pending events
/// carry the entity's generation when scheduled, and cancelling bumps the generation.
/// When such an event fires, the model asks ``isCurrent(_:generation:)`` and ignores
/// it if stale. Cancelling is O(1) and costs one comparison per fired event.
public struct Generations {
    @usableFromInline var values: [UInt32]

    public init(count: Int = 0) {
        values = Array(repeating: 0, count: count)
    }

    /// Makes room for entities up to `index`.
    @inlinable
    public mutating func ensureCapacity(_ count: Int) {
        if values.count < count { values.append(contentsOf: repeatElement(0, count: count - values.count)) }
    }

    /// The generation to stamp on an event scheduled now for `entity`.
    @inlinable
    public func current(_ entity: Int) -> UInt32 { values[entity] }

    /// Cancels every pending event of `entity`.
    @inlinable
    public mutating func cancelAll(_ entity: Int) { values[entity] &+= 1 }

    /// Whether an event stamped with `generation` is still meant to fire.
    @inlinable
    public func isCurrent(_ entity: Int, generation: UInt32) -> Bool { values[entity] == generation }
}
