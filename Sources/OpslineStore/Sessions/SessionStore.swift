import Foundation
import Postgres

/// Dashboard sessions: sign-in, lookup by the cookie's secret, sign-out; and users' password
/// hashes. Only SHA-256 hashes of session secrets are stored, as for API tokens.
///
/// A session acts for what it was signed in with (``DashboardSession/Credential``), checked on
/// every request: a disabled user's or a revoked token's session stops working at once, on every
/// replica (they all read the same rows), and the session rows are marked ended too.
public struct SessionStore: Sendable {
    let pool: PostgresPool
    let tokens: TokenStore
    let clock: OpslineClock

    /// Creates a store over `pool`; `tokens` resolves sessions signed in with a token.
    public init(pool: PostgresPool, tokens: TokenStore, clock: OpslineClock = .system) {
        self.pool = pool
        self.tokens = tokens
        self.clock = clock
    }

    // MARK: Sessions

    /// Starts a session for `credential` that ends after `idle` without use; returns it with the
    /// secret for the cookie, which is never retrievable again.
    /// - Throws: ``SessionError/notSignedIn`` when the user or token no longer authenticates.
    public func create(
        for credential: DashboardSession.Credential, idle: Duration
    ) async throws -> (session: DashboardSession, secret: SessionSecret) {
        let secret = SessionSecret.generate()
        let id = "ses_" + SessionSecret.randomHex(bytes: 8)
        let csrf = SessionSecret.randomHex(bytes: 32)
        let (user, token) = Self.columns(credential)
        let row = try await pool.inTransaction { connection in
            try await connection.query(
                SessionSQL.insert,
                [id, PostgresBytes(secret.hash), user, token, csrf, clock.statementNow, Self.seconds(idle)]
            ).first
        }
        guard let row, let session = try await resolve(row) else { throw SessionError.notSignedIn }
        return (session, secret)
    }

    /// The session whose cookie holds `secret`, with who it acts as now; nil when there is none,
    /// it was signed out, it expired, or its user or token no longer authenticates. Using it moves
    /// its expiry to `idle` from now (at most once a minute).
    public func authenticate(_ secret: SessionSecret, idle: Duration) async throws -> DashboardSession? {
        let row = try await pool.withIdempotentStatements { connection in
            try await connection.query(
                SessionSQL.authenticate, [PostgresBytes(secret.hash), clock.statementNow, Self.seconds(idle)]
            ).first
        }
        guard let row else { return nil }
        return try await resolve(row)
    }

    /// The session whose cookie holds `secret`, as ``authenticate(_:idle:)`` finds it, but
    /// without counting as a use: what a live page's open stream asks to know whether it may go on.
    public func current(_ secret: SessionSecret) async throws -> DashboardSession? {
        let row = try await pool.withIdempotentStatements { connection in
            try await connection.query(SessionSQL.current, [PostgresBytes(secret.hash), clock.statementNow]).first
        }
        guard let row else { return nil }
        return try await resolve(row)
    }

    /// Signs the session out: its cookie no longer works, on any replica, and its open live
    /// streams end at once (announced on ``NotifyChannel/tokens``). Unknown secrets change nothing.
    public func revoke(_ secret: SessionSecret) async throws {
        try await pool.inTransaction { connection in
            _ = try await connection.query(SessionSQL.revokeBySecret, [PostgresBytes(secret.hash), clock.statementNow])
            _ = try await connection.query(TokenSQL.announceRevocation, [NotifyChannel.tokens.rawValue, "session"])
        }
    }

    /// Deletes the sessions that ended before `date`; returns how many went.
    @discardableResult
    public func prune(endedBefore date: Date) async throws -> Int {
        try await pool.withIdempotentStatements { connection in
            try await connection.query(SessionSQL.prune, [date]).affectedRows
        }
    }

    /// The session a row of ``SessionSQL/insert`` or ``SessionSQL/authenticate`` describes, with
    /// its principal as it is now; nil when its user or token no longer authenticates.
    private func resolve(_ row: PostgresRow) async throws -> DashboardSession? {
        let id: String = try row.decode("id")
        let credential: DashboardSession.Credential
        let principal: Principal
        if let user = try row.decode("user_name", as: String?.self) {
            credential = .password(user: user)
            let found = try await pool.withIdempotentStatements { connection in
                try await connection.query(PeopleSQL.user, [user]).first
            }
            guard let found else { return nil }
            let record = try User(row: found)
            guard !record.isDisabled else { return nil }
            principal = Principal(
                tokenID: id, user: record.name, admin: record.isAdmin, memberships: record.memberships)
        } else {
            let token: String = try row.decode("token_id")
            credential = .token(id: token)
            guard case .active(let active) = try await tokens.state(ofToken: token) else { return nil }
            principal = active
        }
        return DashboardSession(
            id: id, credential: credential, principal: principal, csrfToken: try row.decode("csrf_secret"),
            expiresAt: try row.decode("expires_at"))
    }

    private static func columns(_ credential: DashboardSession.Credential) -> (user: String?, token: String?) {
        switch credential {
        case .password(let user): (user, nil)
        case .token(let id): (nil, id)
        }
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    // MARK: Passwords

    /// The stored password hash of user `name`; nil when there is no such user, the user is
    /// disabled, or has no password. The caller verifies it (slowly, off the request's thread).
    public func passwordHash(of name: String) async throws -> String? {
        let row = try await pool.withIdempotentStatements { connection in
            try await connection.query(SessionSQL.passwordHash, [name]).first
        }
        return try row?.decode("password_hash", as: String?.self)
    }

    /// Whether user `name` has a password.
    /// - Throws: ``PeopleError/userNotFound(_:)``.
    public func hasPassword(_ name: String) async throws -> Bool {
        let row = try await pool.withIdempotentStatements { connection in
            try await connection.query(SessionSQL.hasPassword, [name]).first
        }
        guard let row else { throw PeopleError.userNotFound(name) }
        return try row.decode("present")
    }

    /// Stores `hash` as user `name`'s password hash, and ends the sessions they signed in with
    /// their old password (those signed in with a token stay).
    /// - Throws: ``PeopleError/userNotFound(_:)``.
    public func setPasswordHash(_ hash: String, of name: String) async throws {
        try await pool.inTransaction { connection in
            guard try await connection.query(SessionSQL.setPasswordHash, [name, hash]).first != nil else {
                throw PeopleError.userNotFound(name)
            }
            try await connection.query(SessionSQL.revokeUser, [name, clock.statementNow, false])
        }
    }
}

/// Why a session could not be made.
public enum SessionError: Error, Sendable, Equatable {
    /// The user or token it was for no longer authenticates.
    case notSignedIn
}
