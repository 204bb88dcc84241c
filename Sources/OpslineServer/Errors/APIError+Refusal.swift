import HTTPTypes
import OpslineStore

extension APIError {
    /// 409 `duplicate`: an idempotency key already used for a different request.
    static func duplicateKey(_ key: String) -> APIError {
        APIError(
            .conflict, code: "duplicate", message: "idempotency key '\(key)' was already used for a different request")
    }

    /// The status of a refused command, from its error code (docs/api.md gives every code one
    /// status). The store carries a refusal by its error object alone (`CommandRefusal`), and the
    /// status follows from the code.
    ///
    /// The codes are those `APIError.from` gives the errors a command can meet; a code this build
    /// does not know answers 400.
    static func status(ofRefusal code: String) -> HTTPResponse.Status {
        refusalStatuses[code] ?? .badRequest
    }

    /// Every code a command's refusal can carry, with its status.
    private static let refusalStatuses: [String: HTTPResponse.Status] = [
        "bad_request": .badRequest,
        "forbidden": .forbidden,
        "not_found": .notFound,
        "invalid_transition": .conflict,
        "version_conflict": .conflict,
        "duplicate": .conflict,
        "locked_field": .conflict,
        "validation_failed": .unprocessableContent,
        "guard_failed": .unprocessableContent,
        "invalid_workflow": .unprocessableContent,
    ]

    /// The refusal a command's failure comes to, or nil for a failure that is no refusal (an
    /// outage, an internal error: a retry may succeed), which fails the command's transaction.
    static func refusal(_ error: any Error) -> CommandRefusal? {
        let apiError = APIError.from(error)
        guard apiError.status.code < 500 else { return nil }
        return CommandRefusal(code: apiError.code, error: apiError.errorObject)
    }
}
