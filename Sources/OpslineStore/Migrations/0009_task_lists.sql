-- Task lists for people: search, "my open work", "the next task to take", and the workload report
-- (docs/api.md, "Lists, filters and pages"; README, "A member's day").
--
-- Built-in PostgreSQL only: no extension, so no superuser is needed on an external database.
-- Each index is built in this migration's transaction and holds a lock that blocks writes to its
-- table while it builds: about a minute for a million tasks on a laptop. Plan the upgrade of a
-- large database accordingly (or build the same indexes with CREATE INDEX CONCURRENTLY before
-- starting this build: the migration then finds them and only records itself).

-- `GET /v1/tasks?q=`: words of the title and of every string-valued field (text, string, enum,
-- user and date fields, and strings inside lists), as full-text lexemes of the `simple`
-- configuration (lower-cased, no stemming, no stop words: names, codes and any language alike).
-- `TaskListSQL.searchDocument` is the same expression: the planner only uses the index for the
-- query that spells it the same way.
CREATE INDEX IF NOT EXISTS tasks_search ON tasks USING gin (
    (to_tsvector('simple'::regconfig, title) || jsonb_to_tsvector('simple'::regconfig, fields, '["string"]'::jsonb)));

-- Open tasks by team and assignee: a team's unassigned queue (`POST /v1/tasks/next`), a person's
-- open work (`assignee=me`, the workload report), a team's open tasks (the CLI's default list).
-- Closed tasks, the bulk of a long-lived database, are not in it. It holds `created_at` too, so the
-- workload report counts open tasks per person, and finds their oldest, from the index alone.
CREATE INDEX IF NOT EXISTS tasks_open_team ON tasks (team, assignee, row_id) INCLUDE (created_at)
    WHERE closed_at IS NULL;

-- The workload report's "closed in the last 7 days": closed tasks by when they closed. A task
-- enters it once, when it closes; open tasks are not in it.
CREATE INDEX IF NOT EXISTS tasks_closed_at ON tasks (closed_at) WHERE closed_at IS NOT NULL;

-- The workload report's "assigned in the last 7 days": the events that give a task an assignee
-- (an assignment, an update or escalation that changed the assignee, a creation), by time. Only
-- those events are in it, so commands that do not assign pay nothing for it.
CREATE INDEX IF NOT EXISTS events_assignments ON events (at)
    WHERE type = 'created' OR (type IN ('assigned', 'updated') AND data ? 'assignee');
