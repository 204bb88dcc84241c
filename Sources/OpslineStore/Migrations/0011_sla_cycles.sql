-- SLA cycles: a policy with `restart:` starts a new clock when the task enters a restart state
-- after its clock stopped (a complaint reopened). Each cycle is a row of its own, keyed by its
-- number; earlier cycles stay as they ended. Every clock so far is its policy's first cycle.
--
-- Attribution: who held the task when the clock breached, and when it stopped. A breach is
-- charged to the team that held the task when it fell due (an escalation may have moved the task
-- since), a met clock is credited to the team that held it when it stopped.
ALTER TABLE sla_clocks
    ADD COLUMN cycle integer NOT NULL DEFAULT 1 CHECK (cycle >= 1),
    ADD COLUMN breached_team text,
    ADD COLUMN breached_assignee text,
    ADD COLUMN stopped_team text,
    ADD COLUMN stopped_assignee text;
ALTER TABLE sla_clocks DROP CONSTRAINT sla_clocks_pkey;
ALTER TABLE sla_clocks ADD PRIMARY KEY (task_id, policy, cycle);

-- Clocks that breached or stopped before this migration are placed from the task's history:
-- the team is the one the `sla_breached` (or `sla_met`/`sla_stopped`) event took place in
-- (events.teams, migration 0007); the assignee the one the latest earlier change of assignee
-- gave the task, else the one the next later change took it from, else the task's assignee now.
-- A clock without such an event (none in any build so far) counts for the task's team now.
WITH marks AS (
    SELECT DISTINCT ON (c.task_id, c.policy, e.kind) c.task_id, c.policy, e.kind, e.seq, e.teams
    FROM sla_clocks c
    JOIN LATERAL (
        SELECT CASE WHEN x.type = 'sla_breached' THEN 'breach' ELSE 'stop' END AS kind, x.seq, x.teams
        FROM events x
        WHERE x.task_id = c.task_id AND x.type IN ('sla_breached', 'sla_met', 'sla_stopped')
          AND x.data ->> 'policy' = c.policy
    ) e ON true
    ORDER BY c.task_id, c.policy, e.kind, e.seq DESC
), placed AS (
    SELECT m.task_id, m.policy, m.kind, m.teams[1] AS team,
        (coalesce(
            (SELECT jsonb_build_array(a.data -> 'assignee' -> 'to') FROM events a
             WHERE a.task_id = m.task_id AND a.seq < m.seq AND a.type IN ('assigned', 'updated')
               AND jsonb_typeof(a.data -> 'assignee') = 'object'
             ORDER BY a.seq DESC LIMIT 1),
            (SELECT jsonb_build_array(a.data -> 'assignee' -> 'from') FROM events a
             WHERE a.task_id = m.task_id AND a.seq > m.seq AND a.type IN ('assigned', 'updated')
               AND jsonb_typeof(a.data -> 'assignee') = 'object'
             ORDER BY a.seq LIMIT 1),
            jsonb_build_array(t.assignee)
        ) ->> 0) AS assignee
    FROM marks m JOIN tasks t ON t.id = m.task_id
), held AS (
    SELECT c.task_id, c.policy,
        CASE WHEN c.breached_at IS NULL THEN NULL WHEN b.task_id IS NULL THEN t.team ELSE b.team END AS breached_team,
        CASE WHEN c.breached_at IS NULL THEN NULL WHEN b.task_id IS NULL THEN t.assignee ELSE b.assignee END
            AS breached_assignee,
        CASE WHEN c.state <> 'stopped' THEN NULL WHEN s.task_id IS NULL THEN t.team ELSE s.team END AS stopped_team,
        CASE WHEN c.state <> 'stopped' THEN NULL WHEN s.task_id IS NULL THEN t.assignee ELSE s.assignee END
            AS stopped_assignee
    FROM sla_clocks c
    JOIN tasks t ON t.id = c.task_id
    LEFT JOIN placed b ON b.task_id = c.task_id AND b.policy = c.policy AND b.kind = 'breach'
    LEFT JOIN placed s ON s.task_id = c.task_id AND s.policy = c.policy AND s.kind = 'stop'
    WHERE c.breached_at IS NOT NULL OR c.state = 'stopped'
)
UPDATE sla_clocks c SET
    breached_team = held.breached_team, breached_assignee = held.breached_assignee,
    stopped_team = held.stopped_team, stopped_assignee = held.stopped_assignee
FROM held
WHERE c.task_id = held.task_id AND c.policy = held.policy;

