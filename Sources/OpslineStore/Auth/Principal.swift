import Foundation

/// The caller a request acts for: the token it presented.
public struct Principal: Sendable, Hashable {
    /// The token's id.
    public let tokenID: String
    /// The token's name, recorded as the actor of the changes it makes.
    public let name: String
    /// What it may do.
    public let role: Role
    /// The teams it belongs to (unused for admins).
    public let teams: [String]
    /// When its token stops authenticating, if ever: a followed event stream ends then.
    public let expiresAt: Date?

    /// Creates a principal.
    public init(tokenID: String, name: String, role: Role, teams: [String], expiresAt: Date? = nil) {
        self.tokenID = tokenID
        self.name = name
        self.role = role
        self.teams = teams
        self.expiresAt = expiresAt
    }
}
