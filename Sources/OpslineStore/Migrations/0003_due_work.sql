-- Time-driven work: everything that must happen at a time lives here, in one index on due_at, so
-- the scheduler of every replica claims due rows with one range scan (FOR UPDATE SKIP LOCKED).
-- Workflow timers now; SLA warnings, breaches and escalation steps join them.
CREATE TABLE due_work (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        text        NOT NULL CHECK (kind IN ('timer')),
    task_id     text        NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    due_at      timestamptz NOT NULL,
    payload     jsonb       NOT NULL,   -- timer: {"state": …, "fire": …}
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX due_work_due_at ON due_work (due_at);
CREATE INDEX due_work_task ON due_work (task_id, kind);

-- Children are listed on their parent and counted by `children: done` guards.
CREATE INDEX tasks_open_children ON tasks (parent, row_id) WHERE closed_at IS NULL AND parent IS NOT NULL;
