/// "Did you mean …?" for misspelt keys and names: the commonest bug in config files is
/// a typo, and the fix is usually one edit away.
enum Suggestions {
    /// The closest candidate within a few edits, if any.
    static func closest(_ word: String, _ candidates: [String]) -> String? {
        let limit = max(2, word.count / 3)
        var best: (String, Int)? = nil
        for c in candidates {
            let d = distance(word.lowercased(), c.lowercased())
            if d <= limit, d < (best?.1 ?? Int.max) { best = (c, d) }
        }
        return best?.0
    }

    /// `"; did you mean `x`?"` or nothing.
    static func didYouMean(_ word: String, _ candidates: [String]) -> String {
        closest(word, candidates).map { "; did you mean `\($0)`?" } ?? ""
    }

    /// Levenshtein distance (insertions, deletions, substitutions), O(n·m).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.prefix(64)), b = Array(b.prefix(64))
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
