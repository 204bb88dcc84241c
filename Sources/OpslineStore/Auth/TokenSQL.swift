/// Named queries on `api_tokens`. The secret's hash is written, and matched, but never selected.
enum TokenSQL {
    /// The principal for a secret hash when the token is active; stamps `last_used_at` at most
    /// once a minute, so a busy token does not write on every request. `$2` is the time (NULL:
    /// `now()`).
    static let authenticate = """
        WITH clock AS (SELECT coalesce($2::timestamptz, now()) AS now), hit AS (
            SELECT id, name, role, teams, expires_at, last_used_at FROM api_tokens, clock
            WHERE secret_hash = $1::bytea AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > clock.now)
        ), touched AS (
            UPDATE api_tokens SET last_used_at = clock.now FROM hit, clock
            WHERE api_tokens.id = hit.id
              AND (hit.last_used_at IS NULL OR hit.last_used_at < clock.now - interval '1 minute')
        )
        SELECT id, name, role, teams, expires_at FROM hit
        """

    /// The token `$1` if it still authenticates at `$2` (NULL: `now()`); touches nothing.
    static let isActive = """
        SELECT 1 FROM api_tokens
        WHERE id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > coalesce($2::timestamptz, now()))
        """

    static let insertIfAbsent = """
        INSERT INTO api_tokens (id, name, role, teams, secret_hash, created_at)
        VALUES ($1, $2, $3, $4::text[], $5::bytea, coalesce($6::timestamptz, now()))
        ON CONFLICT (secret_hash) DO NOTHING
        """

    static let insert = """
        INSERT INTO api_tokens (id, name, role, teams, secret_hash, expires_at, created_at)
        VALUES ($1, $2, $3, $4::text[], $5::bytea, $6::timestamptz, coalesce($7::timestamptz, now()))
        RETURNING \(Token.columns)
        """

    /// One page of every token, oldest first; `$1` is how many rows earlier pages held.
    static let listPage = """
        SELECT \(Token.columns) FROM api_tokens ORDER BY created_at, id OFFSET $1 LIMIT $2
        """

    /// Revokes a token; revoking it again keeps the first revocation time.
    static let revoke = """
        UPDATE api_tokens SET revoked_at = coalesce(revoked_at, $2::timestamptz, now()) WHERE id = $1
        RETURNING \(Token.columns)
        """

    /// Tells every replica to forget the principals it has cached (``NotifyChannel/tokens``).
    /// `$1` is the channel, `$2` the revoked token's id.
    static let announceRevocation = "SELECT pg_notify($1, $2)"

    /// Any admin token that still authenticates.
    static let anyAdmin = """
        SELECT 1 FROM api_tokens
        WHERE role = 'admin' AND revoked_at IS NULL
          AND (expires_at IS NULL OR expires_at > coalesce($1::timestamptz, now()))
        LIMIT 1
        """
}
