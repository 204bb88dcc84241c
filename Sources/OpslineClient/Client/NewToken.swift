import Foundation
import Workflow

/// A token to create: the line of `POST /v1/tokens`.
public struct NewToken: Sendable, Hashable {
    /// Who or what the token is for, such as `crm-bridge` or `alice`.
    public var name: String
    /// `admin`, `manager`, `member`, `service` or `viewer`.
    public var role: String
    /// The teams whose tasks it may work on; every role but `admin` needs one.
    public var teams: [String]
    /// When it stops working; `nil` for never.
    public var expiresAt: Date?

    /// Creates a token description.
    public init(name: String, role: String, teams: [String] = [], expiresAt: Date? = nil) {
        self.name = name
        self.role = role
        self.teams = teams
        self.expiresAt = expiresAt
    }

    /// The request line; `expires_at` is left out when unset.
    public var line: JSONValue {
        var members: [String: JSONValue] = [
            "name": .string(name), "role": .string(role), "teams": .array(teams.map(JSONValue.string)),
        ]
        members["expires_at"] = expiresAt.map { .string(Timestamp.format($0)) }
        return .object(members)
    }
}
