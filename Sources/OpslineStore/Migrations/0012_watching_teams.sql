-- Escalations keep the people doing the work in: when an SLA escalation hands a task to another
-- team, the team it leaves keeps access as a watching team (docs/api.md, "Watching teams"). Its
-- members see the task in their lists and streams and work on it with their role there; the
-- owning team (`team`) is the one reports charge and assignment rules pick from.
ALTER TABLE tasks ADD COLUMN watching_teams text[] NOT NULL DEFAULT '{}';
CREATE INDEX IF NOT EXISTS tasks_watching_teams ON tasks USING gin (watching_teams)
    WHERE watching_teams <> '{}';
