import Foundation
import Postgres

/// A team: tasks belong to one, users have a role in it.
public struct Team: Sendable, Hashable {
    /// The team's name, such as `support`.
    public let name: String
    /// A human title, such as "Customer support", if it has one.
    public let title: String?
    /// When it was created (or registered by a workflow, a token or the migration).
    public let createdAt: Date

    init(row: PostgresRow) throws {
        name = try row.decode("name")
        title = try row.decode("title")
        createdAt = try row.decode("created_at")
    }
}

/// One member of a team, as `GET /v1/teams/{name}` lists them.
public struct TeamMember: Sendable, Hashable {
    /// The team.
    public let team: String
    /// The user's login.
    public let user: String
    /// The user's role in the team.
    public let role: Role
    /// The user's display name.
    public let displayName: String?
    /// Whether the user is disabled.
    public let isDisabled: Bool

    /// Creates a member.
    public init(team: String, user: String, role: Role, displayName: String? = nil, isDisabled: Bool = false) {
        self.team = team
        self.user = user
        self.role = role
        self.displayName = displayName
        self.isDisabled = isDisabled
    }
}
