import OpslineStore
import Workflow

extension APIError {
    /// 404 for an unknown token; 422 `validation_failed` (with `fields`) for a refused value.
    static func from(_ error: TokenError) -> APIError {
        switch error {
        case .notFound: return .notFound(error.description)
        case .invalid(let field, let problem): return .invalidField(field, problem)
        }
    }

    /// 422 `validation_failed` with `{"fields":{field: problem}}`, like a task's refused fields.
    static func invalidField(_ field: String, _ problem: String) -> APIError {
        APIError(
            .unprocessableContent, code: "validation_failed", message: "\(field) \(problem)",
            details: ["fields": .object([field: .string(problem)])])
    }
}
