-- Assignment rules (a workflow's `assign:`, docs/workflows.md "Assignment").
--
-- A rule gives a team's tasks to its members in turn: the member the rules served longest ago
-- (or never) is next. Each membership keeps its last turn, a number from one sequence taken while
-- the team's memberships are locked, so the order is exactly the order of the picks — a clock
-- could give two transactions the same instant, or the later pick the earlier time.
CREATE SEQUENCE assignment_turns;
ALTER TABLE memberships ADD COLUMN last_turn bigint;

-- `least_loaded` counts each candidate's open tasks, whatever their team; without this index the
-- count would read every task the person ever closed.
CREATE INDEX IF NOT EXISTS tasks_open_assignee ON tasks (assignee) WHERE closed_at IS NULL;
