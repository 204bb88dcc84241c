import OpslineStore
import Workflow

extension APIError {
    /// 404 for an unknown user, team or membership; 409 `duplicate` for a name taken; 422
    /// `validation_failed` (with `fields`) for a refused value.
    static func from(_ error: PeopleError) -> APIError {
        switch error {
        case .userNotFound, .teamNotFound, .notAMember: return .notFound(error.description)
        case .duplicate: return APIError(.conflict, code: "duplicate", message: error.description)
        case .invalid(let field, let problem): return .invalidField(field, problem)
        }
    }
}
