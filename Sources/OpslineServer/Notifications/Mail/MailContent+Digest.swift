import Foundation

extension MailContent {
    /// The e-mail of a daily digest: its title as the subject, the plain text the chat robots
    /// get, and an HTML table per section (column heads, a row per item with its task linked,
    /// `and N more` under a capped list).
    init(digest: DigestContent) {
        var body = """
            <p style="font-size:16px"><strong>\(Self.escape(digest.title))</strong></p>
            <p style="color:#555">\(Self.escape(digest.subtitle))</p>

            """
        for section in digest.sections {
            body += "<h3>\(Self.escape(section.title)) (\(section.count))</h3>\n"
            guard !section.rows.isEmpty else {
                body += "<p>\(Self.escape(section.empty))</p>\n"
                continue
            }
            body += Self.table(section)
            if let more = section.moreText { body += "<p>\(Self.escape(more))</p>\n" }
        }
        self.init(
            subject: digest.title, text: digest.plainText + "\n",
            html: """
                <!DOCTYPE html>
                <html><head><meta charset="utf-8"><title>\(Self.escape(digest.title))</title></head>
                <body style="font-family:sans-serif">
                \(body)</body></html>

                """)
    }

    /// One section as an HTML table; a row's first cell links to its task when it has a page.
    private static func table(_ section: DigestContent.Section) -> String {
        var html = "<table cellpadding=\"4\" style=\"border-collapse:collapse\">\n<tr>"
        html += section.columns.map { "<th align=\"left\">\(escape($0))</th>" }.joined()
        html += "</tr>\n"
        for row in section.rows {
            let cells = row.cells.enumerated().map { index, cell -> String in
                guard index == 0, let link = row.link else { return "<td>\(escape(cell))</td>" }
                return "<td><a href=\"\(escape(link))\">\(escape(cell))</a></td>"
            }
            html += "<tr>" + cells.joined() + "</tr>\n"
        }
        return html + "</table>\n"
    }
}
