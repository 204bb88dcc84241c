import Foundation
import Workflow

/// Why a call to the Opsline server failed.
public enum ClientError: Error, Sendable, Hashable {
    /// The server answered with an error line (or, failing that, an error status).
    ///
    /// - Parameters:
    ///   - status: The HTTP status, such as `404`.
    ///   - code: The error line's code, such as `not_found`; `http_<status>` when the body held no
    ///     error line.
    ///   - message: The error line's message, or the body's text.
    ///   - details: The error object's other members, such as `current_version`.
    case server(status: Int, code: String, message: String, details: [String: JSONValue])
    /// The server could not be reached, or the connection broke; the text names the URL.
    case connection(String)
    /// The server answered with something that is not what the API promises.
    case badResponse(String)
}

extension ClientError: CustomStringConvertible {
    /// One line for people, such as `Task CMP-9 not found (not_found)`.
    public var description: String {
        switch self {
        case .server(_, let code, let message, _): "\(message) (\(code))"
        case .connection(let message): message
        case .badResponse(let message): "unexpected response from the server: \(message)"
        }
    }
}

extension ClientError {
    /// Builds the error for a failed response from its status and body.
    ///
    /// The body's first error line wins; a body without one (a proxy's HTML page, say) becomes a
    /// ``server(status:code:message:details:)`` with code `http_<status>` and the body's text.
    /// - Parameters:
    ///   - status: The response's HTTP status.
    ///   - body: The response body, as text.
    public init(status: Int, body: String) {
        for line in body.split(whereSeparator: \.isNewline) {
            if let error = ErrorLine(parsing: String(line)) {
                self = .server(
                    status: status, code: error.code, message: error.message, details: error.details
                )
                return
            }
        }
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        self = .server(
            status: status, code: "http_\(status)",
            message: text.isEmpty ? "the server answered HTTP \(status)" : String(text.prefix(500)),
            details: [:])
    }
}
