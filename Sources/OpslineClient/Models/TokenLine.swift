import Foundation

/// One API token as the server describes it: each line of `GET /v1/tokens`, the answer to
/// `DELETE /v1/tokens/{id}`, and, with ``secret`` set, the answer to `POST /v1/tokens`.
public struct TokenLine: Codable, Sendable, Hashable {
    /// The token's identifier, such as `tok_3f2a…`.
    public var id: String
    /// Who or what the token is for; the name a service token's changes are recorded under.
    public var name: String
    /// The user a personal token acts as (its changes are recorded under this name); nil for a
    /// service token.
    public var user: String?
    /// `admin`, `manager`, `member`, `service` or `viewer`; for a personal token, its user's
    /// roles summed up.
    public var role: String
    /// The teams whose tasks it may work on.
    public var teams: [String]
    /// When it was created.
    public var createdAt: Date
    /// When it stops working, if ever.
    public var expiresAt: Date?
    /// When it was revoked, if it was.
    public var revokedAt: Date?
    /// When it last authenticated a request, if ever.
    public var lastUsedAt: Date?
    /// The secret to send as the bearer token: only in the answer to its creation.
    public var secret: String?

    /// Creates a token line.
    public init(
        id: String, name: String, role: String, teams: [String] = [], createdAt: Date,
        expiresAt: Date? = nil, revokedAt: Date? = nil, lastUsedAt: Date? = nil,
        secret: String? = nil, user: String? = nil
    ) {
        self.id = id
        self.name = name
        self.user = user
        self.role = role
        self.teams = teams
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.lastUsedAt = lastUsedAt
        self.secret = secret
    }

    enum CodingKeys: String, CodingKey {
        case id, name, user, role, teams, secret
        case createdAt = "created_at"
        case expiresAt = "expires_at"
        case revokedAt = "revoked_at"
        case lastUsedAt = "last_used_at"
    }

    /// Decodes a token line; missing `teams` read as none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        user = try container.decodeIfPresent(String.self, forKey: .user)
        role = try container.decode(String.self, forKey: .role)
        teams = try container.decodeIfPresent([String].self, forKey: .teams) ?? []
        createdAt = try container.decodeTimestamp(forKey: .createdAt)
        expiresAt = try container.decodeTimestampIfPresent(forKey: .expiresAt)
        revokedAt = try container.decodeTimestampIfPresent(forKey: .revokedAt)
        lastUsedAt = try container.decodeTimestampIfPresent(forKey: .lastUsedAt)
        secret = try container.decodeIfPresent(String.self, forKey: .secret)
    }

    /// Encodes the line as the server writes it, times as RFC 3339 text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(user, forKey: .user)
        try container.encode(role, forKey: .role)
        try container.encode(teams, forKey: .teams)
        try container.encodeTimestamp(createdAt, forKey: .createdAt)
        try container.encodeTimestamp(expiresAt, forKey: .expiresAt)
        try container.encodeTimestamp(revokedAt, forKey: .revokedAt)
        try container.encodeTimestamp(lastUsedAt, forKey: .lastUsedAt)
        try container.encodeIfPresent(secret, forKey: .secret)
    }

    /// `active`, `revoked` or `expired`, as of `date`.
    public func status(at date: Date = Date()) -> String {
        if revokedAt != nil { return "revoked" }
        if let expiresAt, expiresAt <= date { return "expired" }
        return "active"
    }
}
