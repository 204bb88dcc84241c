-- The dashboard at scale (Benchmarks/dashboard.sh, #16): indexes for its reports.
--
-- Each index is built in this migration's transaction, blocking writes to its table while it
-- builds (seconds for a million tasks; build them with CREATE INDEX CONCURRENTLY beforehand to
-- avoid that: the migration then finds them).

-- The workload report's "assigned in the last 7 days" credits a task created in the window to the
-- assignee it was created with: the `from` of the task's first change of assignee. The changes of
-- assignee by task, in order, give each created task's first one in one look (a task without a
-- change, the usual case, costs a look into the index and no read of the events); only those
-- events are in it, so commands that do not assign pay nothing for it.
CREATE INDEX IF NOT EXISTS events_assignee_changes ON events (task_id, seq)
    WHERE type IN ('assigned', 'updated') AND data ? 'assignee';

-- The SLA compliance report (the overview's last 7 and 30 days): clocks by when they started, so
-- a period reads its own clocks, not every clock the database ever had.
CREATE INDEX IF NOT EXISTS sla_clocks_started ON sla_clocks (started_at);
