import Foundation
import Postgres
import Workflow

/// Users, teams and memberships: who may sign in with a personal token, who may be assigned
/// which team's tasks, and each user's role in each team.
///
/// A change to a user's standing — disabled or enabled, made an admin or not, a membership
/// added, changed or removed — is announced on ``NotifyChannel/tokens`` in its transaction, and
/// empties this replica's cache of resolved tokens once committed, exactly as a revoked token
/// does: the user's tokens act with the new roles from the next request on, on every replica,
/// and a followed event stream of a disabled user ends.
public struct PeopleStore: Sendable {
    /// Rows fetched per round trip when listing.
    static let pageSize = 100

    let pool: PostgresPool
    let tokens: TokenStore
    let clock: OpslineClock

    /// Creates a store over `pool`; `tokens` is the store whose cache a change empties.
    public init(pool: PostgresPool, tokens: TokenStore, clock: OpslineClock = .system) {
        self.pool = pool
        self.tokens = tokens
        self.clock = clock
    }

    // MARK: Users

    /// Creates a user with its memberships.
    /// - Throws: ``PeopleError/invalid(field:problem:)`` for a value that breaks ``PeopleRules``
    ///   or a team that does not exist (`teams`); ``PeopleError/duplicate(_:)`` when the name is
    ///   taken.
    public func createUser(_ new: NewUser) async throws -> User {
        let name = try PeopleRules.userName(new.name)
        let displayName = try PeopleRules.label(new.displayName ?? name, field: "display_name")
        let email = try new.email.map { email throws(PeopleError) in try PeopleRules.email(email) }
        let chat = try PeopleRules.chat(new.chat)
        for membership in new.memberships {
            _ = try PeopleRules.membershipRole(membership.role.rawValue, field: "teams")
        }
        return try await pool.inTransaction { connection in
            try await Self.requireTeams(new.memberships.map(\.team), field: "teams", on: connection)
            guard
                try await connection.query(
                    PeopleSQL.insertUser,
                    [name, displayName, email, Self.chatText(chat), new.isAdmin, clock.statementNow]
                ).first != nil
            else { throw PeopleError.duplicate("user \(name)") }
            for membership in new.memberships {
                try await connection.query(
                    PeopleSQL.upsertMembership, [membership.team, name, membership.role.rawValue, clock.statementNow])
            }
            return try await Self.user(name, on: connection)
        }
    }

    /// The user called `name`.
    /// - Throws: ``PeopleError/userNotFound(_:)``.
    public func user(_ name: String) async throws -> User {
        try await pool.withIdempotentStatements { try await Self.user(name, on: $0) }
    }

    /// Users by name, fetched page by page as the consumer reads.
    /// - Parameters:
    ///   - team: Only the members of this team.
    ///   - scope: Only users who share one of these teams with the reader (or are `reader`).
    ///   - reader: The user reading, who always sees themselves.
    public func users(team: String? = nil, scope: TeamScope, reader: String? = nil) -> KeysetSequence<User, String> {
        KeysetSequence(pageSize: Self.pageSize, limit: nil) { [pool] remaining, after in
            let rows = try await pool.withIdempotentStatements { connection in
                try await connection.query(
                    PeopleSQL.usersPage, [after, min(remaining, Self.pageSize), team, scope.visibleTeams, reader]
                ).rows
            }
            return try rows.map { row in
                let user = try User(row: row)
                return (user, user.name)
            }
        }
    }

    /// Changes what `change` sets.
    /// - Throws: ``PeopleError/userNotFound(_:)``, or `invalid` for a value that breaks the rules.
    public func updateUser(_ name: String, _ change: UserChange) async throws -> User {
        let displayName = try change.displayName.map { text throws(PeopleError) in
            try PeopleRules.label(text, field: "display_name")
        }
        let email = try (change.email ?? nil).map { address throws(PeopleError) in try PeopleRules.email(address) }
        let chat = try change.chat.map { chat throws(PeopleError) in try PeopleRules.chat(chat) }
        return try await changingStanding(of: name, announce: change.isAdmin != nil) { connection in
            guard
                try await connection.query(
                    PeopleSQL.updateUser,
                    [name, displayName, email, change.email != nil, chat.map(Self.chatText), change.isAdmin]
                ).first != nil
            else { throw PeopleError.userNotFound(name) }
        }.user
    }

    /// Disables a user (their tokens stop authenticating at once; no task can be assigned to
    /// them) or enables them again. Disabling a disabled user keeps the first time.
    /// - Throws: ``PeopleError/userNotFound(_:)``.
    public func setDisabled(_ name: String, _ disabled: Bool) async throws -> User {
        try await changingStanding(of: name, announce: true) { [clock] connection in
            guard try await connection.query(PeopleSQL.setDisabled, [name, disabled, clock.statementNow]).first != nil
            else { throw PeopleError.userNotFound(name) }
            if disabled {
                // Their dashboard sessions end for good, whatever they signed in with.
                try await connection.query(SessionSQL.revokeUser, [name, clock.statementNow, true])
            }
        }.user
    }

    // MARK: Teams

    /// Creates a team.
    /// - Throws: `invalid` for a name or title that breaks ``PeopleRules``; `duplicate` when the
    ///   team exists.
    public func createTeam(name: String, title: String?) async throws -> Team {
        let name = try PeopleRules.teamName(name)
        let title = try title.map { text throws(PeopleError) in try PeopleRules.label(text, field: "title") }
        let row = try await pool.inTransaction { connection in
            try await connection.query(PeopleSQL.insertTeam, [name, title, clock.statementNow]).first
        }
        guard let row else { throw PeopleError.duplicate("team \(name)") }
        return try Team(row: row)
    }

