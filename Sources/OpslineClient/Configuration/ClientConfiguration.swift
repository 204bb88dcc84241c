import Foundation

/// Where the Opsline server is and how to authenticate to it.
public struct ClientConfiguration: Sendable, Hashable {
    /// The server used when nothing else names one.
    static let defaultServerURL = "http://127.0.0.1:8080"

    /// The server's base URL without a trailing slash, such as `http://127.0.0.1:8080`; API paths
    /// such as `/v1/tasks` are appended to it, so a path prefix behind a proxy works.
    public var serverURL: String
    /// The bearer token sent with every request; `nil` sends none.
    public var token: String?
    /// A PEM file of the certificate authorities an `https` server's certificate must chain to
    /// (`--ca-file`, `OPSLINE_CA_FILE`); `nil` trusts the system's.
    public var caFile: String?

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - serverURL: The server's base URL; a trailing slash is dropped.
    ///   - token: The bearer token, if any.
    ///   - caFile: The certificate authorities to trust for `https`, if not the system's.
    /// - Throws: ``ConfigurationError`` when `serverURL` is not an `http` or `https` URL.
    public init(serverURL: String, token: String? = nil, caFile: String? = nil) throws(ConfigurationError) {
        self.serverURL = try Self.validated(serverURL)
        self.token = token
        self.caFile = caFile
    }

    private static func validated(_ url: String) throws(ConfigurationError) -> String {
        var url = url.trimmingCharacters(in: .whitespaces)
        while url.hasSuffix("/") { url.removeLast() }
        let parts = url.split(separator: "://", maxSplits: 1)
        guard parts.count == 2, ["http", "https"].contains(parts[0].lowercased()),
            let host = parts[1].split(separator: "/").first, !host.isEmpty,
            !url.contains(where: \.isWhitespace)
        else {
            throw ConfigurationError(
                "'\(url)' is not a server URL: expected http://HOST[:PORT] or https://HOST[:PORT]")
        }
        return url
    }
}
