-- The flow report's projection (flow_stretches, as the server's FlowProjection keeps it) of a
-- freshly loaded history in one pass, as data-scale.sh loads with nothing else running: every
-- move a stretch, ended by the task's next move, `repeated` where the task entered the state
-- more than once; the cursor at the last event.
INSERT INTO flow_stretches (entered_seq, task_id, workflow, state, entered_at, left_at, repeated)
SELECT seq, task_id, workflow, state, at,
       lead(at) OVER (PARTITION BY task_id ORDER BY seq),
       count(*) OVER (PARTITION BY task_id, state) > 1
FROM (
    SELECT e.seq, e.task_id, t.workflow, e.at,
           CASE e.type WHEN 'created' THEN e.data ->> 'state' ELSE e.data ->> 'to' END AS state
    FROM events e JOIN tasks t ON t.id = e.task_id
    WHERE e.type IN ('created', 'transitioned')
) moves;
UPDATE flow_projection SET through_seq = (SELECT coalesce(max(seq), 0) FROM events);
