import Foundation
import Workflow

/// What an e-mail says: its subject, a plain-text body and the same as HTML. A delivery keeps it
/// (as JSON, ``json``) from its first attempt, so every attempt sends the same message.
public struct MailContent: Sendable, Hashable {
    public var subject: String
    /// The text/plain part.
    public var text: String
    /// The text/html part: a whole document, everything in it escaped.
    public var html: String

    /// Content as given.
    public init(subject: String, text: String, html: String) {
        self.subject = subject
        self.text = text
        self.html = html
    }

    /// The e-mail of one notification: the headline and the task's title as the subject, then
    /// the details and the link, as text and as an HTML table.
    init(summary: NotificationSummary) {
        self.init(headline: summary.headline, sections: [("", summary.details)], link: summary.link)
        if let title = summary.details.first(where: { $0.0 == "Title" })?.1 {
            subject = "\(summary.headline) — \(title)"
        }
    }

    /// An e-mail with `headline` as subject and heading, then `sections` of label and value rows
    /// (a section's title above it when it has one), then `link`: the shape notifications and
    /// digests share.
    public init(headline: String, sections: [(title: String, rows: [(String, String)])], link: String?) {
        subject = headline
        var lines = [headline]
        var body = "<p style=\"font-size:16px\"><strong>\(Self.escape(headline))</strong></p>\n"
        for (title, rows) in sections {
            lines.append("")
            if !title.isEmpty {
                lines.append(title)
                body += "<h3>\(Self.escape(title))</h3>\n"
            }
            lines += rows.map { "\($0.0): \($0.1)" }
            guard !rows.isEmpty else { continue }
            body += "<table cellpadding=\"4\" style=\"border-collapse:collapse\">\n"
            for (label, value) in rows {
                body += "<tr><th align=\"left\">\(Self.escape(label))</th><td>\(Self.escape(value))</td></tr>\n"
            }
            body += "</table>\n"
        }
        if let link {
            lines += ["", "Open in Opsline: \(link)"]
            body += "<p><a href=\"\(Self.escape(link))\">Open in Opsline</a></p>\n"
        }
        text = lines.joined(separator: "\n") + "\n"
        html = """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>\(Self.escape(headline))</title></head>
            <body style="font-family:sans-serif">
            \(body)</body></html>

            """
    }

    /// `&`, `<`, `>`, `"` and `'` as HTML entities.
    public static func escape(_ text: String) -> String { MarkupText.escaped(text) }

    /// `{"subject","text","html"}`, as a delivery keeps it.
    var json: String {
        JSONValue.object(["subject": .string(subject), "text": .string(text), "html": .string(html)]).jsonText
    }

    /// The content a delivery kept; `nil` when `json` is not one.
    init?(json: String) {
        guard let value = try? JSONValue.parse(json), let subject = value["subject"]?.stringValue,
            let text = value["text"]?.stringValue, let html = value["html"]?.stringValue
        else { return nil }
        self.init(subject: subject, text: text, html: html)
    }
}
