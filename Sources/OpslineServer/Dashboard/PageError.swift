import Hummingbird

/// A request a dashboard page refuses, answered with an HTML error page (never an NDJSON line).
struct PageError: Error, Sendable {
    /// The HTTP status.
    let status: HTTPResponse.Status
    /// The page's heading.
    let heading: String
    /// A sentence for the reader.
    let message: String

    /// 403: a state-changing form without this session's CSRF token.
    static let missingCSRF = PageError(
        status: .forbidden, heading: "Refused",
        message: "This form was not sent from a page of this session. Reload the page and try again.")

    /// 401: a live page's request whose session has ended (``SessionMiddleware``).
    static let signedOut = PageError(
        status: .unauthorized, heading: "Signed out", message: "The session has ended. Sign in again.")

    /// 403 with the reason.
    static func forbidden(_ message: String) -> PageError {
        PageError(status: .forbidden, heading: "Not allowed", message: message)
    }

    /// 404.
    static let notFound = PageError(status: .notFound, heading: "Not found", message: "There is no such page.")

    /// 400 with the reason.
    static func badRequest(_ message: String) -> PageError {
        PageError(status: .badRequest, heading: "Bad request", message: message)
    }
}
