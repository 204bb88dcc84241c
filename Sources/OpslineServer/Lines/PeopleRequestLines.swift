import OpslineStore
import Workflow

/// The request lines of `/v1/users` and `/v1/teams`, read with ``LineObject`` (400 `bad_line`
/// naming the line and field for a wrong type or an unknown key; 422 `validation_failed` naming
/// the field for a value the rules refuse).
enum PeopleRequestLines {
    /// `POST /v1/users`: `{"name","display_name"?,"email"?,"chat"?:{service: id},"admin"?,
    /// "teams"?:{team: role}}`.
    static func newUser(_ line: RequestLine) throws -> NewUser {
        let reader = LineObject(
            line: line.number, object: try line.object(),
            keys: ["name", "display_name", "email", "chat", "admin", "teams"])
        try reader.rejectUnknownKeys()
        var user = NewUser(name: try reader.string("name"))
        user.displayName = try reader.optionalString("display_name")
        user.email = try reader.optionalString("email")
        user.chat = try reader.optionalStringMap("chat") ?? [:]
        user.isAdmin = try reader.optionalBool("admin") ?? false
        user.memberships = try (reader.optionalStringMap("teams") ?? [:]).sorted { $0.key < $1.key }.map { team, role in
            TeamRole(team: team, role: try membershipRole(role, field: "teams"))
        }
        return user
    }

    /// `PATCH /v1/users/{name}`: `{"display_name"?,"email"?,"chat"?,"admin"?}`; `email: null`
    /// removes the address.
    static func userChange(_ line: RequestLine) throws -> UserChange {
        let reader = LineObject(
            line: line.number, object: try line.object(), keys: ["display_name", "email", "chat", "admin"])
        try reader.rejectUnknownKeys()
        var change = UserChange()
        change.displayName = try reader.optionalString("display_name")
        change.email = try reader.clearable("email")
        change.chat = try reader.optionalStringMap("chat")
        change.isAdmin = try reader.optionalBool("admin")
        return change
    }

    /// `POST /v1/users/{name}/password`: `{"password","current_password"?}`.
    static func passwordChange(_ line: RequestLine) throws -> (password: String, current: String?) {
        let reader = LineObject(line: line.number, object: try line.object(), keys: ["password", "current_password"])
        try reader.rejectUnknownKeys()
        return (try reader.string("password"), try reader.optionalString("current_password"))
    }

    /// `POST /v1/teams`: `{"name","title"?}`.
    static func newTeam(_ line: RequestLine) throws -> (name: String, title: String?) {
        let reader = LineObject(line: line.number, object: try line.object(), keys: ["name", "title"])
        try reader.rejectUnknownKeys()
        return (try reader.string("name"), try reader.optionalString("title"))
    }

    /// `PUT /v1/teams/{name}/members/{user}`: `{"role":"manager|member|viewer"}`.
    static func membershipRole(_ line: RequestLine) throws -> Role {
        let reader = LineObject(line: line.number, object: try line.object(), keys: ["role"])
        try reader.rejectUnknownKeys()
        return try membershipRole(try reader.string("role"), field: "role")
    }

    /// A role in a team, or 422 naming `field`.
    private static func membershipRole(_ name: String, field: String) throws -> Role {
        guard let role = Role(rawValue: name), PeopleRules.membershipRoles.contains(role) else {
            let roles = PeopleRules.membershipRoles.map(\.rawValue).joined(separator: ", ")
            throw APIError.invalidField(field, "roles are \(roles), not '\(name)'")
        }
        return role
    }
}
