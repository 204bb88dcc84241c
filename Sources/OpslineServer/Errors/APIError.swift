import Foundation
import Hummingbird
import Workflow

/// A failure as the API reports it: an HTTP status and one line
/// `{"error":{"code":…,"message":…, …details}}`.
struct APIError: Error, HTTPResponseError, Sendable {
    /// The HTTP status.
    public let status: HTTPResponse.Status
    /// The stable machine-readable code (`bad_line`, `version_conflict`, …).
    public let code: String
    /// A sentence for people.
    public let message: String
    /// Extra fields merged into the error object (`line`, `current_version`, …).
    public var details: [String: JSONValue]
    /// Extra response headers (`Retry-After`).
    public var headers: HTTPFields

    /// Creates an error.
    public init(
        _ status: HTTPResponse.Status, code: String, message: String,
        details: [String: JSONValue] = [:], headers: HTTPFields = [:]
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers
    }

    /// The error object, as it appears in an error line or in a per-line result.
    var errorObject: JSONValue {
        var object = details
        object["code"] = .string(code)
        object["message"] = .string(message)
        return .object(object)
    }

    /// The whole error line.
    public var line: JSONValue { .object(["error": errorObject]) }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = NDJSON.contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: NDJSON.buffer(line)))
    }
}

extension APIError {
    /// 401: no or unknown bearer token.
    static let unauthenticated = APIError(
        .unauthorized, code: "unauthenticated", message: "a valid bearer token is required",
        headers: [.wwwAuthenticate: "Bearer"])

    /// 400 for a line that cannot be used; the message names the line.
    static func badLine(_ line: Int, _ message: String) -> APIError {
        APIError(
            .badRequest, code: "bad_line", message: "line \(line): \(message)", details: ["line": .int(Int64(line))])
    }

    /// 400 for a bad query parameter or request shape.
    static func badRequest(_ message: String) -> APIError {
        APIError(.badRequest, code: "bad_request", message: message)
    }

    /// 403 with the reason.
    static func forbidden(_ message: String) -> APIError {
        APIError(.forbidden, code: "forbidden", message: message)
    }

    /// 404 for an unknown resource.
    static func notFound(_ message: String) -> APIError {
        APIError(.notFound, code: "not_found", message: message)
    }

    /// 413 naming the limit that was exceeded.
    static func tooLarge(_ message: String) -> APIError {
        APIError(.contentTooLarge, code: "too_large", message: message)
    }

    /// 503 with `Retry-After`: PostgreSQL is unreachable.
    static func unavailable(_ reason: String) -> APIError {
        APIError(
            .serviceUnavailable, code: "unavailable", message: "the database is unavailable: \(reason)",
            headers: [.retryAfter: retryAfterUnavailable])
    }

    /// 503 with `Retry-After`: this server is shutting down (SIGTERM); another replica, or this
    /// one restarted, answers.
    static func shuttingDown(_ message: String) -> APIError {
        APIError(
            .serviceUnavailable, code: "unavailable", message: message, headers: [.retryAfter: retryAfterUnavailable])
    }

    /// Seconds a client should wait before retrying after a 503, in `Retry-After`.
    static let retryAfterUnavailable = "2"
}
