import Workflow

/// A user to create: the line of `POST /v1/users`.
public struct NewUser: Sendable, Hashable {
    /// The login, such as `alice`.
    public var name: String
    /// The name people read; the server uses the login when nil.
    public var displayName: String?
    /// The e-mail address.
    public var email: String?
    /// Chat ids by chat service, such as `["wecom": "alice.wang"]`.
    public var chat: [String: String]
    /// The role in each team, such as `["support": "member"]`.
    public var teams: [String: String]
    /// Whether the user is a site admin.
    public var admin: Bool

    /// Creates a user description.
    public init(
        name: String, displayName: String? = nil, email: String? = nil, chat: [String: String] = [:],
        teams: [String: String] = [:], admin: Bool = false
    ) {
        self.name = name
        self.displayName = displayName
        self.email = email
        self.chat = chat
        self.teams = teams
        self.admin = admin
    }

    /// The request line; unset members are left out.
    public var line: JSONValue {
        var members: [String: JSONValue] = ["name": .string(name)]
        members["display_name"] = displayName.map(JSONValue.string)
        members["email"] = email.map(JSONValue.string)
        if !chat.isEmpty { members["chat"] = .object(chat.mapValues(JSONValue.string)) }
        if !teams.isEmpty { members["teams"] = .object(teams.mapValues(JSONValue.string)) }
        if admin { members["admin"] = .bool(true) }
        return .object(members)
    }
}
