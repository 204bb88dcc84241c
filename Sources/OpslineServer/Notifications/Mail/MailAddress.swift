/// An e-mail address with an optional display name, as `--smtp-from` gives it:
/// `Opsline <opsline@example.com>` or `opsline@example.com`.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    /// The name shown, such as `Opsline` (any characters: it is encoded for the header).
    public let name: String?
    /// `local@domain`, ASCII.
    public let address: String

    /// Reads `text`.
    /// - Throws: ``MailAddressError`` when it is not one address.
    public init(_ text: String) throws(MailAddressError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            var name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
            if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
                name = String(name.dropFirst().dropLast())
            }
            self.name = name.isEmpty ? nil : name
            address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        } else {
            name = nil
            address = trimmed
        }
        guard Self.isAddress(address) else {
            throw .invalid(
                "'\(text)' is not an e-mail address such as opsline@example.com or Opsline <opsline@example.com>")
        }
        if let name, name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw .invalid("the name in '\(text)' has a control character")
        }
    }

    /// Whether `text` is a plain ASCII `local@domain.tld` address that needs no quoting and
    /// cannot break a header or an SMTP command.
    static func isAddress(_ text: String) -> Bool {
        guard text.count <= 254, text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F })
        else { return false }
        return text.wholeMatch(
            of: /[A-Za-z0-9.!#$%&'*+\/=?^_`{|}~-]+@[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?\.[A-Za-z0-9-]+/)
            != nil
    }

    /// The domain, for `Message-ID`s.
    var domain: String { String(address.split(separator: "@").last ?? "localhost") }

    /// The header form: `=?UTF-8?B?…?= <opsline@example.com>` (or the bare address).
    var header: String {
        guard let name else { return address }
        return "\(MailHeader.phrase(name)) <\(address)>"
    }

    public var description: String { name.map { "\($0) <\(address)>" } ?? address }
}

/// A `--smtp-from` that does not read.
public enum MailAddressError: Error, Sendable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let problem): problem
        }
    }
}
