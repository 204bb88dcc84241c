import Foundation

/// A signed-in browser: who it acts for, and the token its forms carry.
public struct DashboardSession: Sendable, Hashable {
    /// How the session was signed in, and so what it acts for.
    public enum Credential: Sendable, Hashable {
        /// With user `name`'s password: it acts as that user, as long as the user is enabled.
        case password(user: String)
        /// With a token (a personal token, or an admin token): it acts as that token, as long as
        /// the token authenticates.
        case token(id: String)
    }

    /// The session's id (`ses_…`): never a secret, safe to log.
    public let id: String
    /// What it was signed in with.
    public let credential: Credential
    /// Who it acts as now: the user's or the token's current teams and roles.
    public let principal: Principal
    /// The CSRF token every state-changing form of this session carries.
    public let csrfToken: String
    /// When it ends unless used again.
    public let expiresAt: Date
}
