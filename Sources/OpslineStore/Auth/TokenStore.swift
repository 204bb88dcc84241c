import Foundation
import Postgres

/// API tokens: creation, listing, revocation, lookup by secret. Only SHA-256 hashes of secrets
/// are stored; a secret is seen once, when its token is created.
public struct TokenStore: Sendable {
    /// Rows fetched per round trip when listing.
    static let pageSize = 100

    let pool: PostgresPool
    private let cache: PrincipalCache
    private let clock: OpslineClock

    /// Creates a store over `pool`.
    /// - Parameter cacheLifetime: How long a resolved secret is trusted without asking the
    ///   database again (see ``forgetCachedPrincipals()``); zero asks on every request.
    ///   - clock: The time tokens expire and are stamped on.
    public init(pool: PostgresPool, cacheLifetime: Duration = .seconds(10), clock: OpslineClock = .system) {
        self.pool = pool
        self.clock = clock
        self.cache = PrincipalCache(lifetime: Double(cacheLifetime.components.seconds))
    }

    /// The principal for a presented secret, or nil when it is unknown, revoked or expired, or
    /// a personal token whose user is disabled.
    ///
    /// A secret resolved in the last few seconds (`cacheLifetime`) is answered from memory. A
    /// revocation, a user disabled or a change of a user's memberships or admin flag takes effect
    /// on the next request on this replica, and on the others as soon as they hear of it on
    /// ``NotifyChannel/tokens``; expiry takes effect on time everywhere.
    public func authenticate(_ secret: TokenSecret) async throws -> Principal? {
        let hash = secret.hash
        if let cached = cache.principal(for: hash, at: clock.now) { return cached }
        let generation = cache.generation
        let row = try await pool.withIdempotentStatements {
            try await $0.query(TokenSQL.authenticate, [PostgresBytes(hash), clock.statementNow]).first
        }
        guard let row else { return nil }
        let principal = try Self.principal(row)
        cache.remember(principal, for: hash, expiresAt: principal.expiresAt, readAt: generation, at: clock.now)
        return principal
    }

    /// Whether the token `principal` stands for still authenticates, and as whom now: the
    /// principal as the database has it (a personal token's user's memberships may have changed),
    /// or why it no longer authenticates. Asks the database every time, never the cache of
    /// resolved secrets, which may not have heard of a revocation yet; a followed event stream
    /// asks when a change is announced (``NotifyChannel/tokens``).
    public func currentState(of principal: Principal) async throws -> TokenState {
        try await state(ofToken: principal.tokenID)
    }

    /// Whether the token with id `id` authenticates, and as whom now (``currentState(of:)``);
    /// asks the database, never the cache. A dashboard session signed in with a token asks on
    /// every request.
    public func state(ofToken id: String) async throws -> TokenState {
        let row = try await pool.withIdempotentStatements { connection in
            try await connection.query(TokenSQL.principalByID, [id]).first
        }
        guard let row else { return .ended("was deleted") }
        if try row.decode("revoked_at", as: Date?.self) != nil { return .ended("was revoked") }
        if let expiresAt = try row.decode("expires_at", as: Date?.self), expiresAt <= clock.now {
            return .ended("expired")
        }
        if let user = try row.decode("owner", as: String?.self),
            try row.decode("disabled_at", as: Date?.self) != nil
        {
            return .ended("belongs to \(user), who was disabled")
        }
        return .active(try Self.principal(row))
    }

    /// Whether the token `principal` stands for still authenticates: neither revoked nor
    /// expired, nor its user disabled (``currentState(of:)``).
    public func stillAuthenticates(_ principal: Principal) async throws -> Bool {
        if case .active = try await currentState(of: principal) { return true }
        return false
    }

    /// The principal a row of ``TokenSQL/authenticate`` or ``TokenSQL/principalByID`` describes.
    private static func principal(_ row: PostgresRow) throws -> Principal {
        let id: String = try row.decode("id")
        let expiresAt = try row.decode("expires_at", as: Date?.self)
        guard let user = try row.decode("owner", as: String?.self) else {
            return Principal(
                tokenID: id, name: try row.decode("name"), role: try Token.role(row), teams: try row.decode("teams"),
                expiresAt: expiresAt)
        }
        return Principal(
            tokenID: id, user: user, admin: try row.decode("admin"), memberships: try User.memberships(row),
            expiresAt: expiresAt)
    }

    /// Empties the cache of resolved secrets: called when another replica revokes a token or
    /// changes a user's standing (disabled, memberships, admin flag).
    public func forgetCachedPrincipals() {
        cache.removeAll()
    }

    /// Makes sure a token with this secret exists (used for `OPSLINE_ADMIN_TOKEN`).
    public func ensure(secret: TokenSecret, name: String, role: Role) async throws {
        _ = try await pool.inTransaction { connection in
            try await connection.query(
                TokenSQL.insertIfAbsent,
                [Self.newID(), name, role.rawValue, [String](), PostgresBytes(secret.hash), clock.statementNow])
        }
    }

    /// True when at least one admin token is neither revoked nor expired.
    public func hasAdmin() async throws -> Bool {
        try await pool.withIdempotentStatements {
            try await $0.query(TokenSQL.anyAdmin, [clock.statementNow]).rows.isEmpty == false
        }
    }

