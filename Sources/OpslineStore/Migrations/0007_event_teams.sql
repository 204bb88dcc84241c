-- Every event belongs to the team its task had when it happened, not the one the task has now
-- (docs/api.md, "The event stream"): a follower filtering by team, or seeing only its own teams,
-- keeps the events of a task that has since left its team (an escalation moved it), and the
-- team it moved to does not see the history from before it arrived. A change that moves a task
-- from one team to another belongs to both, so the team it left sees it go and the team it
-- joined sees it arrive. `teams` holds that team, or both; it is empty for a task without a team
-- (which only admins see).
ALTER TABLE events ADD COLUMN teams text[] NOT NULL DEFAULT '{}';

-- Events written before this migration are placed from the best information there is: the task's
-- own history. Every change of team is an `updated` or `assigned` event whose data holds
-- `team: {from, to}`; an event took place in the team the latest earlier such change moved the
-- task to, else in the team the next later one moved it from, else (the task never changed
-- teams) in the task's current team. Only a change of team that left no event (none does in any
-- build so far) would be missed, and its events would then count as the current team's.
UPDATE events e SET teams = placed.teams
FROM (
    SELECT x.seq,
        CASE
            WHEN moved.change IS NOT NULL THEN array_remove(ARRAY[moved.change ->> 'from', moved.change ->> 'to'], NULL)
            WHEN earlier.change IS NOT NULL THEN array_remove(ARRAY[earlier.change ->> 'to'], NULL)
            WHEN later.change IS NOT NULL THEN array_remove(ARRAY[later.change ->> 'from'], NULL)
            ELSE array_remove(ARRAY[t.team], NULL)
        END AS teams
    FROM events x
    JOIN tasks t ON t.id = x.task_id
    CROSS JOIN LATERAL (
        SELECT CASE
            WHEN x.type IN ('updated', 'assigned') AND jsonb_typeof(x.data -> 'team') = 'object' THEN x.data -> 'team'
        END AS change
    ) moved
    LEFT JOIN LATERAL (
        SELECT m.data -> 'team' AS change FROM events m
        WHERE m.task_id = x.task_id AND m.seq < x.seq AND m.type IN ('updated', 'assigned')
          AND jsonb_typeof(m.data -> 'team') = 'object'
        ORDER BY m.seq DESC LIMIT 1
    ) earlier ON true
    LEFT JOIN LATERAL (
        SELECT m.data -> 'team' AS change FROM events m
        WHERE m.task_id = x.task_id AND m.seq > x.seq AND m.type IN ('updated', 'assigned')
          AND jsonb_typeof(m.data -> 'team') = 'object'
        ORDER BY m.seq LIMIT 1
    ) later ON true
) placed
WHERE placed.seq = e.seq;