    /// The team called `name`.
    /// - Throws: ``PeopleError/teamNotFound(_:)``.
    public func team(_ name: String) async throws -> Team {
        let row = try await pool.withIdempotentStatements { try await $0.query(PeopleSQL.team, [name]).first }
        guard let row else { throw PeopleError.teamNotFound(name) }
        return try Team(row: row)
    }

    /// A team's members, by user name.
    public func members(of team: String) async throws -> [TeamMember] {
        let rows = try await pool.withIdempotentStatements { try await $0.query(PeopleSQL.members, [team]).rows }
        return try rows.map { row in
            let name: String = try row.decode("role")
            guard let role = Role(rawValue: name) else {
                throw PostgresError(kind: .decoding, message: "unknown role \(name)")
            }
            return TeamMember(
                team: team, user: try row.decode("user_name"), role: role, displayName: try row.decode("display_name"),
                isDisabled: try row.decode("disabled_at", as: Date?.self) != nil)
        }
    }

    /// Teams by name, within `scope`, fetched page by page as the consumer reads.
    public func teams(scope: TeamScope) -> KeysetSequence<Team, String> {
        KeysetSequence(pageSize: Self.pageSize, limit: nil) { [pool] remaining, after in
            let rows = try await pool.withIdempotentStatements { connection in
                try await connection.query(
                    PeopleSQL.teamsPage, [after, min(remaining, Self.pageSize), scope.visibleTeams]
                ).rows
            }
            return try rows.map { row in
                let team = try Team(row: row)
                return (team, team.name)
            }
        }
    }

    /// Gives `user` `role` in `team`, adding the membership or changing its role.
    /// - Throws: ``PeopleError/teamNotFound(_:)``, ``PeopleError/userNotFound(_:)``, or `invalid`
    ///   (`role`) for a role that is not manager, member or viewer.
    public func setMembership(team: String, user: String, role: Role) async throws -> TeamMember {
        let role = try PeopleRules.membershipRole(role.rawValue)
        try await changingStanding(of: user, announce: true) { [clock] connection in
            guard try await connection.query(PeopleSQL.teamExists, [team]).first != nil else {
                throw PeopleError.teamNotFound(team)
            }
            try await connection.query(PeopleSQL.upsertMembership, [team, user, role.rawValue, clock.statementNow])
        }
        return TeamMember(team: team, user: user, role: role)
    }

    /// Takes `user` out of `team`; returns the membership it had.
    /// - Throws: ``PeopleError/teamNotFound(_:)``, ``PeopleError/userNotFound(_:)``, or
    ///   ``PeopleError/notAMember(team:user:)``.
    public func removeMembership(team: String, user: String) async throws -> TeamMember {
        let (_, removed) = try await changingStanding(of: user, announce: true) { connection in
            guard try await connection.query(PeopleSQL.teamExists, [team]).first != nil else {
                throw PeopleError.teamNotFound(team)
            }
            guard let row = try await connection.query(PeopleSQL.deleteMembership, [team, user]).first else {
                throw PeopleError.notAMember(team: team, user: user)
            }
            return Role(rawValue: try row.decode("role", as: String.self)) ?? .member
        }
        return TeamMember(team: team, user: user, role: removed)
    }

    // MARK: Shared

    /// Runs `change` on `user`'s row, locked, in a transaction that announces the change to
    /// every replica's cache of resolved tokens when `announce` is set (and then empties this
    /// replica's once committed); returns the user as it is after.
    @discardableResult
    private func changingStanding<Value: Sendable>(
        of user: String, announce: Bool, _ change: @Sendable (PostgresConnection) async throws -> Value
    ) async throws -> (user: User, value: Value) {
        let updated = try await pool.inTransaction { connection in
            guard try await connection.query(PeopleSQL.lockUser, [user]).first != nil else {
                throw PeopleError.userNotFound(user)
            }
            let value = try await change(connection)
            if announce {
                try await connection.query(
                    TokenSQL.announceRevocation, [NotifyChannel.tokens.rawValue, "user:\(user)"])
            }
            return (try await Self.user(user, on: connection), value)
        }
        if announce { tokens.forgetCachedPrincipals() }
        return updated
    }

    static func user(_ name: String, on connection: PostgresConnection) async throws -> User {
        guard let row = try await connection.query(PeopleSQL.user, [name]).first else {
            throw PeopleError.userNotFound(name)
        }
        return try User(row: row)
    }

    /// Throws `invalid` naming `field` unless every one of `teams` exists.
    static func requireTeams(_ teams: [String], field: String, on connection: PostgresConnection) async throws {
        guard !teams.isEmpty else { return }
        let unknown = try await connection.query(PeopleSQL.unknownTeams, [teams]).rows.map {
            try $0.decode("name", as: String.self)
        }
        guard unknown.isEmpty else {
            throw PeopleError.invalid(
                field: field, problem: "names no team: \(unknown.sorted().joined(separator: ", ")); create it first")
        }
    }

    private static func chatText(_ chat: [String: String]) -> String {
        JSONText.encode(chat.mapValues(JSONValue.string))
    }
}