    /// Creates a service token and returns it with its secret, which is never retrievable again.
    /// Its teams become teams (``PeopleStore``) if they were not.
    ///
    /// - Parameters:
    ///   - name: Who or what the token is for; trimmed, 1 to 100 characters.
    ///   - role: What it may do.
    ///   - teams: The teams it works for, each `[a-z0-9-]+`; repeats are dropped. Every role but
    ///     `admin` needs at least one.
    ///   - expiresAt: When it stops authenticating; must be in the future. `nil` never expires.
    /// - Returns: The stored token (its ``Token/principal`` is the caller it acts as) and the
    ///   secret to hand to its owner.
    /// - Throws: ``TokenError/invalid(field:problem:)`` for a value that breaks those rules.
    public func create(
        name: String, role: Role, teams: [String], expiresAt: Date? = nil
    ) async throws -> (token: Token, secret: TokenSecret) {
        let name = try TokenRules.name(name)
        let teams = try TokenRules.teams(teams, role: role)
        let expiresAt = try TokenRules.expiry(expiresAt, now: clock.now)
        return try await insert(name: name, role: role, teams: teams, user: nil, expiresAt: expiresAt)
    }

    /// Creates a personal token of `user` and returns it with its secret, which is never
    /// retrievable again. It acts as the user: with the user's role in each of the user's teams
    /// as they are when it is used, and not at all while the user is disabled.
    ///
    /// - Parameters:
    ///   - name: What the token is for, such as `alice-laptop`; the user's name when nil.
    ///   - user: The user it acts as; must exist and not be disabled.
    ///   - expiresAt: When it stops authenticating; must be in the future. `nil` never expires.
    /// - Throws: ``TokenError/invalid(field:problem:)`` for an unknown or disabled user or a
    ///   value that breaks the rules of ``create(name:role:teams:expiresAt:)``.
    public func createPersonal(
        name: String?, user: String, expiresAt: Date? = nil
    ) async throws -> (token: Token, secret: TokenSecret) {
        let name = try TokenRules.name(name ?? user)
        let expiresAt = try TokenRules.expiry(expiresAt, now: clock.now)
        return try await insert(name: name, role: nil, teams: [], user: user, expiresAt: expiresAt)
    }

    private func insert(
        name: String, role: Role?, teams: [String], user: String?, expiresAt: Date?
    ) async throws -> (token: Token, secret: TokenSecret) {
        let secret = TokenSecret.generate()
        let id = Self.newID()
        let row = try await pool.inTransaction { connection in
            if let user {
                // Locks the user against being disabled until the token is stored.
                guard let row = try await connection.query(PeopleSQL.lockUser, [user]).first else {
                    throw TokenError.invalid(field: "user", problem: "names no user: '\(user)'")
                }
                if try row.decode("disabled_at", as: Date?.self) != nil {
                    throw TokenError.invalid(field: "user", problem: "is disabled: '\(user)'")
                }
            }
            if !teams.isEmpty {
                try await connection.query(PeopleSQL.registerTeams, [teams, clock.statementNow])
            }
            return try await connection.query(
                TokenSQL.insert,
                [id, name, role?.rawValue, teams, PostgresBytes(secret.hash), expiresAt, clock.statementNow, user]
            ).first
        }
        guard let row else { throw PostgresError(kind: .decoding, message: "INSERT … RETURNING gave no row") }
        return (try Token(row: row), secret)
    }

    /// Every token, revoked and expired ones included, oldest first, fetched page by page as the
    /// consumer reads. No secret or hash is ever part of it.
    public func list() -> PagedSequence<Token> {
        PagedSequence(pageSize: Self.pageSize, limit: nil) { [pool] remaining, seen in
            let offset = seen ?? 0
            let rows = try await pool.withIdempotentStatements { connection in
                try await connection.query(TokenSQL.listPage, [offset, min(remaining, Self.pageSize)]).rows
            }
            return try rows.enumerated().map { index, row in (try Token(row: row), offset + Int64(index) + 1) }
        }
    }

    /// Revokes a token: from now on it no longer authenticates. Revoking a revoked token changes
    /// nothing and returns it as it is.
    ///
    /// - Returns: The token, with its revocation time.
    /// - Throws: ``TokenError/notFound(_:)`` when no token has this id.
    @discardableResult
    public func revoke(id: String) async throws -> Token {
        let row = try await pool.inTransaction { connection in
            let row = try await connection.query(TokenSQL.revoke, [id, clock.statementNow]).first
            if row != nil {
                try await connection.query(TokenSQL.announceRevocation, [NotifyChannel.tokens.rawValue, id])
                // Dashboard sessions signed in with the token end with it.
                try await connection.query(SessionSQL.revokeToken, [id, clock.statementNow])
            }
            return row
        }
        cache.removeAll()
        guard let row else { throw TokenError.notFound(id) }
        return try Token(row: row)
    }

    private static func newID() -> String {
        "tok_" + String(TokenSecret.generate().value.dropFirst(4).prefix(16))
    }
}
