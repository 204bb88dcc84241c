/// Why a token command was refused. The database is left untouched.
public enum TokenError: Error, Sendable, Hashable {
    /// No token has this id.
    case notFound(String)
    /// A value breaks the rules for tokens; `field` is the API's name for it (`name`, `teams`,
    /// `expires_at`).
    case invalid(field: String, problem: String)
}

extension TokenError: CustomStringConvertible {
    /// One sentence for people.
    public var description: String {
        switch self {
        case .notFound(let id): "no token \(id)"
        case .invalid(let field, let problem): "\(field) \(problem)"
        }
    }
}
