-- Idempotency keys: a command line or request carrying a key is applied once; a repeat gets the
-- first outcome back. Pruned after a retention period (7 days by default).
CREATE TABLE idempotency_keys (
    key           text        PRIMARY KEY,
    request_hash  text        NOT NULL,   -- the same key with a different request is refused
    status        integer     NOT NULL,   -- HTTP status of the first outcome
    result        jsonb       NOT NULL,   -- the first outcome's task line or error object
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);

CREATE INDEX tasks_priority ON tasks (priority, row_id);
CREATE INDEX events_type ON events (type, seq);
