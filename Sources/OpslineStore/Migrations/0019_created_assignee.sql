-- The workload report's "assigned in the last 7 days" (#16): a `created` event names the assignee
-- the task was created with (`data.assignee`) since assignment rules came (#13); older ones do
-- not, and the report had to work it out for every task created in its window (the `from` of
-- the task's first change of assignee, else the assignee it has now), which cost the admin's
-- workload page half its time at 100,000 tasks. This gives the older `created` events the
-- assignee that rule finds, as the command writes it today, so the report reads it from the
-- event. A task created unassigned keeps an event without the key, as the command writes it.
--
-- Only events written before #13 change (none on a database created since). The log is otherwise
-- append-only; this adds a fact to old events and changes nothing else: each keeps its `seq`,
-- type and time, so a follower's cursor stays valid, and one that reads them again sees the
-- assignee as a newer `created` event shows it.
UPDATE events e SET data = e.data || jsonb_build_object('assignee', creation.assignee)
FROM (
    SELECT c.seq, CASE WHEN first_change.data IS NULL THEN t.assignee
                       ELSE first_change.data -> 'assignee' ->> 'from' END AS assignee
    FROM events c
    JOIN tasks t ON t.id = c.task_id
    LEFT JOIN LATERAL (
        SELECT f.data FROM events f
        WHERE f.task_id = c.task_id AND f.type IN ('assigned', 'updated') AND f.data ? 'assignee'
        ORDER BY f.seq LIMIT 1
    ) first_change ON true
    WHERE c.type = 'created' AND NOT c.data ? 'assignee'
) creation
WHERE e.seq = creation.seq AND creation.assignee IS NOT NULL;

-- The report no longer looks for first changes of assignee (migration 0017's index, used above
-- for the last time); commands stop paying for it.
DROP INDEX IF EXISTS events_assignee_changes;
