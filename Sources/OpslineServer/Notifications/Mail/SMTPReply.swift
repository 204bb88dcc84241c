import NIOCore

/// One SMTP reply: a three-digit code and its lines of text (`250-mail.example.com`,
/// `250-STARTTLS`, `250 AUTH PLAIN LOGIN` is one reply of three lines).
struct SMTPReply: Sendable, Hashable {
    let code: Int
    /// The text of each line, after the code and its separator.
    let lines: [String]

    /// 2xx.
    var isPositive: Bool { (200..<300).contains(code) }
    /// 3xx: go on (`354` after `DATA`, `334` during `AUTH`).
    var isIntermediate: Bool { (300..<400).contains(code) }

    /// The reply as one line, as `subscription test` prints it: `250 2.0.0 Ok: queued as 12AB`.
    var line: String { "\(code) " + lines.joined(separator: " ").prefix(400) }

    /// The EHLO keywords the relay offers (`STARTTLS`, `AUTH`), upper-cased, with their
    /// parameters; the greeting line is not one.
    var extensions: [String: [String]] {
        var offered: [String: [String]] = [:]
        for line in lines.dropFirst() {
            let words = line.split(separator: " ").map { $0.uppercased() }
            guard let keyword = words.first else { continue }
            offered[keyword] = Array(words.dropFirst())
        }
        return offered
    }
}

/// Reads SMTP replies from bytes as they arrive: lines end in CRLF (a bare LF is taken too), a
/// `-` after the code means more lines follow, a space (or nothing) ends the reply.
struct SMTPReplyParser {
    /// The longest line read; the longest reply in lines. Past them the relay is not speaking SMTP.
    static let lineLimit = 4096
    static let linesLimit = 200

    private var lines: [String] = []
    private var code: Int?

    /// The next whole reply in `buffer`, consuming it; `nil` while one is incomplete.
    /// - Throws: ``SMTPError/protocolViolation(_:)``.
    mutating func next(_ buffer: inout ByteBuffer) throws(SMTPError) -> SMTPReply? {
        while true {
            let view = buffer.readableBytesView
            guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
                if buffer.readableBytes > Self.lineLimit { throw .protocolViolation("a reply line is too long") }
                return nil
            }
            let length = newline - view.startIndex
            var line = buffer.readString(length: length) ?? ""
            buffer.moveReaderIndex(forwardBy: 1)
            if line.hasSuffix("\r") { line.removeLast() }
            guard line.utf8.count <= Self.lineLimit else { throw .protocolViolation("a reply line is too long") }
            let digits = line.prefix(3)
            guard digits.count == 3, digits.allSatisfy(\.isASCII), let lineCode = Int(digits), lineCode >= 200,
                lineCode < 600
            else { throw .protocolViolation("'\(line.prefix(80))' is not an SMTP reply") }
            guard code == nil || code == lineCode else {
                throw .protocolViolation("a reply's lines have different codes")
            }
            let separator = line.dropFirst(3).first
            guard separator == nil || separator == " " || separator == "-" else {
                throw .protocolViolation("'\(line.prefix(80))' is not an SMTP reply")
            }
            code = lineCode
            lines.append(String(line.dropFirst(4)))
            guard lines.count <= Self.linesLimit else { throw .protocolViolation("a reply has too many lines") }
            if separator != "-" {
                defer { (lines, code) = ([], nil) }
                return SMTPReply(code: lineCode, lines: lines)
            }
        }
    }
}
