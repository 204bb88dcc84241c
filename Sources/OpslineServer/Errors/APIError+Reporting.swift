import Hummingbird
import Logging

extension APIError {
    /// 500 `internal`: a bug. `reporting(_:to:)` logs it and names the request in the message.
    static let internalError = APIError(
        .internalServerError, code: "internal", message: "internal error; see the server log")

    /// The API's answer to `error` (`from(_:)`), with the server's own failures logged: a 5xx
    /// other than 503 as an error, under the request's id, which the error line then carries
    /// (`request_id`, and in the message) so that "see the server log" finds the entry; a 503 as
    /// a warning.
    ///
    /// Every place that turns an error into an error line goes through here: the error
    /// middleware, and the routes that answer per line (batches) or after the status went out
    /// (streams).
    /// - Parameter logger: The request's logger (`context.logger`), which holds its id.
    static func reporting(_ error: any Error, to logger: Logger) -> APIError {
        var apiError = from(error)
        // Reported already, by a route that then threw it on.
        guard apiError.details["request_id"] == nil else { return apiError }
        if apiError.status == .serviceUnavailable {
            logger.warning("database unavailable", metadata: ["error": "\(apiError.message)"])
        } else if apiError.status.kind == .serverError {
            logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            if let id = logger[metadataKey: requestIDKey]?.description {
                apiError = APIError(
                    apiError.status, code: apiError.code, message: "\(apiError.message) (request \(id))",
                    details: apiError.details.merging(["request_id": .string(id)]) { $1 }, headers: apiError.headers)
            }
        }
        return apiError
    }

    /// The logger metadata key under which Hummingbird keeps a request's id (`RequestContext.id`).
    static let requestIDKey = "hb.request.id"
}
