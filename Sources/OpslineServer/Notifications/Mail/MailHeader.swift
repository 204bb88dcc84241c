import Foundation

/// Header values as RFC 5322 and RFC 2047 want them: ASCII only, lines of at most 78 characters,
/// anything else as UTF-8 encoded words (`=?UTF-8?B?…?=`), so a Chinese title reads right in
/// every mail client.
enum MailHeader {
    /// `Name: value` folded, with text that is not plain ASCII encoded.
    static func line(_ name: String, text: String) -> String {
        "\(name): " + encodedWords(text, first: name.count + 2)
    }

    /// A display name: as it is when it is ASCII letters, digits and spaces, else encoded.
    static func phrase(_ text: String) -> String {
        if text.wholeMatch(of: /[A-Za-z0-9 ._-]*/) != nil, !text.isEmpty { return text }
        return encodedWords(text, first: 0, always: true)
    }

    /// `text` unchanged when it is short printable ASCII; else as encoded words of at most 42 bytes
    /// of UTF-8 each (56 base64 characters, 68 with the markers: under RFC 2047's 75, and a line
    /// of `Subject: ` and one word within 78), split only between characters and folded onto
    /// continuation lines.
    static func encodedWords(_ text: String, first: Int, always: Bool = false) -> String {
        let plain = text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
        if plain && !always && first + text.count <= 78 && !text.contains("=?") { return text }
        var words: [String] = []
        var chunk = Data()
        for character in text {
            let bytes = Data(String(character).utf8)
            if chunk.count + bytes.count > 42, !chunk.isEmpty {
                words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=")
                chunk = Data()
            }
            chunk.append(bytes)
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    /// Addresses separated by commas, one per continuation line when they do not fit on one.
    static func addressList(_ name: String, _ addresses: [String]) -> String {
        let single = "\(name): " + addresses.joined(separator: ", ")
        return single.count <= 78 ? single : "\(name): " + addresses.joined(separator: ",\r\n ")
    }

    /// `Thu, 03 Dec 2026 11:35:22 +0000` (RFC 5322 `date-time`, in UTC).
    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
