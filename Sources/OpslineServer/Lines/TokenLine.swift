import Foundation
import OpslineStore

/// A token as one API line: `{"id","name","user","role","teams","created_at","expires_at",
/// "revoked_at","last_used_at"}`, every key always present. `user` is the user a personal token
/// acts as (null for a service token); a personal token's `role` and `teams` are its user's,
/// summed up (``Principal/summaryRole``). The line answering `POST /v1/tokens` also carries
/// `"secret"`, the only time it is ever shown; no other line has it.
struct TokenLine: Encodable, Sendable {
    let token: Token
    /// The secret, only for the line that answers the token's creation.
    var secret: TokenSecret? = nil

    private enum Keys: String, CodingKey {
        case id, name, user, role, teams, secret
        case createdAt = "created_at", expiresAt = "expires_at", revokedAt = "revoked_at"
        case lastUsedAt = "last_used_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(token.id, forKey: .id)
        try container.encode(token.name, forKey: .name)
        try container.encode(token.user, forKey: .user)
        try container.encode(token.role.rawValue, forKey: .role)
        try container.encode(token.teams, forKey: .teams)
        try container.encode(token.createdAt, forKey: .createdAt)
        try container.encode(token.expiresAt, forKey: .expiresAt)
        try container.encode(token.revokedAt, forKey: .revokedAt)
        try container.encode(token.lastUsedAt, forKey: .lastUsedAt)
        try container.encodeIfPresent(secret?.value, forKey: .secret)
    }
}

/// The caller as `GET /v1/me` describes it: `{"token":…,"name":…,"role":…,"teams":[…],
/// "user":…,"admin":…,"memberships":{team: role}}`. `user` is the user a personal token acts as
/// (null for a service token); `memberships` holds the role in each team (a service token's one
/// role in each of its teams); `role` sums it up (``Principal/summaryRole``).
struct CallerLine: Encodable, Sendable {
    let principal: Principal

    private enum Keys: String, CodingKey {
        case token, name, role, teams, user, admin, memberships
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(principal.tokenID, forKey: .token)
        try container.encode(principal.name, forKey: .name)
        try container.encode(principal.summaryRole.rawValue, forKey: .role)
        try container.encode(principal.teams, forKey: .teams)
        try container.encode(principal.user, forKey: .user)
        try container.encode(principal.isAdmin, forKey: .admin)
        try container.encode(
            Dictionary(principal.memberships.map { ($0.team, $0.role.rawValue) }, uniquingKeysWith: { a, _ in a }),
            forKey: .memberships)
    }
}
