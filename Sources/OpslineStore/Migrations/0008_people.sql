-- People: users, teams and the role each user has in each team (docs/api.md, "People").
--
-- A team is a row of `teams`; a task's `team` and `assignee` are checked against these tables by
-- every command (the store, inside the command's transaction), not by foreign keys, so that the
-- rows written before this migration stay as they are.
CREATE TABLE teams (
    name        text        PRIMARY KEY,
    title       text,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- `name` is the login, recorded as the actor of a personal token's changes and compared with a
-- task's `assignee`. `chat` holds chat ids for notifications ({"wecom": …, "slack": …}).
-- `last_assigned_at` is for assignment rules that prefer whoever waited longest.
CREATE TABLE users (
    name              text        PRIMARY KEY,
    display_name      text        NOT NULL,
    email             text,
    chat              jsonb       NOT NULL DEFAULT '{}'::jsonb,
    admin             boolean     NOT NULL DEFAULT false,
    disabled_at       timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    last_assigned_at  timestamptz
);

CREATE TABLE memberships (
    team        text        NOT NULL REFERENCES teams (name),
    user_name   text        NOT NULL REFERENCES users (name),
    role        text        NOT NULL CHECK (role IN ('manager', 'member', 'viewer')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (team, user_name)
);
CREATE INDEX memberships_user ON memberships (user_name);

-- A token with an `owner` is a personal token: it acts as that user, with the user's roles in
-- the user's teams, and has no role or teams of its own. A token without one is a service token
-- with its own role and teams, as every token was before.
ALTER TABLE api_tokens ADD COLUMN owner text REFERENCES users (name);
ALTER TABLE api_tokens ALTER COLUMN role DROP NOT NULL;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_kind_check CHECK ((owner IS NULL) = (role IS NOT NULL));
CREATE INDEX api_tokens_owner ON api_tokens (owner) WHERE owner IS NOT NULL;

-- What existed before becomes people: every team a task or a token names is a team (the teams
-- the published workflows name are registered when the server starts and publishes them: their
-- YAML is not read here), and every assignee a user, a `member` of the teams of the tasks
-- assigned to it. Tokens stay service tokens with their role and teams, and keep working.
INSERT INTO teams (name)
SELECT team FROM tasks WHERE team IS NOT NULL
UNION
SELECT unnest(teams) FROM api_tokens
ON CONFLICT DO NOTHING;

INSERT INTO users (name, display_name)
SELECT DISTINCT assignee, assignee FROM tasks WHERE assignee IS NOT NULL AND assignee <> ''
ON CONFLICT DO NOTHING;

INSERT INTO memberships (team, user_name, role)
SELECT DISTINCT team, assignee, 'member' FROM tasks
WHERE assignee IS NOT NULL AND assignee <> '' AND team IS NOT NULL
ON CONFLICT DO NOTHING;
