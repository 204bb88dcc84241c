import Foundation
import OpslineStore
import Workflow

/// The body of `POST /v1/tokens`: `{"name":…,"role":…,"teams":[…],"expires_at"?:RFC3339}`.
struct CreateTokenLine: RequestLineBody {
    static let keys: Set<String> = ["name", "role", "teams", "expires_at"]

    let name: String
    let role: String
    let teams: [String]?
    let expires_at: String?

    /// The role, or 422 `validation_failed` naming the roles there are.
    func validatedRole() throws -> Role {
        guard let role = Role(rawValue: role) else {
            let roles = Role.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError.invalidField("role", "must be one of \(roles), not '\(role)'")
        }
        return role
    }

    /// The expiry, or 400 `bad_line` when `expires_at` is not an RFC 3339 time.
    func expiry(line: Int) throws -> Date? {
        guard let expires_at else { return nil }
        guard let date = RFC3339.parse(expires_at) else {
            throw APIError.badLine(line, "field 'expires_at' must be an RFC 3339 time such as 2026-11-22T08:00:00Z")
                .with(field: "expires_at")
        }
        return date
    }
}
