/// A minimal HTML writer for the report: escapes every text it is given.
///
/// Print-friendly by construction: white background, dark text, figures kept whole on a
/// page, no colours that carry meaning alone.
struct ReportHTML {
    private(set) var text = ""

    static let style = """
        body { font-family: sans-serif; color: #1a1a1a; background: #ffffff; margin: 1em auto; max-width: 800px; padding: 0 0.6em; box-sizing: border-box; line-height: 1.4; overflow-wrap: break-word; }
        h1 { font-size: 1.4em; margin: 0.3em 0; } h2 { font-size: 1.25em; border-bottom: 1px solid #999; padding-bottom: 0.2em; margin-top: 1.2em; } h3 { font-size: 1.05em; margin: 1em 0 0.4em; }
        ul.answers { margin: 0.3em 0; padding-left: 1.3em; } ul.answers li { margin: 0.15em 0; }
        details { margin: 0.5em 0; } details > summary { cursor: pointer; font-weight: bold; padding: 0.2em 0; }
        div.table { max-width: 100%; overflow-x: auto; }
        dl.facts { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; }
        dl.facts dt { font-weight: bold; } dl.facts dd { margin: 0; }
        p.note { background: #f4f4f4; border-left: 4px solid #666; padding: 0.5em 0.8em; }
        p.remark { font-size: 0.9em; color: #444; font-style: italic; }
        nav.contents ul { margin: 0.2em 0; padding-left: 1.4em; } nav.contents ul ul { columns: 3; font-size: 0.9em; }
        nav.contents a { color: #1a1a1a; }
        figure { margin: 0.6em 0; break-inside: avoid; page-break-inside: avoid; }
        figcaption { font-size: 0.85em; color: #444; }
        svg.chart { max-width: 100%; height: auto; }
        table { border-collapse: collapse; font-size: 0.85em; width: 100%; }
        th, td { border: 1px solid #bbb; padding: 0.2em 0.4em; text-align: left; overflow-wrap: normal; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        thead th { background: #eee; }
        @page { size: A4; margin: 15mm 12mm; }
        @media print {
          body { margin: 0; max-width: none; font-size: 10pt; }
          h2 { break-after: avoid; } h3 { break-after: avoid; }
          nav.contents ul ul { columns: 4; }
          p.note { border-left: 2px solid #666; background: none; }
          thead { display: table-header-group; } tr { break-inside: avoid; }
          thead th { background: none; border-bottom: 2px solid #666; }
          a { text-decoration: none; }
        }
        """

    mutating func open(title: String, language: ReportLanguage = .en) {
        text += """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
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

    /// A chart; `metric` and `role` (`means`, `differences`) mark a comparison chart for
    /// checks that read the page (scripts/check-report.py).
    mutating func figure(_ chart: SVGChart, caption: String?, metric: String? = nil, role: String? = nil) {
        let metricAttribute = metric.map { " data-metric=\"\(SVGText.escape($0))\"" } ?? ""
        let roleAttribute = role.map { " data-role=\"\(SVGText.escape($0))\"" } ?? ""
        text += "<figure class=\"chart\"\(metricAttribute)\(roleAttribute)>\n" + chart.render() + "\n"
        if let caption { text += "<figcaption>\(SVGText.escape(caption))</figcaption>\n" }
        text += "</figure>\n"
    }

    /// A bulleted list of sentences (the answers).
    mutating func list(_ items: [String]) {
        guard !items.isEmpty else { return }
        text += "<ul class=\"answers\">\n" + items.map { "<li>\(SVGText.escape($0))</li>\n" }.joined() + "</ul>\n"
    }

    /// Another writer's text, appended as it is (a part built before its heading was known).
    mutating func append(_ other: ReportHTML) {
        text += other.text
    }

    /// Opens a collapsed part: `summary` shows, the rest opens on a click (and prints open
    /// in browsers that print details open).
    mutating func openDetails(summary: String, anchor: String? = nil) {
        let id = anchor.map { " id=\"\(SVGText.escape($0))\"" } ?? ""
        text += "<details\(id)><summary>\(SVGText.escape(summary))</summary>\n"
    }

    mutating func closeDetails() {
        text += "</details>\n"
    }

    /// A table; cells that read as numbers are right-aligned.
    mutating func table(_ table: (header: [String], rows: [[String]])) {
        text += "<div class=\"table\"><table>\n<thead><tr>"
        for column in table.header { text += "<th>\(SVGText.escape(column))</th>" }
        text += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            text += "<tr>"
            for cell in row {
                let numeric = !cell.isEmpty && cell.allSatisfy { "0123456789.,-+–kMGe%:\u{202F} ".contains($0) }
                text += numeric ? "<td class=\"num\">" : "<td>"
                text += SVGText.escape(cell) + "</td>"
            }
            text += "</tr>\n"
        }
        text += "</tbody>\n</table></div>\n"
    }

    mutating func close() {
        text += "</body>\n</html>\n"
    }
}
