import Foundation
import Postgres

/// An API token as administrators see it: who it acts as and its life cycle, never its secret
/// (only the secret's SHA-256 is stored, and that is never read back out).
public struct Token: Sendable, Hashable {
    /// The token's id, `tok_` followed by 16 hex digits.
    public let id: String
    /// The name its changes are recorded under.
    public let name: String
    /// What it may do.
    public let role: Role
    /// The teams whose tasks it may work on (unused for admins).
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
        id: String, name: String, role: Role, teams: [String], createdAt: Date, expiresAt: Date? = nil,
        revokedAt: Date? = nil, lastUsedAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.role = role
        self.teams = teams
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.lastUsedAt = lastUsedAt
    }

    /// The caller a request presenting this token acts as.
    public var principal: Principal {
        Principal(tokenID: id, name: name, role: role, teams: teams, expiresAt: expiresAt)
    }

    /// Whether the token authenticates at `date`: not revoked and not expired.
    public func isActive(at date: Date = Date()) -> Bool {
        revokedAt == nil && (expiresAt.map { $0 > date } ?? true)
    }

    /// The column list every token query selects, in the order `init(row:)` reads.
    static let columns = "id, name, role, teams, created_at, expires_at, revoked_at, last_used_at"

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        name = try row.decode("name")
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
