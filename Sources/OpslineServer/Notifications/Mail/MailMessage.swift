import Foundation

/// One e-mail as it goes to the relay: the envelope (sender and recipients) and the RFC 5322
/// message, a MIME `multipart/alternative` of a text/plain and a text/html part, both UTF-8 in
/// base64.
///
/// Everything in it comes from stable values — the delivery's id (the `Message-ID`, so receivers
/// and mail systems dedupe a retry), its queuing time (`Date`), the kept content — so every
/// attempt of one delivery sends the same bytes.
public struct MailMessage: Sendable, Hashable {
    /// `Message-ID: <id@domain-of-from>`.
    public var id: String
    public var date: Date
    public var from: MailAddress
    /// The recipients, in `To:` and one `RCPT TO` each.
    public var to: [String]
    public var content: MailContent

    /// A message as given.
    public init(id: String, date: Date, from: MailAddress, to: [String], content: MailContent) {
        self.id = id
        self.date = date
        self.from = from
        self.to = to
        self.content = content
    }

    /// `<id@domain>`.
    public var messageID: String { "<\(id)@\(from.domain)>" }

    /// The message, with CRLF line ends, lines of at most 78 characters and ASCII only.
    public var rendered: String {
        // Base64 lines never start with "--", so a boundary starting "=_" never occurs in a part.
        let boundary = "=_opsline_" + String(id.filter { $0.isLetter || $0.isNumber }.prefix(40))
        var lines = [
            "Date: \(MailHeader.date(date))",
            "From: \(from.header)",
            MailHeader.addressList("To", to),
            MailHeader.line("Subject", text: content.subject),
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
            // RFC 3834: a machine wrote this; out-of-office replies should not answer it.
            "Auto-Submitted: auto-generated",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            "",
            "This is a MIME message: a text and an HTML version of the same.",
        ]
        for (type, body) in [("text/plain", content.text), ("text/html", content.html)] {
            lines += [
                "", "--\(boundary)", "Content-Type: \(type); charset=UTF-8", "Content-Transfer-Encoding: base64", "",
            ]
            lines += Self.base64Lines(Data(body.utf8))
        }
        lines += ["", "--\(boundary)--", ""]
        return lines.joined(separator: "\r\n")
    }

    /// `data` in base64, 76 characters a line (RFC 2045).
    static func base64Lines(_ data: Data) -> [String] {
        data.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
            .components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }
}
