/// Named queries on `api_tokens`. The secret's hash is written, and matched, but never selected.
enum TokenSQL {
    /// What a principal is made of, for the token `hit` (with `owner`): a personal token's user
    /// (admin flag, disabled time) and the user's teams and roles there, by team.
    private static let principalColumns = """
        hit.id, hit.name, hit.role, hit.teams, hit.expires_at, hit.revoked_at, hit.owner,
        coalesce(u.admin, false) AS admin, u.disabled_at,
        ARRAY(SELECT m.team FROM memberships m WHERE m.user_name = hit.owner ORDER BY m.team) AS member_teams,
        ARRAY(SELECT m.role FROM memberships m WHERE m.user_name = hit.owner ORDER BY m.team) AS member_roles
        """

    /// The principal for a secret hash when the token is active (a personal token's user not
    /// disabled); stamps `last_used_at` at most once a minute, so a busy token does not write on
    /// every request. `$2` is the time (NULL: `now()`).
    static let authenticate = """
        WITH clock AS (SELECT coalesce($2::timestamptz, now()) AS now), hit AS (
            SELECT t.id, t.name, t.role, t.teams, t.expires_at, t.revoked_at, t.last_used_at, t.owner
            FROM api_tokens t, clock
            WHERE t.secret_hash = $1::bytea AND t.revoked_at IS NULL
              AND (t.expires_at IS NULL OR t.expires_at > clock.now)
              AND (t.owner IS NULL OR EXISTS (SELECT 1 FROM users d WHERE d.name = t.owner AND d.disabled_at IS NULL))
        ), touched AS (
            UPDATE api_tokens SET last_used_at = clock.now FROM hit, clock
            WHERE api_tokens.id = hit.id
              AND (hit.last_used_at IS NULL OR hit.last_used_at < clock.now - interval '1 minute')
        )
        SELECT \(principalColumns) FROM hit LEFT JOIN users u ON u.name = hit.owner
        """

    /// The token `$1` as a principal whatever its state (revoked, expired, its user disabled: the
    /// caller judges); touches nothing. No row when there is no such token.
    static let principalByID = """
        SELECT \(principalColumns)
        FROM (SELECT id, name, role, teams, expires_at, revoked_at, owner FROM api_tokens WHERE id = $1) hit
        LEFT JOIN users u ON u.name = hit.owner
        """

    static let insertIfAbsent = """
        INSERT INTO api_tokens (id, name, role, teams, secret_hash, created_at)
        VALUES ($1, $2, $3, $4::text[], $5::bytea, coalesce($6::timestamptz, now()))
        ON CONFLICT (secret_hash) DO NOTHING
        """

    /// A service token (`$3` its role, `$8` NULL) or a personal token (`$3` NULL, `$8` its user).
    static let insert = """
        WITH t AS (
            INSERT INTO api_tokens (id, name, role, teams, secret_hash, expires_at, created_at, owner)
            VALUES ($1, $2, $3, $4::text[], $5::bytea, $6::timestamptz, coalesce($7::timestamptz, now()), $8)
            RETURNING *
        )
        SELECT \(Token.columns) FROM t
        """

    /// One page of every token, oldest first; `$1` is how many rows earlier pages held.
    static let listPage = """
        SELECT \(Token.columns) FROM api_tokens t ORDER BY t.created_at, t.id OFFSET $1 LIMIT $2
        """

    /// Revokes a token; revoking it again keeps the first revocation time.
    static let revoke = """
        WITH t AS (
            UPDATE api_tokens SET revoked_at = coalesce(revoked_at, $2::timestamptz, now()) WHERE id = $1
            RETURNING *
        )
        SELECT \(Token.columns) FROM t
        """

    /// Tells every replica to forget the principals it has cached (``NotifyChannel/tokens``).
    /// `$1` is the channel, `$2` what changed (a revoked token's id, or `user:<name>`).
    static let announceRevocation = "SELECT pg_notify($1, $2)"

    /// Any admin token that still authenticates: an admin service token, or a personal token of
    /// an admin user who is not disabled.
    static let anyAdmin = """
        SELECT 1 FROM api_tokens t LEFT JOIN users u ON u.name = t.owner
        WHERE (t.role = 'admin' OR (u.admin AND u.disabled_at IS NULL)) AND t.revoked_at IS NULL
          AND (t.expires_at IS NULL OR t.expires_at > coalesce($1::timestamptz, now()))
        LIMIT 1
        """
}
