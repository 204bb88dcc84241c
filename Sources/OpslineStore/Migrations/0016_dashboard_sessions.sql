-- The dashboard's sign-in (docs/dashboard.md): a password per user, and signed-in sessions.
--
-- `password_hash` is a bcrypt hash (`$2b$…`, its cost inside it); NULL: the user cannot sign in
-- with a password (only with a personal token).
ALTER TABLE users ADD COLUMN password_hash text;

-- A browser's session. Only the SHA-256 of its secret (the `opsline_session` cookie) is kept, as
-- for API tokens. It acts for a user who signed in with a password (`user_name`), or for the
-- token pasted at sign-in (`token_id`: a personal token, or an admin token on a fresh install):
-- every request checks that user or token again, so disabling the user or revoking the token
-- ends the session. `csrf_secret` is the token every state-changing form carries.
-- `expires_at` moves forward with use (`last_seen_at` + the server's idle time); sign-out sets
-- `revoked_at`. Every replica reads the same rows, so any of them serves any session.
CREATE TABLE ui_sessions (
    id            text        PRIMARY KEY,
    secret_hash   bytea       NOT NULL UNIQUE,
    user_name     text        REFERENCES users (name),
    token_id      text        REFERENCES api_tokens (id),
    csrf_secret   text        NOT NULL,
    created_at    timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    CHECK ((user_name IS NULL) <> (token_id IS NULL))
);
CREATE INDEX ui_sessions_user ON ui_sessions (user_name) WHERE user_name IS NOT NULL;
CREATE INDEX ui_sessions_token ON ui_sessions (token_id) WHERE token_id IS NOT NULL;
CREATE INDEX ui_sessions_expires ON ui_sessions (expires_at);
