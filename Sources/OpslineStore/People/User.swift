import Foundation
import Postgres
import Workflow

/// A person who signs in with personal tokens, is assigned tasks and is notified.
public struct User: Sendable, Hashable {
    /// The login, such as `alice`: recorded as the actor of the user's changes and compared with
    /// a task's `assignee`.
    public let name: String
    /// The name people read, such as "Alice Wang".
    public let displayName: String
    /// Where e-mail notifications go, if anywhere.
    public let email: String?
    /// Chat ids for notifications by chat service, such as `["wecom": "alice.wang", "slack": "U123"]`.
    public let chat: [String: String]
    /// Whether the user is a site admin: everything, in every team.
    public let isAdmin: Bool
    /// When the user was disabled, if they are: their tokens do not authenticate and no task can
    /// be assigned to them.
    public let disabledAt: Date?
    /// When the user was created.
    public let createdAt: Date
    /// When a task was last assigned to the user, if ever known.
    public let lastAssignedAt: Date?
    /// The user's role in each of the user's teams, by team.
    public let memberships: [TeamRole]

    init(row: PostgresRow) throws {
        name = try row.decode("name")
        displayName = try row.decode("display_name")
        email = try row.decode("email")
        var chat: [String: String] = [:]
        for (service, id) in try JSONText.decodeObject(try row.decode("chat")) {
            if case .string(let text) = id { chat[service] = text }
        }
        self.chat = chat
        isAdmin = try row.decode("admin")
        disabledAt = try row.decode("disabled_at")
        createdAt = try row.decode("created_at")
        lastAssignedAt = try row.decode("last_assigned_at")
        memberships = try Self.memberships(row)
    }

    /// The teams and roles of a row's `member_teams` and `member_roles`.
    static func memberships(_ row: PostgresRow) throws -> [TeamRole] {
        let teams: [String] = try row.decode("member_teams")
        let roles: [String] = try row.decode("member_roles")
        return try zip(teams, roles).map { team, name in
            guard let role = Role(rawValue: name) else {
                throw PostgresError(kind: .decoding, message: "unknown role \(name)")
            }
            return TeamRole(team: team, role: role)
        }
    }

    /// Whether the user is disabled.
    public var isDisabled: Bool { disabledAt != nil }
}

/// A user to create (`POST /v1/users`).
public struct NewUser: Sendable, Hashable {
    /// The login.
    public var name: String
    /// The name people read; the login when nil.
    public var displayName: String?
    /// The e-mail address.
    public var email: String?
    /// Chat ids by chat service.
    public var chat: [String: String] = [:]
    /// Whether the user is a site admin.
    public var isAdmin = false
    /// The user's role in each team; the teams must exist.
    public var memberships: [TeamRole] = []

    /// A user called `name` with nothing else set.
    public init(name: String) { self.name = name }
}

/// A change to a user (`PATCH /v1/users/{name}`): nil leaves a property as it is.
public struct UserChange: Sendable, Hashable {
    /// A new display name.
    public var displayName: String?
    /// A new e-mail address, or `.some(nil)` to remove it.
    public var email: String??
    /// New chat ids, replacing the old ones.
    public var chat: [String: String]?
    /// Makes the user a site admin, or not.
    public var isAdmin: Bool?

    /// A change that changes nothing yet.
    public init() {}
}
