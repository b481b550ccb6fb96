/// A first-in, first-out queue on a growable circular buffer: O(1) amortised at both
/// ends, no allocation once grown to the longest queue seen.
public struct RingBuffer<Element> {
    @usableFromInline var storage: ContiguousArray<Element?>
    @usableFromInline var head = 0
    @usableFromInline var countStorage = 0

    public init(capacity: Int = 16) {
        storage = ContiguousArray(repeating: nil, count: Swift.max(1, capacity))
    }

    @inlinable public var count: Int { countStorage }
    @inlinable public var isEmpty: Bool { countStorage == 0 }

    /// The element that `popFirst` would return.
    @inlinable public var first: Element? { countStorage == 0 ? nil : storage[head] }

    @inlinable
    public mutating func append(_ element: Element) {
        if countStorage == storage.count { grow() }
        var tail = head + countStorage
        if tail >= storage.count { tail -= storage.count }
        storage[tail] = element
        countStorage += 1
    }

    @inlinable
    public mutating func popFirst() -> Element? {
        guard countStorage > 0 else { return nil }
        let element = storage[head]
        storage[head] = nil
        head += 1
        if head == storage.count { head = 0 }
        countStorage -= 1
        return element
    }

    @usableFromInline
    mutating func grow() {
        var bigger = ContiguousArray<Element?>(repeating: nil, count: storage.count * 2)
        for i in 0..<countStorage {
            var j = head + i
            if j >= storage.count { j -= storage.count }
            bigger[i] = storage[j]
        }
        storage = bigger
        head = 0
    }
}
