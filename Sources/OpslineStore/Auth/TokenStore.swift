import Postgres

/// API tokens: creation, lookup by secret. Only hashes of secrets are stored.
public struct TokenStore: Sendable {
    let pool: PostgresPool

    /// Creates a store over `pool`.
    public init(pool: PostgresPool) { self.pool = pool }

    /// The principal for a presented secret, or nil when it is unknown, revoked or expired.
    public func authenticate(_ secret: TokenSecret) async throws -> Principal? {
        let row = try await pool.read {
            try await $0.query(TokenSQL.findBySecretHash, [PostgresBytes(secret.hash)]).first
        }
        return try row.map(Self.principal)
    }

    /// Makes sure a token with this secret exists (used for `OPSLINE_ADMIN_TOKEN`).
    public func ensure(secret: TokenSecret, name: String, role: Role) async throws {
        _ = try await pool.write { connection in
            try await connection.query(
                TokenSQL.insertIfAbsent,
                [Self.newID(), name, role.rawValue, [String](), PostgresBytes(secret.hash)])
        }
    }

    /// True when at least one unrevoked admin token exists.
    public func hasAdmin() async throws -> Bool {
        try await pool.read { try await $0.query(TokenSQL.anyAdmin).rows.isEmpty == false }
    }

    /// Creates a token and returns it with its secret, which is never retrievable again.
    public func create(name: String, role: Role, teams: [String]) async throws -> (Principal, TokenSecret) {
        let secret = TokenSecret.generate()
        let id = Self.newID()
        _ = try await pool.write { connection in
            try await connection.query(
                TokenSQL.insertIfAbsent, [id, name, role.rawValue, teams, PostgresBytes(secret.hash)])
        }
        return (Principal(tokenID: id, name: name, role: role, teams: teams), secret)
    }

    private static func principal(_ row: PostgresRow) throws -> Principal {
        let roleName = try row.decode("role", as: String.self)
        guard let role = Role(rawValue: roleName) else {
            throw PostgresError(kind: .decoding, message: "unknown role \(roleName)")
        }
        return Principal(
            tokenID: try row.decode("id"), name: try row.decode("name"), role: role,
            teams: try row.decode("teams"))
    }

    private static func newID() -> String {
        "tok_" + String(TokenSecret.generate().value.dropFirst(4).prefix(16))
    }
}

/// Named queries on `api_tokens`.
enum TokenSQL {
    static let findBySecretHash = """
        SELECT id, name, role, teams FROM api_tokens
        WHERE secret_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
        """

    static let insertIfAbsent = """
        INSERT INTO api_tokens (id, name, role, teams, secret_hash) VALUES ($1, $2, $3, $4::text[], $5::bytea)
        ON CONFLICT (secret_hash) DO NOTHING
        """

    static let anyAdmin = "SELECT 1 FROM api_tokens WHERE role = 'admin' AND revoked_at IS NULL LIMIT 1"
}
