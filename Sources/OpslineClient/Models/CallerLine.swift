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

    /// Creates a caller line.
    public init(token: String, name: String, role: String, teams: [String] = []) {
        self.token = token
        self.name = name
        self.role = role
        self.teams = teams
    }
}
