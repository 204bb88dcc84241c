/// Named queries on `ui_sessions` and `users.password_hash`. A session secret's hash is written
/// and matched, never selected; a password hash is selected only to be verified.
enum SessionSQL {
    /// A new session for user `$3` or token `$4`; `$6` is the time (NULL: `now()`), `$7` the idle
    /// time in seconds.
    static let insert = """
        WITH clock AS (SELECT coalesce($6::timestamptz, now()) AS now)
        INSERT INTO ui_sessions
            (id, secret_hash, user_name, token_id, csrf_secret, created_at, last_seen_at, expires_at)
        SELECT $1, $2::bytea, $3, $4, $5, clock.now, clock.now, clock.now + make_interval(secs => $7::float8)
        FROM clock
        RETURNING id, user_name, token_id, csrf_secret, expires_at
        """

    /// The session with secret hash `$1` when neither signed out nor expired at `$2` (NULL:
    /// `now()`); moves its expiry to `$3` seconds from now, at most once a minute, so a busy page
    /// does not write on every request.
    static let authenticate = """
        WITH clock AS (SELECT coalesce($2::timestamptz, now()) AS now), hit AS (
            SELECT s.id, s.user_name, s.token_id, s.csrf_secret, s.last_seen_at, s.expires_at
            FROM ui_sessions s, clock
            WHERE s.secret_hash = $1::bytea AND s.revoked_at IS NULL AND s.expires_at > clock.now
        ), touched AS (
            UPDATE ui_sessions SET last_seen_at = clock.now, expires_at = clock.now + make_interval(secs => $3::float8)
            FROM hit, clock
            WHERE ui_sessions.id = hit.id AND hit.last_seen_at <= clock.now - interval '1 minute'
            RETURNING ui_sessions.expires_at
        )
        SELECT hit.id, hit.user_name, hit.token_id, hit.csrf_secret,
            coalesce((SELECT expires_at FROM touched), hit.expires_at) AS expires_at
        FROM hit
        """

    /// Signs out the session with secret hash `$1`; `$2` is the time (NULL: `now()`).
    /// The session with secret hash `$1` when neither signed out nor expired at `$2` (NULL:
    /// `now()`), without moving its expiry: a page left open is not a use.
    static let current = """
        SELECT id, user_name, token_id, csrf_secret, expires_at
        FROM ui_sessions
        WHERE secret_hash = $1::bytea AND revoked_at IS NULL AND expires_at > coalesce($2::timestamptz, now())
        """

    static let revokeBySecret = """
        UPDATE ui_sessions SET revoked_at = coalesce(revoked_at, $2::timestamptz, now())
        WHERE secret_hash = $1::bytea
        """

    /// Ends every session of user `$1`: those signed in with their password, and (`$3`) those
    /// signed in with one of their personal tokens too. `$2` is the time (NULL: `now()`).
    static let revokeUser = """
        UPDATE ui_sessions SET revoked_at = coalesce($2::timestamptz, now())
        WHERE revoked_at IS NULL
          AND (user_name = $1 OR ($3::bool AND token_id IN (SELECT id FROM api_tokens WHERE owner = $1)))
        """

    /// Ends every session signed in with token `$1`; `$2` is the time (NULL: `now()`).
    static let revokeToken = """
        UPDATE ui_sessions SET revoked_at = coalesce($2::timestamptz, now())
        WHERE revoked_at IS NULL AND token_id = $1
        """

    /// Deletes sessions that expired or were signed out before `$1`.
    static let prune = """
        DELETE FROM ui_sessions WHERE expires_at < $1::timestamptz OR revoked_at < $1::timestamptz
        """

    /// The password hash of user `$1`, when the user exists and is not disabled (NULL when the
    /// user has no password).
    static let passwordHash = """
        SELECT password_hash FROM users WHERE name = $1 AND disabled_at IS NULL
        """

    /// Sets (or, with NULL, removes) user `$1`'s password hash.
    static let setPasswordHash = "UPDATE users SET password_hash = $2 WHERE name = $1 RETURNING name"

    /// Whether user `$1` has a password.
    static let hasPassword = "SELECT password_hash IS NOT NULL AS present FROM users WHERE name = $1"
}
