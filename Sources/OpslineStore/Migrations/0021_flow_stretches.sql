-- The flow report over a long period (#18): a month of a busy workflow is hundreds of thousands
-- of moves, and deriving each task's time in a state from the events (their JSON, then a window
-- over each task's moves) took a second. The stretches are kept instead, one row per time a task
-- entered a state, filled in the background in `seq` order from the event log by one replica at a
-- time (`flow_projection` is its cursor, locked while it works). The report sums these rows, and
-- derives from the events only the moves after the cursor, so it is exact while the projection is
-- behind, and after an upgrade while it fills from the whole log.
CREATE TABLE flow_stretches (
    -- The seq of the event (`created` or `transitioned`) that moved the task into `state`.
    entered_seq bigint PRIMARY KEY,
    task_id     text NOT NULL,
    workflow    text NOT NULL,
    state       text NOT NULL,
    entered_at  timestamptz NOT NULL,
    -- When the task's next move ended it; NULL while the task is still in the state.
    left_at     timestamptz,
    -- Whether the task entered this state more than once: only such rows are summed per task
    -- before the per-state figures, the rest is one row per task already.
    repeated    boolean NOT NULL DEFAULT false
);
-- A period's stretches of a workflow.
CREATE INDEX flow_stretches_period ON flow_stretches (workflow, entered_at);
-- A task's stretches: the open one to close, the earlier ones in the same state.
CREATE INDEX flow_stretches_task ON flow_stretches (task_id, entered_seq);

CREATE TABLE flow_projection (
    only_row    boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    -- Every move up to this seq is in flow_stretches.
    through_seq bigint NOT NULL DEFAULT 0
);
INSERT INTO flow_projection DEFAULT VALUES;
