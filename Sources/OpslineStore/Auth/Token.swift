import Foundation
import Postgres

/// An API token as administrators see it: who it acts as and its life cycle, never its secret
/// (only the secret's SHA-256 is stored, and that is never read back out).
public struct Token: Sendable, Hashable {
    /// The token's id, `tok_` followed by 16 hex digits.
    public let id: String
    /// The token's name: the name a service token's changes are recorded under (a personal
    /// token's are recorded under its user's name).
    public let name: String
    /// The user a personal token acts as; nil for a service token.
    public let user: String?
    /// What it may do: a service token's role; for a personal token, its user's roles summed up
    /// (``Principal/summaryRole``: admin for an admin user, else the strongest role of the user).
    public let role: Role
    /// The teams whose tasks it may work on (unused for admins): a service token's own; for a
    /// personal token, its user's teams, by name.
    public let teams: [String]
    /// When it was created.
    public let createdAt: Date
    /// When it stops authenticating, if ever.
    public let expiresAt: Date?
    /// When it was revoked, if it was.
    public let revokedAt: Date?
    /// When it last authenticated a request, to the minute; `nil` when never used.
    public let lastUsedAt: Date?

    /// Creates a token record.
    public init(
        id: String, name: String, user: String? = nil, role: Role, teams: [String], createdAt: Date,
        expiresAt: Date? = nil, revokedAt: Date? = nil, lastUsedAt: Date? = nil
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
    }

    /// The caller a request presenting this service token acts as. A personal token acts as its
    /// user with the user's role in each team, which only ``TokenStore/authenticate(_:)`` knows:
    /// this approximates it with ``role`` in every one of ``teams``.
    public var principal: Principal {
        guard let user else {
            return Principal(tokenID: id, name: name, role: role, teams: teams, expiresAt: expiresAt)
        }
        return Principal(
            tokenID: id, user: user, admin: role == .admin,
            memberships: role == .admin ? [] : teams.map { TeamRole(team: $0, role: role) }, expiresAt: expiresAt)
    }

    /// Whether the token authenticates at `date`: not revoked and not expired.
    public func isActive(at date: Date = Date()) -> Bool {
        revokedAt == nil && (expiresAt.map { $0 > date } ?? true)
    }

    /// The column list every token query selects from `api_tokens t`, in the order `init(row:)`
    /// reads: a personal token's role and teams are its user's, summed up as
    /// ``Principal/summaryRole`` does.
    static let columns = """
        t.id, t.name, t.owner, \(PeopleSQL.summaryRole("t")) AS role, \(PeopleSQL.summaryTeams("t")) AS teams,
        t.created_at, t.expires_at, t.revoked_at, t.last_used_at
        """

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        name = try row.decode("name")
        user = try row.decode("owner")
        role = try Self.role(row)
        teams = try row.decode("teams")
        createdAt = try row.decode("created_at")
        expiresAt = try row.decode("expires_at")
        revokedAt = try row.decode("revoked_at")
        lastUsedAt = try row.decode("last_used_at")
    }

    /// The `role` column as a ``Role``.
    static func role(_ row: PostgresRow) throws -> Role {
        let name = try row.decode("role", as: String.self)
        guard let role = Role(rawValue: name) else {
            throw PostgresError(kind: .decoding, message: "unknown role \(name)")
        }
        return role
    }
}
