/// The named query behind the flow report: how long a workflow's tasks spend in each state.
enum FlowReportSQL {
    /// Time in each state, derived from the event log. Every `created` (into `data.state`) and
    /// `transitioned` (into `data.to`) event starts a stretch in a state, which the task's next
    /// such event ends (`LEAD` over its events in `seq` order). A stretch still open counts until
    /// now, except the last one of a closed task: resting in a final state is not waiting, so a
    /// final state's line counts the tasks that ended there, with no time (`final`). Stretches
    /// are summed per task and state, then aggregated per state: the states tasks move through,
    /// most time first, then the final states by name.
    ///
    /// `$1` workflow; `$2`/`$3` stretches entered at or after / before (events from before `$2`
    /// are not read); `$4` team; `$5` the caller's teams.
    ///
    /// The period's moves are read from `events_moves` (migration 0018) without their tasks; the
    /// tasks are read once each, by key, after the stretches are summed per task and state (a
    /// task's moves all belong to its workflow and team, so filtering on them after the window
    /// changes nothing). Joining every move with its task instead made PostgreSQL scan all the
    /// tasks at a million of them (Benchmarks/data-scale.sh).
    static let timeInStates = """
        WITH moves AS (
            SELECT e.task_id, e.seq, e.at,
                   CASE e.type WHEN 'created' THEN e.data ->> 'state' ELSE e.data ->> 'to' END AS state
            FROM events e
            WHERE e.type IN ('created', 'transitioned')
              -- Only stretches entered at or after $2 count, and each such stretch is ended by a
              -- later event: older events need not be read. (A day's margin: an event's time is
              -- its transaction's start, so one that commits later may carry a slightly earlier one.)
              AND ($2::timestamptz IS NULL OR e.at >= $2::timestamptz - interval '1 day')
        ), stretches AS (
            SELECT task_id, state, at AS entered_at,
                   lead(at) OVER (PARTITION BY task_id ORDER BY seq) AS left_at
            FROM moves
        ), visits AS (
            -- Per task and state: the stretches that ended, and when the task's last one began
            -- when it is in this state (it has not left it, as far as the log says).
            SELECT state, task_id, count(*) AS visits,
                   coalesce(sum(extract(epoch FROM left_at - entered_at)), 0)::float8 AS ended_s,
                   max(entered_at) FILTER (WHERE left_at IS NULL) AS still_since
            FROM stretches
            WHERE ($2::timestamptz IS NULL OR entered_at >= $2::timestamptz)
              AND ($3::timestamptz IS NULL OR entered_at < $3::timestamptz)
            GROUP BY state, task_id
        ), listed AS MATERIALIZED (
            -- The tasks reported on, each looked up once by its key.
            SELECT t.id, t.closed_at FROM tasks t
            WHERE t.id IN (SELECT task_id FROM visits)
              AND t.workflow = $1::text
              AND ($4::text IS NULL OR t.team = $4::text)
              AND ($5::text[] IS NULL OR t.team = ANY ($5::text[]))
        ), per_task AS (
            SELECT v.state, v.visits, v.still_since IS NOT NULL AND l.closed_at IS NOT NULL AS final,
                   v.ended_s + CASE WHEN v.still_since IS NULL OR l.closed_at IS NOT NULL THEN 0
                       ELSE extract(epoch FROM coalesce($6::timestamptz, now()) - v.still_since)::float8 END AS seconds
            FROM visits v JOIN listed l ON l.id = v.task_id
        )
        SELECT state, bool_or(final) AS final, count(*) AS tasks, sum(visits) AS visits, sum(seconds) AS total_s,
               avg(seconds) AS avg_s,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS p50_s,
               percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) AS p90_s
        FROM per_task
        GROUP BY state
        ORDER BY bool_or(final), total_s DESC, state
        """
}
