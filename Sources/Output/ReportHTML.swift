/// A minimal HTML writer for the report: escapes every text it is given.
///
/// Print-friendly by construction: white background, dark text, figures kept whole on a
/// page, no colours that carry meaning alone.
struct ReportHTML {
    private(set) var text = ""

    static let style = """
        body { font-family: sans-serif; color: #1a1a1a; background: #ffffff; margin: 2em auto; max-width: 800px; line-height: 1.4; }
        h1 { font-size: 1.6em; } h2 { border-bottom: 1px solid #999; padding-bottom: 0.2em; margin-top: 2em; } h3 { font-size: 1.05em; margin-top: 1.5em; }
        dl.facts { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; }
        dl.facts dt { font-weight: bold; } dl.facts dd { margin: 0; }
        p.note { background: #f4f4f4; border-left: 4px solid #666; padding: 0.5em 0.8em; }
        p.remark { font-size: 0.9em; color: #444; font-style: italic; }
        nav.contents ul { margin: 0.2em 0; padding-left: 1.4em; } nav.contents ul ul { columns: 3; font-size: 0.9em; }
        nav.contents a { color: #1a1a1a; }
        figure { margin: 1em 0; break-inside: avoid; page-break-inside: avoid; }
        figcaption { font-size: 0.85em; color: #444; }
        svg.chart { max-width: 100%; height: auto; }
        table { border-collapse: collapse; font-size: 0.85em; width: 100%; }
        th, td { border: 1px solid #bbb; padding: 0.2em 0.4em; text-align: left; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        thead th { background: #eee; }
        @page { size: A4; margin: 15mm 12mm; }
        @media print {
          body { margin: 0; max-width: none; font-size: 10pt; }
          h2 { break-before: page; } h2, h3 { break-after: avoid; }
          nav.contents ul ul { columns: 4; }
          p.note { border-left: 2px solid #666; background: none; }
          thead { display: table-header-group; } tr { break-inside: avoid; }
          thead th { background: none; border-bottom: 2px solid #666; }
          a { text-decoration: none; }
        }
        """

    mutating func open(title: String) {
        text += """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(SVGText.escape(title))</title>
            <style>
            \(Self.style)
            </style>
            </head>
            <body>
            <h1>\(SVGText.escape(title))</h1>

            """
    }

    mutating func facts(_ facts: [(String, String)]) {
        text += "<dl class=\"facts\">\n"
        for (name, value) in facts {
            text += "<dt>\(SVGText.escape(name))</dt><dd>\(SVGText.escape(value))</dd>\n"
        }
        text += "</dl>\n"
    }

    mutating func note(_ note: String) {
        text += "<p class=\"note\">\(SVGText.escape(note))</p>\n"
    }

    mutating func heading(_ heading: String, level: Int, anchor: String? = nil) {
        let id = anchor.map { " id=\"\(SVGText.escape($0))\"" } ?? ""
        text += "<h\(level)\(id)>\(SVGText.escape(heading))</h\(level)>\n"
    }

    /// A line of secondary text (what was left out and why).
    mutating func remark(_ remark: String) {
        text += "<p class=\"remark\">\(SVGText.escape(remark))</p>\n"
    }

    /// An entry of the table of contents: a link to an anchor on this page, never a URL.
    struct ContentsEntry {
        var anchor: String
        var label: String
        var children: [ContentsEntry] = []
    }

    mutating func contents(_ entries: [ContentsEntry]) {
        guard !entries.isEmpty else { return }
        text += "<nav class=\"contents\">\n<ul>\n"
        for entry in entries {
            text += "<li>" + link(entry)
            if !entry.children.isEmpty {
                text += "\n<ul>\n" + entry.children.map { "<li>" + link($0) + "</li>\n" }.joined() + "</ul>\n"
            }
            text += "</li>\n"
        }
        text += "</ul>\n</nav>\n"
    }

    private func link(_ entry: ContentsEntry) -> String {
        "<a href=\"#\(SVGText.escape(entry.anchor))\">\(SVGText.escape(entry.label))</a>"
    }

    mutating func figure(_ chart: SVGChart, caption: String?) {
        text += "<figure class=\"chart\">\n" + chart.render() + "\n"
        if let caption { text += "<figcaption>\(SVGText.escape(caption))</figcaption>\n" }
        text += "</figure>\n"
    }

    /// A table; cells that read as numbers are right-aligned.
    mutating func table(_ table: (header: [String], rows: [[String]])) {
        text += "<table>\n<thead><tr>"
        for column in table.header { text += "<th>\(SVGText.escape(column))</th>" }
        text += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            text += "<tr>"
            for cell in row {
                let numeric = !cell.isEmpty && cell.allSatisfy { "0123456789.-+–kMGe%:".contains($0) }
                text += numeric ? "<td class=\"num\">" : "<td>"
                text += SVGText.escape(cell) + "</td>"
            }
            text += "</tr>\n"
        }
        text += "</tbody>\n</table>\n"
    }

    mutating func close() {
        text += "</body>\n</html>\n"
    }
}
