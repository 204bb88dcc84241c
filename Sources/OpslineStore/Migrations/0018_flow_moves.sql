-- The flow report from a given time (the overview's "last 7 days", `GET /v1/reports/flow?from=`):
-- the events that move tasks between states, by time, so a recent period reads its own moves and
-- not the workflow's whole history. Only those events are in it.
CREATE INDEX IF NOT EXISTS events_moves ON events (at) WHERE type IN ('created', 'transitioned');
