import OpslineStore

extension APIError {
    /// 404 for an unknown subscription or delivery (or one the caller may not see); 409
    /// `duplicate` for a name taken; 422 `validation_failed` naming the field.
    static func from(_ error: NotificationError) -> APIError {
        switch error {
        case .subscriptionNotFound, .deliveryNotFound: return .notFound(error.description)
        case .duplicate: return APIError(.conflict, code: "duplicate", message: error.description)
        case .invalid(let field, let problem): return .invalidField(field, problem)
        }
    }
}
