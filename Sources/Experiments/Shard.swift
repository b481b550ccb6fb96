/// One of N disjoint parts of a run, compare or sweep (`--shard i/N`).
///
/// Work is numbered 0, 1, 2, … (replications of a run; (policy × replication) or
/// (point × replication) items of a compare or sweep, in the order the unsharded command
/// would run them). Shard i of N owns the items whose number is i modulo N: the shards are
/// disjoint, together cover everything, and each item keeps its own replication index and
/// so its own random substreams — which is why merged shard outputs can equal the unsharded
/// output byte for byte.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// Zero-based index of this shard.
    public let index: Int
    /// How many shards the work is split into.
    public let count: Int

    /// The whole work in one part: what a command does without `--shard`.
    public static let whole = Shard(uncheckedIndex: 0, count: 1)

    public init(index: Int, count: Int) throws(ShardError) {
        guard count >= 1 else { throw .invalid("the shard count must be at least 1 (got \(count))") }
        guard (0..<count).contains(index) else {
            throw .invalid("the shard index must be between 0 and \(count - 1) (got \(index))")
        }
        self.index = index
        self.count = count
    }

    private init(uncheckedIndex: Int, count: Int) {
        self.index = uncheckedIndex
        self.count = count
    }

    /// Parses `i/N`, as written on the command line (`--shard 3/8`).
    public init(parsing text: String) throws(ShardError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw .invalid("expected i/N with whole numbers, e.g. 0/4 (got \"\(text)\")")
        }
        try self.init(index: i, count: n)
    }

    /// Whether work item `item` belongs to this shard.
    public func owns(_ item: Int) -> Bool { item % count == index }

    /// The items of `0..<total` this shard runs, in increasing order.
    public func items(outOf total: Int) -> [Int] {
        stride(from: index, to: total, by: count).map { $0 }
    }

    /// How many of the items of `0..<total` this shard runs, without listing them.
    public func itemCount(outOf total: Int) -> Int {
        total > index ? (total - index - 1) / count + 1 : 0
    }

    public var isWhole: Bool { count == 1 }

    public var description: String { "\(index)/\(count)" }
}

public enum ShardError: Error, Equatable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let why): "--shard: \(why)"
        }
    }
}
