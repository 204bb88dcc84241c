import Foundation

/// A received e-mail as a mail reader sees it, parsed here from the RFC 5322 and MIME texts
/// (not with the server's code): headers unfolded, encoded words (RFC 2047) decoded, and the
/// parts of a multipart message with their bodies decoded from base64 or quoted-printable.
public struct ParsedMail: Sendable {
    /// Headers in order, names as sent.
    public let headers: [(name: String, value: String)]
    /// The parts (one, the body itself, when it is not multipart): content type and text.
    public let parts: [(type: String, text: String)]
    /// Whether every line ended in CRLF and none was longer than 998 characters.
    public let linesAreWellFormed: Bool

    public init(_ raw: String) {
        linesAreWellFormed =
            !raw.replacingOccurrences(of: "\r\n", with: "").contains("\n")
            && raw.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 998 }
        let text = raw.replacingOccurrences(of: "\r\n", with: "\n")
        let (headers, body) = Self.split(text)
        self.headers = headers
        let type = headers.first { $0.name.lowercased() == "content-type" }?.value ?? "text/plain"
        if type.lowercased().hasPrefix("multipart/"),
            let boundary = type.firstMatch(of: /boundary="?([^";]+)"?/).map({ String($0.1) })
        {
            let chunks = body.components(separatedBy: "\n--\(boundary)")
            parts = chunks.dropFirst().filter { !$0.hasPrefix("--") }.map { chunk in
                let (partHeaders, partBody) = Self.split(String(chunk.drop { $0 == "\n" }))
                return Self.decoded(partHeaders, partBody)
            }
        } else {
            parts = [Self.decoded(headers, body)]
        }
    }

    /// The first header of that name, unfolded and decoded.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }.map { Self.decodeWords($0.value) }
    }

    /// The text of the first part of that type (`text/plain`, `text/html`).
    public func part(_ type: String) -> String? {
        parts.first { $0.type.lowercased().hasPrefix(type) }?.text
    }

    private static func split(_ text: String) -> ([(name: String, value: String)], String) {
        let end = text.range(of: "\n\n")
        let head = end.map { String(text[..<$0.lowerBound]) } ?? text
        let body = end.map { String(text[$0.upperBound...]) } ?? ""
        var headers: [(name: String, value: String)] = []
        for line in head.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.first == " " || line.first == "\t", let last = headers.popLast() {
                headers.append((last.name, last.value + line))
            } else if let colon = line.firstIndex(of: ":") {
                headers.append(
                    (
                        String(line[..<colon]),
                        String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
                    ))
            }
        }
        return (headers, body)
    }

    private static func decoded(
        _ headers: [(name: String, value: String)], _ body: String
    ) -> (type: String, text: String) {
        let type = headers.first { $0.name.lowercased() == "content-type" }?.value ?? "text/plain"
        let encoding = headers.first { $0.name.lowercased() == "content-transfer-encoding" }?.value.lowercased()
        switch encoding {
        case "base64":
            let data = Data(base64Encoded: body.filter { !$0.isWhitespace }) ?? Data()
            return (type, String(decoding: data, as: UTF8.self))
        case "quoted-printable":
            return (type, quotedPrintable(body))
        default:
            return (type, body)
        }
    }

    /// `=?UTF-8?B?…?=` and `=?UTF-8?Q?…?=` words decoded; the folding white space between two
    /// words dropped, as RFC 2047 says.
    static func decodeWords(_ value: String) -> String {
        let joined = value.replacing(/\?=\s+=\?/, with: "?==?")
        return joined.replacing(/=\?[Uu][Tt][Ff]-8\?([BbQq])\?([^?]*)\?=/) { match in
            if match.1.lowercased() == "b" {
                return String(decoding: Data(base64Encoded: String(match.2)) ?? Data(), as: UTF8.self)
            }
            return quotedPrintable(String(match.2).replacingOccurrences(of: "_", with: " "))
        }
    }

    private static func quotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        let source = Array(text.replacingOccurrences(of: "=\n", with: "").utf8)
        var index = 0
        while index < source.count {
            if source[index] == UInt8(ascii: "="), index + 2 < source.count,
                let byte = UInt8(String(decoding: source[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
            {
                bytes.append(byte)
                index += 3
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
