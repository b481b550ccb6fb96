import Foundation

/// `application/x-www-form-urlencoded` text (a query string or a form body) as ordered
/// name–value pairs. Malformed escapes are refused, not guessed.
enum FormData {
    static func parse(_ text: Substring) throws(ServeError) -> [(name: String, value: String)] {
        var pairs: [(String, String)] = []
        for part in text.split(separator: "&", omittingEmptySubsequences: true) {
            let (rawName, rawValue): (Substring, Substring)
            if let eq = part.firstIndex(of: "=") {
                (rawName, rawValue) = (part[..<eq], part[part.index(after: eq)...])
            } else {
                (rawName, rawValue) = (part, "")
            }
            guard let name = decode(rawName), let value = decode(rawValue) else {
                throw .badRequest("malformed form field `\(part.prefix(40))` (expected name=value with %XX escapes)")
            }
            pairs.append((name, value))
        }
        return pairs
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// The text of `pairs`, escaped for a URL's query string.
    static func encode(_ pairs: [(name: String, value: String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-_.~")
        return pairs.map { pair in
            (pair.name.addingPercentEncoding(withAllowedCharacters: allowed) ?? "") + "="
                + (pair.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }.joined(separator: "&")
    }
}
