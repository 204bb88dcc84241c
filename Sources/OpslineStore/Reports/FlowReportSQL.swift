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
    static let timeInStates = """
        WITH moves AS (
            SELECT e.task_id, e.seq, e.at, t.closed_at,
                   CASE e.type WHEN 'created' THEN e.data ->> 'state' ELSE e.data ->> 'to' END AS state
            FROM tasks t JOIN events e ON e.task_id = t.id
            WHERE t.workflow = $1::text
              AND ($4::text IS NULL OR t.team = $4::text)
              AND ($5::text[] IS NULL OR t.team = ANY ($5::text[]))
              AND e.type IN ('created', 'transitioned')
              -- Only stretches entered at or after $2 count, and each such stretch is ended by a
              -- later event: older events need not be read. (A day's margin: an event's time is
              -- its transaction's start, so one that commits later may carry a slightly earlier one.)
              AND ($2::timestamptz IS NULL OR e.at >= $2::timestamptz - interval '1 day')
        ), stretches AS (
            SELECT task_id, state, at AS entered_at, closed_at,
                   lead(at) OVER (PARTITION BY task_id ORDER BY seq) AS left_at
            FROM moves
        ), per_task AS (
            SELECT state, task_id, count(*) AS visits,
                   bool_or(left_at IS NULL AND closed_at IS NOT NULL) AS final,
                   sum(CASE WHEN left_at IS NULL AND closed_at IS NOT NULL THEN 0
                            ELSE extract(epoch FROM coalesce(left_at, $6::timestamptz, now()) - entered_at)
                       END)::float8 AS seconds
            FROM stretches
            WHERE ($2::timestamptz IS NULL OR entered_at >= $2::timestamptz)
              AND ($3::timestamptz IS NULL OR entered_at < $3::timestamptz)
            GROUP BY state, task_id
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
