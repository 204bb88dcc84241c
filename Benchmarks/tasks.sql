-- The tasks the list and dashboard benchmarks load straight into PostgreSQL (psql -v n=COUNT),
-- in the shapes people's lists meet: 10 teams of 20 people (30% of tasks unassigned), 80% closed;
-- every open task has a running `resolution` clock, one in 47 of them breached. Titles and a text
-- field are drawn from a 20,000-word vocabulary, plus words of known frequency: `refund` in 1% of
-- titles, `printer` in 0.1%, `zebraflux` in 10 tasks, and `acme` (a customer) in 30% of the
-- fields. Every task has a `created` event; a third of the assigned ones were created unassigned
-- and have an `assigned` event, the others name their assignee in the `created` event (not with
-- -v skip_events=1: Benchmarks/events.sql writes a fuller history).
SELECT version AS wf_version FROM workflow_versions WHERE workflow = 'complaint-escalation'
ORDER BY version DESC LIMIT 1 \gset
CREATE TEMP TABLE words AS SELECT k, substr(md5(k::text), 1, 3 + k % 6) AS word FROM generate_series(0, 19999) AS k;
CREATE TEMP TABLE plan AS
SELECT i,
       'team-' || (i % 10) AS team,
       CASE WHEN i / 50 % 10 < 3 THEN NULL ELSE 'person-' || (i % 10 * 20 + i / 500 % 20) END AS assignee,
       i / 10 % 5 = 0 AS open,
       now() - make_interval(secs => (:n - i) * 30.0) AS created_at
FROM generate_series(1, :n) AS i;
INSERT INTO tasks (id, workflow, workflow_version, state, title, priority, team, assignee, fields, created_at,
                   updated_at, closed_at)
SELECT 'CMP-' || p.i, 'complaint-escalation', :wf_version,
       CASE WHEN p.open THEN 'investigating' ELSE 'closed' END,
       initcap(w1.word) || ' ' || w2.word || ' ' || w3.word
           || CASE WHEN p.i % 100 = 7 THEN ' refund' ELSE '' END
           || CASE WHEN p.i % 1000 = 11 THEN ' printer' ELSE '' END
           || CASE WHEN p.i % (:n / 10) = 13 THEN ' zebraflux' ELSE '' END,
       'p' || (1 + p.i % 4), p.team, p.assignee,
       jsonb_build_object('customer', CASE WHEN p.i / 7 % 10 < 3 THEN 'ACME' ELSE 'Customer ' || (p.i % 5000) END,
                          'severity', 'p' || (1 + p.i % 3),
                          'resolution', w4.word || ' ' || w5.word || ' ' || w6.word || ' ' || w1.word),
       p.created_at, p.created_at + interval '1 hour',
       CASE WHEN p.open THEN NULL ELSE p.created_at + interval '1 day' END
FROM plan p
JOIN words w1 ON w1.k = p.i::bigint * 7919 % 20000
JOIN words w2 ON w2.k = p.i::bigint * 104729 % 20000
JOIN words w3 ON w3.k = p.i::bigint * 1299709 % 20000
JOIN words w4 ON w4.k = p.i::bigint * 15485863 % 20000
JOIN words w5 ON w5.k = p.i::bigint * 32452843 % 20000
JOIN words w6 ON w6.k = p.i::bigint * 49979687 % 20000;
-- The people: person-K is a member of team-(K / 20).
INSERT INTO teams (name) SELECT 'team-' || t FROM generate_series(0, 9) AS t ON CONFLICT DO NOTHING;
INSERT INTO users (name, display_name) SELECT 'person-' || k, 'Person ' || k FROM generate_series(0, 199) AS k;
INSERT INTO memberships (team, user_name, role)
SELECT 'team-' || (k / 20), 'person-' || k, 'member' FROM generate_series(0, 199) AS k;
INSERT INTO task_counters (key, last_number) VALUES ('CMP', :n)
ON CONFLICT (key) DO UPDATE SET last_number = excluded.last_number;
INSERT INTO sla_clocks (task_id, policy, state, started_at, target_s, worked_s, running_since, breached_at, due_at)
SELECT 'CMP-' || i, 'resolution', 'running', created_at, 86400, 0, created_at,
       CASE WHEN i % 47 = 0 THEN now() - interval '1 hour' END,
       CASE WHEN i % 47 = 0 THEN NULL ELSE now() + make_interval(secs => (i % 7200) * 60.0) END
FROM plan WHERE open;
\if :{?skip_events}
\else
INSERT INTO events (task_id, type, actor, data, at, teams)
SELECT 'CMP-' || i, 'created', 'bench',
       CASE WHEN assignee IS NULL OR i % 3 = 0 THEN '{"state":"received","workflow_version":1}'::jsonb
            ELSE jsonb_build_object('state', 'received', 'workflow_version', 1, 'assignee', assignee) END,
       created_at, ARRAY[team]
FROM plan;
INSERT INTO events (task_id, type, actor, data, at, teams)
SELECT 'CMP-' || i, 'assigned', 'bench',
       jsonb_build_object('assignee', jsonb_build_object('from', NULL, 'to', assignee)),
       created_at + interval '10 minutes', ARRAY[team]
FROM plan WHERE assignee IS NOT NULL AND i % 3 = 0;
\endif
