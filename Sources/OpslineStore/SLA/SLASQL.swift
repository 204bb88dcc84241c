/// Named queries on `sla_clocks` and the clocks' due steps.
enum SLASQL {
    /// A task's clocks, every cycle, as one JSON array: a column of every task query
    /// (`TaskRecord.columns`), so that loading a task loads its clocks without another round trip.
    /// Built as `json`, not `jsonb`: it only goes out as text, and `jsonb` would build a binary
    /// object (sorting its keys, turning each float into a numeric) to print it at once, which
    /// made loading a thousand tasks cost a third more CPU.
    static let clocksColumn = """
        (SELECT coalesce(json_agg(json_build_object(
            'policy', c.policy, 'cycle', c.cycle, 'calendar', c.calendar, 'state', c.state, 'started_at', c.started_at,
            'target_s', c.target_s, 'worked_s', c.worked_s, 'running_since', c.running_since,
            'warned_at', c.warned_at, 'breached_at', c.breached_at, 'stopped_at', c.stopped_at,
            'escalation_level', c.escalation_level, 'breached_team', c.breached_team,
            'breached_assignee', c.breached_assignee, 'stopped_team', c.stopped_team,
            'stopped_assignee', c.stopped_assignee)
            ORDER BY c.policy, c.cycle), '[]'::json)
         FROM sla_clocks c WHERE c.task_id = tasks.id)::text AS sla
        """

    /// Saves changed clocks (`$1`, a JSON array of rows, each with its `task_id`) and replaces
    /// their waiting steps in `due_work` with the next ones (`$2`, a JSON array of
    /// `{task_id, due_at, payload}`), in one statement: a command that moves clocks costs one
    /// extra round trip, not one per clock, and the scheduler saves a whole batch's clocks at once.
    /// A `(task_id, policy, cycle)` may appear only once in `$1`. A policy's waiting steps are
    /// replaced whatever their cycle: only its latest cycle can run.
    static let saveClocks = """
        WITH changed AS (
            SELECT * FROM jsonb_to_recordset($1::jsonb) AS c(
                task_id text, policy text, cycle integer, calendar text, state text, started_at timestamptz, target_s float8,
                worked_s float8, running_since timestamptz, warned_at timestamptz, breached_at timestamptz,
                stopped_at timestamptz, escalation_level integer, due_at timestamptz, breached_team text,
                breached_assignee text, stopped_team text, stopped_assignee text)
        ), saved AS (
            INSERT INTO sla_clocks AS s (task_id, policy, cycle, calendar, state, started_at, target_s, worked_s,
                running_since, warned_at, breached_at, stopped_at, escalation_level, due_at, breached_team,
                breached_assignee, stopped_team, stopped_assignee)
            SELECT task_id, policy, cycle, calendar, state, started_at, target_s, worked_s, running_since, warned_at,
                breached_at, stopped_at, escalation_level, due_at, breached_team, breached_assignee, stopped_team,
                stopped_assignee
            FROM changed
            ON CONFLICT (task_id, policy, cycle) DO UPDATE SET
                calendar = excluded.calendar, state = excluded.state, target_s = excluded.target_s, worked_s = excluded.worked_s,
                running_since = excluded.running_since, warned_at = excluded.warned_at,
                breached_at = excluded.breached_at, stopped_at = excluded.stopped_at,
                escalation_level = excluded.escalation_level, due_at = excluded.due_at,
                breached_team = excluded.breached_team, breached_assignee = excluded.breached_assignee,
                stopped_team = excluded.stopped_team, stopped_assignee = excluded.stopped_assignee
            RETURNING 1
        ), cleared AS (
            -- `= ANY (ARRAY(…))` gives the planner the task ids up front, so it reads them from
            -- due_work_task; joining on task_id alone, it scanned every 'sla' row of due_work.
            DELETE FROM due_work d USING changed c
            WHERE d.task_id = ANY (ARRAY(SELECT task_id FROM changed))
                AND d.task_id = c.task_id AND d.kind = 'sla' AND d.payload ->> 'policy' = c.policy
            RETURNING 1
        ), scheduled AS (
            INSERT INTO due_work (kind, task_id, due_at, payload)
            SELECT 'sla', n.task_id, n.due_at, n.payload
            FROM jsonb_to_recordset($2::jsonb) AS n(task_id text, due_at timestamptz, payload jsonb)
            RETURNING 1
        )
        SELECT (SELECT count(*) FROM saved) AS saved
        """
}
