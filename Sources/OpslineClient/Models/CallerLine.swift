/// The token a client presents, as `GET /v1/me` describes it.
public struct CallerLine: Codable, Sendable, Hashable {
    /// The token's identifier.
    public var token: String
    /// The token's name, recorded as the actor of its changes.
    public var name: String
    /// `admin`, `manager`, `member`, `service` or `viewer`.
    public var role: String
    /// The teams whose tasks it may work on.
    public var teams: [String]
    /// The user a personal token acts as; nil for a service token (and from older servers).
    public var user: String?
    /// The role in each team (a user may be a manager in one and a member in another); nil from
    /// older servers.
    public var memberships: [String: String]?

    /// Creates a caller line.
    public init(
        token: String, name: String, role: String, teams: [String] = [], user: String? = nil,
        memberships: [String: String]? = nil
    ) {
        self.token = token
        self.name = name
        self.role = role
        self.teams = teams
        self.user = user
        self.memberships = memberships
    }
}
