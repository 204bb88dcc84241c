-- Notifications (docs/notifications.md): subscriptions say who hears which events through which
-- channel; deliveries are the outbox, one row per notification to send, written in the same
-- transaction as the event that causes it, so a rolled-back command notifies no one and a
-- committed one is never forgotten.
--
-- `teams` is the set of teams whose tasks' events the subscription hears (by the teams each event
-- belongs to, events.teams); empty arrays in `workflows`, `priorities`, `policies` and `to_states`
-- mean "any". `secret` signs webhooks and robot messages: the server needs it in the clear to sign
-- and never returns it after creation. `url` may hold a robot's token; it is shown only as its
-- origin (`destination`).
CREATE TABLE subscriptions (
    id          text        PRIMARY KEY,
    name        text        NOT NULL UNIQUE,
    team        text        NOT NULL REFERENCES teams (name),
    events      text[]      NOT NULL,
    teams       text[]      NOT NULL,
    workflows   text[]      NOT NULL DEFAULT '{}',
    priorities  text[]      NOT NULL DEFAULT '{}',
    policies    text[]      NOT NULL DEFAULT '{}',
    to_states   text[]      NOT NULL DEFAULT '{}',
    channel     text        NOT NULL CHECK (channel IN ('webhook', 'slack', 'wecom', 'dingtalk', 'feishu', 'email')),
    url         text,
    recipients  text[]      NOT NULL DEFAULT '{}',
    secret      text,
    destination text        NOT NULL,
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subscriptions_teams ON subscriptions USING gin (teams);

-- One notification to send. `id` is the stable delivery id (`webhook-id`): the same on every
-- attempt. `event_seq` is the event it tells of (none for a digest); `body` is filled at the
-- first attempt and sent unchanged on every later one. States: `pending` (not tried yet),
-- `failed` (tried, another attempt at `next_attempt_at`), `delivered`, `dead` (gave up). A replica
-- sending a row pushes its `next_attempt_at` past the send's time-out first (a lease), so no
-- other replica sends it meanwhile; one that dies mid-send leaves the row to be sent again.
CREATE TABLE deliveries (
    id              text        PRIMARY KEY,
    subscription_id text        NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    event_seq       bigint,
    kind            text        NOT NULL DEFAULT 'event' CHECK (kind IN ('event', 'digest')),
    state           text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'failed', 'delivered', 'dead')),
    destination     text        NOT NULL,
    body            text,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_attempt_at timestamptz,
    last_status     integer,
    last_error      text,
    created_at      timestamptz NOT NULL,
    finished_at     timestamptz
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE state IN ('pending', 'failed');
CREATE INDEX deliveries_subscription ON deliveries (subscription_id, created_at DESC);
CREATE INDEX deliveries_finished ON deliveries (finished_at) WHERE finished_at IS NOT NULL;
