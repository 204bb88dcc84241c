import Foundation

/// Where and how the server sends e-mail (`--smtp-url`):
/// `smtp://user:pass@host:port` (STARTTLS when the relay offers it),
/// `smtp://…?starttls=required` (refuse to send unless it does), `smtps://…` (TLS from the first
/// byte). The port defaults to 587 for `smtp` and 465 for `smtps`. User and password are
/// percent-decoded (`user%40example.com`), and the password is never shown: ``description`` and
/// ``redacted`` print `***` in its place.
public struct SMTPURL: Sendable, CustomStringConvertible, CustomReflectable {
    /// How the connection is protected.
    public enum Security: String, Sendable, Hashable {
        /// STARTTLS when the relay offers it, plain otherwise (and then no password is sent).
        case startTLSWhenOffered
        /// STARTTLS, or no message at all.
        case startTLSRequired
        /// TLS from the first byte (`smtps://`).
        case implicitTLS
    }

    public let host: String
    public let port: Int
    public let security: Security
    /// The user and password for AUTH, when the URL has them.
    public let user: String?
    let password: String?

    /// Reads `text`.
    /// - Throws: ``SMTPURLError`` saying what is wrong, never echoing the password.
    public init(_ text: String) throws(SMTPURLError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw .invalid("must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587")
        }
        var security: Security
        switch scheme {
        case "smtp": security = .startTLSWhenOffered
        case "smtps": security = .implicitTLS
        default: throw .invalid("must start with smtp:// or smtps://, not \(scheme)://")
        }
        guard let host = components.host, !host.isEmpty else { throw .invalid("has no host") }
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        port = components.port ?? (scheme == "smtps" ? 465 : 587)
        guard (1...65535).contains(port) else { throw .invalid("has port \(port), outside 1-65535") }
        guard components.path.isEmpty || components.path == "/" else {
            throw .invalid("must not have a path (\(components.path))")
        }
        user = components.percentEncodedUser.map { $0.removingPercentEncoding ?? $0 }
        password = components.percentEncodedPassword.map { $0.removingPercentEncoding ?? $0 }
        if password != nil && (user ?? "").isEmpty { throw .invalid("has a password but no user") }
        for item in components.queryItems ?? [] {
            switch (item.name, item.value) {
            case ("starttls", "required") where scheme == "smtp": security = .startTLSRequired
            case ("starttls", "auto") where scheme == "smtp": break
            default:
                throw .invalid(
                    "has '\(item.name)=\(item.value ?? "")'; the only option is starttls=required (or auto) on smtp://")
            }
        }
        self.security = security
    }

    /// Whether the URL has a user and password to log in with.
    var hasCredentials: Bool { user != nil && password != nil }

    /// The URL with `***` for the password: what logs, errors and `--help` may show.
    public var redacted: String {
        let scheme = security == .implicitTLS ? "smtps" : "smtp"
        let login = user.map { Self.userInfo($0) + (password == nil ? "" : ":***") + "@" } ?? ""
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let query = security == .startTLSRequired ? "?starttls=required" : ""
        return "\(scheme)://\(login)\(shownHost):\(port)\(query)"
    }

    public var description: String { redacted }

    private static func userInfo(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? text
    }

    /// Only the redacted URL: `dump` and debuggers show no password either.
    public var customMirror: Mirror { Mirror(self, children: ["url": redacted]) }
}

/// A `--smtp-url` that does not read.
public enum SMTPURLError: Error, Sendable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let problem): "the SMTP URL \(problem)"
        }
    }
}
