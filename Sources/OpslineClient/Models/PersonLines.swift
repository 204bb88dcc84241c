import Foundation

/// A user as the server describes it: each line of `GET /v1/users`, and the answer to creating,
/// showing, changing, disabling and enabling one.
public struct UserLine: Decodable, Sendable, Hashable {
    /// The login, such as `alice`.
    public var name: String
    /// The name people read.
    public var displayName: String
    /// The e-mail address, if any.
    public var email: String?
    /// Chat ids by chat service.
    public var chat: [String: String]
    /// Whether the user is a site admin.
    public var admin: Bool
    /// When the user was disabled, if they are.
    public var disabledAt: Date?
    /// When the user was created.
    public var createdAt: Date
    /// The user's role in each team the reader may see.
    public var teams: [String: String]

    /// Creates a user line.
    public init(
        name: String, displayName: String, email: String? = nil, chat: [String: String] = [:], admin: Bool = false,
        disabledAt: Date? = nil, createdAt: Date, teams: [String: String] = [:]
    ) {
        self.name = name
        self.displayName = displayName
        self.email = email
        self.chat = chat
        self.admin = admin
        self.disabledAt = disabledAt
        self.createdAt = createdAt
        self.teams = teams
    }

    enum CodingKeys: String, CodingKey {
        case name, email, chat, admin, teams
        case displayName = "display_name"
        case disabledAt = "disabled_at"
        case createdAt = "created_at"
    }

    /// Decodes a user line; missing `chat` and `teams` read as none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        displayName = try container.decodeIfPresent(String.self, forKey: .displayName) ?? name
        email = try container.decodeIfPresent(String.self, forKey: .email)
        chat = try container.decodeIfPresent([String: String].self, forKey: .chat) ?? [:]
        admin = try container.decodeIfPresent(Bool.self, forKey: .admin) ?? false
        disabledAt = try container.decodeTimestampIfPresent(forKey: .disabledAt)
        createdAt = try container.decodeTimestamp(forKey: .createdAt)
        teams = try container.decodeIfPresent([String: String].self, forKey: .teams) ?? [:]
    }

    /// `active` or `disabled`.
    public var status: String { disabledAt == nil ? "active" : "disabled" }
}

/// A team as the server describes it: each line of `GET /v1/teams`; `GET /v1/teams/{name}` adds
/// its ``members``.
public struct TeamLine: Decodable, Sendable, Hashable {
    /// One member of a team.
    public struct Member: Decodable, Sendable, Hashable {
        /// The user's login.
        public var user: String
        /// The user's role in the team.
        public var role: String
        /// The user's display name.
        public var displayName: String?
        /// Whether the user is disabled.
        public var disabled: Bool

        enum CodingKeys: String, CodingKey {
            case user, role, disabled
            case displayName = "display_name"
        }

        /// Creates a member.
        public init(user: String, role: String, displayName: String? = nil, disabled: Bool = false) {
            self.user = user
            self.role = role
            self.displayName = displayName
            self.disabled = disabled
        }

        /// Decodes a member; a missing `disabled` reads as false.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            user = try container.decode(String.self, forKey: .user)
            role = try container.decode(String.self, forKey: .role)
            displayName = try container.decodeIfPresent(String.self, forKey: .displayName)
            disabled = try container.decodeIfPresent(Bool.self, forKey: .disabled) ?? false
        }
    }

    /// The team's name.
    public var name: String
    /// Its title, if any.
    public var title: String?
    /// When it was created.
    public var createdAt: Date
    /// Its members, by user name: only in the answer to `GET /v1/teams/{name}`.
    public var members: [Member]?

    /// Creates a team line.
    public init(name: String, title: String? = nil, createdAt: Date, members: [Member]? = nil) {
        self.name = name
        self.title = title
        self.createdAt = createdAt
        self.members = members
    }

    enum CodingKeys: String, CodingKey {
        case name, title, members
        case createdAt = "created_at"
    }

    /// Decodes a team line.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        createdAt = try container.decodeTimestamp(forKey: .createdAt)
        members = try container.decodeIfPresent([Member].self, forKey: .members)
    }
}

/// A user's role in a team: the answer to adding, changing and removing a member.
public struct MembershipLine: Decodable, Sendable, Hashable {
    /// The team.
    public var team: String
    /// The user.
    public var user: String
    /// The role (for a removal, the role the user had).
    public var role: String

    /// Creates a membership line.
    public init(team: String, user: String, role: String) {
        self.team = team
        self.user = user
        self.role = role
    }
}
