import Foundation
import Workflow

/// A token to create: the line of `POST /v1/tokens`. A service token has a ``role`` and
/// ``teams``; a personal token names its ``user`` instead and acts with the user's roles.
public struct NewToken: Sendable, Hashable {
    /// Who or what the token is for, such as `crm-bridge` or `alice-laptop`; for a personal
    /// token, nil names it after its user.
    public var name: String?
    /// `admin`, `manager`, `member`, `service` or `viewer`; nil for a personal token.
    public var role: String?
    /// The teams whose tasks it may work on; every role but `admin` needs one.
    public var teams: [String]
    /// The user a personal token acts as; nil for a service token.
    public var user: String?
    /// When it stops working; `nil` for never.
    public var expiresAt: Date?

    /// Creates a service token description.
    public init(name: String, role: String, teams: [String] = [], expiresAt: Date? = nil) {
        self.name = name
        self.role = role
        self.teams = teams
        self.expiresAt = expiresAt
    }

    /// Creates a personal token description: the token acts as `user`.
    public init(name: String? = nil, user: String, expiresAt: Date? = nil) {
        self.name = name
        self.teams = []
        self.user = user
        self.expiresAt = expiresAt
    }

    /// The request line; unset members are left out.
    public var line: JSONValue {
        var members: [String: JSONValue] = [:]
        members["name"] = name.map(JSONValue.string)
        if let user {
            members["user"] = .string(user)
        } else {
            members["role"] = role.map(JSONValue.string)
            members["teams"] = .array(teams.map(JSONValue.string))
        }
        members["expires_at"] = expiresAt.map { .string(Timestamp.format($0)) }
        return .object(members)
    }
}
