import Foundation

/// The caller a request acts for: the token it presented, and through a personal token, its user.
///
/// Permissions are asked per team: ``role(in:)`` is the role the caller has in one team (``isAdmin``
/// callers have ``Role/admin`` in every team). A service token has one role over its own teams; a
/// personal token acts as its user: an admin when the user is one, else with the user's role in
/// each of the user's teams (a manager of one team may be a member of another).
public struct Principal: Sendable, Hashable {
    /// Which kind of token the caller presented.
    public enum Kind: Sendable, Hashable {
        /// A service token: one role over the token's own teams.
        case service(Role)
        /// A personal token, acting as this user.
        case user(String)
    }

    /// The token's id.
    public let tokenID: String
    /// The name recorded as the actor of the changes it makes, and compared with a task's
    /// assignee: the token's name for a service token, the user's name for a personal token.
    public let name: String
    /// Which kind of token it is.
    public let kind: Kind
    /// Whether it may do everything, in every team: an admin service token, or a personal token
    /// of an admin user.
    public let isAdmin: Bool
    /// Its role in each of its teams, in the token's order (service) or by team name (personal).
    public let memberships: [TeamRole]
    /// When its token stops authenticating, if ever: a followed event stream ends then.
    public let expiresAt: Date?

    /// A service token's principal: `role` in each of `teams` (everything, everywhere, for
    /// ``Role/admin``).
    public init(tokenID: String, name: String, role: Role, teams: [String], expiresAt: Date? = nil) {
        self.tokenID = tokenID
        self.name = name
        self.kind = .service(role)
        self.isAdmin = role == .admin
        self.memberships = teams.map { TeamRole(team: $0, role: role) }
        self.expiresAt = expiresAt
    }

    /// A personal token's principal, acting as `user`.
    /// - Parameters:
    ///   - admin: Whether the user is an admin.
    ///   - memberships: The user's role in each of the user's teams.
    public init(tokenID: String, user: String, admin: Bool, memberships: [TeamRole], expiresAt: Date? = nil) {
        self.tokenID = tokenID
        self.name = user
        self.kind = .user(user)
        self.isAdmin = admin
        self.memberships = memberships
        self.expiresAt = expiresAt
    }

    /// The user a personal token acts as; nil for a service token.
    public var user: String? {
        if case .user(let name) = kind { return name }
        return nil
    }

    /// The role the caller has in `team`: ``Role/admin`` for an admin in every team, else its
    /// role there, or nil when it is not in the team (or `team` is nil: a task of no team is
    /// admins' alone).
    public func role(in team: String?) -> Role? {
        if isAdmin { return .admin }
        guard let team else { return nil }
        return memberships.first { $0.team == team }?.role
    }

    /// The team among `teams` (a task's owner and watching teams, ``TaskRecord/teams``) where
    /// the caller's role is the strongest, and that role; nil when it is in none of them (an
    /// admin has ``Role/admin`` in the first, or in no team at all).
    public func strongestRole(among teams: [String]) -> (team: String?, role: Role)? {
        if isAdmin { return (teams.first, .admin) }
        return teams.compactMap { team in role(in: team).map { (team, $0) } }.min { $0.1.rank < $1.1.rank }
    }

    /// The teams it belongs to, whatever its role there (admins see every team besides).
    public var teams: [String] { memberships.map(\.team) }

    /// Every role it holds somewhere: a service token's one role, an admin's ``Role/admin``, a
    /// user's roles in its teams (a user in no team reads as a viewer: of nothing).
    public var roles: Set<Role> {
        if isAdmin { return [.admin] }
        if case .service(let role) = kind { return [role] }
        return memberships.isEmpty ? [.viewer] : Set(memberships.map(\.role))
    }

    /// One role that sums the caller up, for display (`GET /v1/me`, token lines): a service
    /// token's role, ``Role/admin`` for an admin, else the strongest of a user's roles (a user in
    /// no team shows as ``Role/viewer``). Never used to decide a permission: ask ``role(in:)``.
    public var summaryRole: Role {
        if isAdmin { return .admin }
        if case .service(let role) = kind { return role }
        return memberships.map(\.role).min { $0.rank < $1.rank } ?? .viewer
    }
}

/// A role in one team.
public struct TeamRole: Sendable, Hashable {
    /// The team.
    public let team: String
    /// The role there.
    public let role: Role

    /// Creates a team role.
    public init(team: String, role: Role) {
        self.team = team
        self.role = role
    }
}

extension Role {
    /// The order roles are summed up in: lower is stronger.
    var rank: Int {
        switch self {
        case .admin: 0
        case .manager: 1
        case .member: 2
        case .service: 3
        case .viewer: 4
        }
    }
}
