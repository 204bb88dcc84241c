-- Opsline schema, version 1: workflows, tasks, the event log, API tokens.
-- Applied once, in a transaction, by `opsline serve` / `opsline db migrate`.

-- Every published version of every workflow. Tasks keep the version they started with.
CREATE TABLE workflow_versions (
    workflow    text        NOT NULL,
    version     integer     NOT NULL CHECK (version > 0),
    key         text        NOT NULL,
    source      text        NOT NULL,          -- the YAML as published
    checksum    text        NOT NULL,          -- sha256 of source: unchanged file, no new version
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workflow, version)
);

-- The next task number per id key (CMP-1, CMP-2, …).
CREATE TABLE task_counters (
    key          text   PRIMARY KEY,
    last_number  bigint NOT NULL
);

CREATE TABLE tasks (
    id                text        PRIMARY KEY,             -- KEY-N, e.g. CMP-42
    row_id            bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,  -- list order and `after` cursor
    workflow          text        NOT NULL,
    workflow_version  integer     NOT NULL,
    state             text        NOT NULL,
    title             text        NOT NULL CHECK (length(title) > 0),
    priority          text,
    team              text,
    assignee          text,
    fields            jsonb       NOT NULL DEFAULT '{}'::jsonb,
    parent            text        REFERENCES tasks (id),
    version           integer     NOT NULL DEFAULT 1,      -- optimistic concurrency
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    closed_at         timestamptz,
    FOREIGN KEY (workflow, workflow_version) REFERENCES workflow_versions (workflow, version)
);
CREATE INDEX tasks_workflow_state ON tasks (workflow, state, row_id);
CREATE INDEX tasks_team ON tasks (team, row_id);
CREATE INDEX tasks_assignee ON tasks (assignee, row_id);
CREATE INDEX tasks_parent ON tasks (parent) WHERE parent IS NOT NULL;

-- The append-only history of committed changes. `seq` is the stream's resume cursor; `xid`
-- records the writing transaction so readers can hold back events of transactions still in
-- flight (sequence values are handed out before commit).
CREATE TABLE events (
    seq      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    xid      xid8        NOT NULL DEFAULT pg_current_xact_id(),
    at       timestamptz NOT NULL DEFAULT now(),
    task_id  text        NOT NULL REFERENCES tasks (id),
    type     text        NOT NULL,
    actor    text,
    data     jsonb       NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX events_task ON events (task_id, seq);

-- API tokens. Only a SHA-256 of the secret is stored; the secret is shown once.
CREATE TABLE api_tokens (
    id            text        PRIMARY KEY,
    name          text        NOT NULL,
    role          text        NOT NULL CHECK (role IN ('admin', 'manager', 'member', 'service', 'viewer')),
    teams         text[]      NOT NULL DEFAULT '{}',
    secret_hash   bytea       NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz,
    revoked_at    timestamptz,
    last_used_at  timestamptz
);
