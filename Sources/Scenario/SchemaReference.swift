import Foundation

/// The key reference of `docs/scenario-format.md`, generated from ``Schema`` so the
/// documentation cannot drift from the parser: a test compares the committed page with
/// this text.
public enum SchemaReference {
    public static let beginMarker = "<!-- BEGIN GENERATED KEY REFERENCE (swift test regenerates it with AFFLUENCE_RECORD_DOCS=1) -->"
    public static let endMarker = "<!-- END GENERATED KEY REFERENCE -->"

    /// Every table as a Markdown section, then the metric names.
    public static var markdown: String {
        var lines: [String] = []
        for table in Schema.tables {
            lines.append("### \(table.title)")
            lines.append("")
            lines.append(table.summary)
            lines.append("")
            lines.append("| key | type | default | meaning | example |")
            lines.append("|---|---|---|---|---|")
            for key in table.keys {
                let presence: String
                switch key.presence {
                case .required: presence = "**required**"
                case .defaulted(let text): presence = "`\(text)`"
                case .optional(let meaning): presence = "unset: \(meaning)"
                }
                lines.append("| `\(key.name)` | \(cell(key.type)) | \(cell(presence)) | \(cell(key.summary)) | `\(cell(key.example))` |")
            }
            lines.append("")
        }
        lines.append("### Metrics (`expect[].metric`)")
        lines.append("")
        lines.append("| metric | meaning |")
        lines.append("|---|---|")
        for m in Schema.metrics { lines.append("| `\(m.name)` | \(cell(m.meaning)) |") }
        return lines.joined(separator: "\n")
    }

    /// Every key name the schema accepts, by table.
    public static var keysByTable: [(table: String, keys: [String])] {
        Schema.tables.map { ($0.title, $0.keyNames) }
    }

    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
