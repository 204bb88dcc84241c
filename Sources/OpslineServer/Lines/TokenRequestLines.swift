import Foundation
import OpslineStore
import Workflow

/// The body of `POST /v1/tokens`: a service token `{"name":…,"role":…,"teams":[…],
/// "expires_at"?:RFC3339}`, or a personal token `{"name"?:…,"user":…,"expires_at"?:RFC3339}`,
/// which acts as its user and has no role or teams of its own.
struct CreateTokenLine: RequestLineBody {
    static let keys: Set<String> = ["name", "role", "teams", "expires_at", "user"]

    let name: String?
    let role: String?
    let teams: [String]?
    let expires_at: String?
    let user: String?

    /// The name of a service token: 400 `bad_line` when it is missing, as it always was.
    func serviceName(line: Int) throws -> String {
        guard let name else { throw APIError.badLine(line, "field 'name' is required").with(field: "name") }
        return name
    }

    /// A personal token's line holds no role or teams: 422 naming the one it holds.
    func checkPersonal() throws {
        if role != nil {
            throw APIError.invalidField(
                "role", "must not be given with user: a personal token acts with its user's roles")
        }
        if teams != nil {
            throw APIError.invalidField(
                "teams", "must not be given with user: a personal token acts in its user's teams")
        }
    }

    /// The role, or 422 `validation_failed` naming the roles there are (400 `bad_line` when it
    /// is missing, as it always was).
    func validatedRole(line: Int) throws -> Role {
        guard let name = role else { throw APIError.badLine(line, "field 'role' is required").with(field: "role") }
        guard let role = Role(rawValue: name) else {
            let roles = Role.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError.invalidField("role", "must be one of \(roles), not '\(name)'")
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
