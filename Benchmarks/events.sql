-- The history of the tasks Benchmarks/tasks.sql loads (with -v skip_events=1), for tasks CMP-:lo
-- to CMP-(:hi - 1), and their SLA clocks (psql -v lo=… -v hi=… -v comments=…). Data-scale
-- benchmark, Benchmarks/data-scale.sh: run once per slice of tasks, in order, so that `seq`
-- follows time as in a real log.
--
-- Every task lives as a complaint does: `created`, the `first_response` and `resolution` clocks
-- started, acknowledged (the first response met; one in 9 breached it, acknowledged after 9 h),
-- maybe assigned, investigated; a closed task (4 in 5) is then resolved after 20 h (its
-- `resolution` clock met; one in 47 breached it, on a 10 h target) and closed after a day. On top
-- of that, comments: :comments a task on average (0 to twice that), spread over its life (a day
-- for a closed task, until now for an open one). The clocks match: `first_response` stopped for
-- every task, `resolution` stopped for the closed ones (tasks.sql started the open ones').
SET session_replication_role = replica; -- the rows are consistent by construction: no FK checks
CREATE TEMP TABLE slice AS
SELECT i, t.id, t.team, t.assignee, t.created_at AS c, t.closed_at,
       coalesce(t.closed_at, now()) - t.created_at AS life,
       (i::bigint * 2654435761 % 1000003) / 1000003.0 AS h
FROM generate_series(:lo, :hi - 1) AS i JOIN tasks t ON t.id = 'CMP-' || i;

INSERT INTO events (task_id, type, actor, data, at, teams)
SELECT id, type, coalesce(assignee, 'bench'), data, least(at, now()), ARRAY[team]
FROM (
    SELECT s.id, s.team, s.assignee,
        CASE step WHEN 1 THEN 'created' WHEN 2 THEN 'sla_started' WHEN 3 THEN 'sla_started'
            WHEN 4 THEN 'transitioned' WHEN 5 THEN CASE WHEN s.i % 9 = 0 THEN 'sla_breached' ELSE 'sla_met' END
            WHEN 6 THEN CASE WHEN s.assignee IS NOT NULL AND s.i % 3 = 0 THEN 'assigned' ELSE 'commented' END
            WHEN 7 THEN 'transitioned' WHEN 8 THEN 'transitioned'
            WHEN 9 THEN CASE WHEN s.i % 47 = 0 THEN 'sla_breached' ELSE 'sla_met' END
            ELSE 'transitioned' END AS type,
        CASE step
            WHEN 1 THEN CASE WHEN s.assignee IS NULL OR s.i % 3 = 0
                THEN '{"state":"received","workflow_version":1}'::jsonb
                ELSE jsonb_build_object('state', 'received', 'workflow_version', 1, 'assignee', s.assignee) END
            WHEN 2 THEN '{"policy":"first_response","cycle":1}'
            WHEN 3 THEN '{"policy":"resolution","cycle":1}'
            WHEN 4 THEN '{"transition":"acknowledge","from":"received","to":"acknowledged"}'
            WHEN 5 THEN jsonb_build_object('policy', 'first_response', 'cycle', 1,
                'breached_at', s.c + interval '8 hours')
            WHEN 6 THEN CASE WHEN s.assignee IS NOT NULL AND s.i % 3 = 0
                THEN jsonb_build_object('assignee', jsonb_build_object('from', NULL, 'to', s.assignee))
                ELSE '{"text":"Called the customer back."}' END
            WHEN 7 THEN '{"transition":"investigate","from":"acknowledged","to":"investigating"}'
            WHEN 8 THEN '{"transition":"resolve","from":"investigating","to":"resolved"}'
            WHEN 9 THEN jsonb_build_object('policy', 'resolution', 'cycle', 1, 'breached_at', s.c + interval '10 hours')
            ELSE '{"transition":"close","from":"resolved","to":"closed"}'
        END AS data,
        s.c + CASE step WHEN 1 THEN interval '0' WHEN 2 THEN interval '0' WHEN 3 THEN interval '0'
            WHEN 4 THEN CASE WHEN s.i % 9 = 0 THEN interval '9 hours' ELSE interval '20 minutes' END
            WHEN 5 THEN CASE WHEN s.i % 9 = 0 THEN interval '8 hours' ELSE interval '20 minutes' END
            WHEN 6 THEN interval '30 minutes' WHEN 7 THEN interval '2 hours'
            WHEN 8 THEN interval '20 hours'
            WHEN 9 THEN CASE WHEN s.i % 47 = 0 THEN interval '10 hours' ELSE interval '20 hours' END
            ELSE s.closed_at - s.c END AS at
    FROM slice s
    CROSS JOIN generate_series(1, 10) AS step
    WHERE step <= 7 OR s.closed_at IS NOT NULL
    UNION ALL
    SELECT s.id, s.team, s.assignee, 'commented', jsonb_build_object('text', 'Note ' || k || ' on ' || s.id),
        s.c + s.life * (k / (n + 1.0))
    FROM slice s
    CROSS JOIN LATERAL (SELECT floor(s.h * 2 * :comments + 0.5)::integer AS n) AS count
    CROSS JOIN LATERAL generate_series(1, count.n) AS k
) AS history
ORDER BY at;

INSERT INTO sla_clocks (task_id, policy, state, started_at, target_s, worked_s, running_since, breached_at,
                        stopped_at, breached_team, breached_assignee, stopped_team, stopped_assignee)
SELECT id, 'first_response', 'stopped', c, 28800, extract(epoch FROM stopped - c), NULL::timestamptz,
       CASE WHEN i % 9 = 0 THEN c + interval '8 hours' END, stopped,
       CASE WHEN i % 9 = 0 THEN team END, CASE WHEN i % 9 = 0 THEN assignee END, team, assignee
FROM slice, LATERAL (SELECT c + CASE WHEN i % 9 = 0 THEN interval '9 hours' ELSE interval '20 minutes' END) AS t (stopped)
UNION ALL
SELECT id, 'resolution', 'stopped', c, CASE WHEN i % 47 = 0 THEN 36000 ELSE 86400 END, 72000, NULL,
       CASE WHEN i % 47 = 0 THEN c + interval '10 hours' END, c + interval '20 hours',
       CASE WHEN i % 47 = 0 THEN team END, CASE WHEN i % 47 = 0 THEN assignee END, team, assignee
FROM slice WHERE closed_at IS NOT NULL;
DROP TABLE slice;
