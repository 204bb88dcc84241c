/// The named query behind the flow report: how long a workflow's tasks spend in each state.
enum FlowReportSQL {
    /// Time in each state, derived from the event log. Every `created` (into `data.state`) and
    /// `transitioned` (into `data.to`) event starts a stretch in a state, which the task's next
    /// such event ends (`LEAD` over its events in `seq` order). A stretch still open counts until
    /// now, except one in a final state (`$7`, the workflow's final states in any version): the
    /// task rests there, closed, and resting is not waiting, so a final state's line counts the
    /// tasks that ended there, with no time (`final`). Stretches are summed per task and state,
    /// then aggregated per state: the states tasks move through, most time first, then the final
    /// states by name.
    ///
    /// A report for every team reads only the events: a task's id is its workflow's key, a dash
    /// and a number, so the key picks the workflow's events without a join over every task —
    /// unless a key this workflow used was also another's (keys can change between versions),
    /// when each event's task is looked up. `teamFiltered` joins the tasks instead, for their
    /// team. Either way a period reads its own moves (`events_moves`), not the whole history.
    ///
    /// `$1` workflow; `$2`/`$3` stretches entered at or after / before (events from before `$2`
    /// are not read); `$4` team; `$5` the caller's teams; `$6` now; `$7` final states.
    static let timeInStatesOfEveryTeam = timeInStates(teamFiltered: false)
    /// ``timeInStatesOfEveryTeam`` for the tasks of a team or of the caller's teams.
    static let timeInStatesOfTeams = timeInStates(teamFiltered: true)

    private static func timeInStates(teamFiltered: Bool) -> String {
        """
        WITH \(teamFiltered ? movesOfTeams : movesByKey), stretches AS (
            SELECT task_id, state, at AS entered_at,
                   lead(at) OVER (PARTITION BY task_id ORDER BY seq) AS left_at
            FROM moves
        ), per_task AS (
            -- Grouped task first: stretches come ordered by task, so the grouping sorts only
            -- within each task's few rows.
            SELECT task_id, state, count(*) AS visits,
                   bool_or(left_at IS NULL AND state = ANY ($7::text[])) AS final,
                   sum(CASE WHEN left_at IS NULL AND state = ANY ($7::text[]) THEN 0
                            ELSE extract(epoch FROM coalesce(left_at, $6::timestamptz, now()) - entered_at)
                       END)::float8 AS seconds
            FROM stretches
            WHERE ($2::timestamptz IS NULL OR entered_at >= $2::timestamptz)
              AND ($3::timestamptz IS NULL OR entered_at < $3::timestamptz)
            GROUP BY task_id, state
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

    /// The state an event moves its task into.
    private static let movedInto = "CASE e.type WHEN 'created' THEN e.data ->> 'state' ELSE e.data ->> 'to' END"

    /// Only stretches entered at or after $2 count, and each such stretch is ended by a later
    /// event: older events need not be read. (A day's margin: an event's time is its
    /// transaction's start, so one that commits later may carry a slightly earlier one.)
    private static let movesInPeriod = """
        e.type IN ('created', 'transitioned')
              AND ($2::timestamptz IS NULL OR e.at >= $2::timestamptz - interval '1 day')
        """

    /// The workflow's moves picked by their tasks' key (`KEY-n`), with no team filter.
    private static let movesByKey = """
        keys AS MATERIALIZED (
            SELECT array_agg(DISTINCT v.key || '-') AS prefixes,
                   bool_or(EXISTS (
                       SELECT 1 FROM workflow_versions o WHERE o.key = v.key AND o.workflow <> v.workflow
                   )) AS shared
            FROM workflow_versions v WHERE v.workflow = $1::text
        ), moves AS (
            SELECT e.task_id, e.seq, e.at, \(movedInto) AS state
            FROM keys, events e
            WHERE rtrim(e.task_id, '0123456789') = ANY (keys.prefixes)
              AND (NOT keys.shared OR EXISTS (SELECT 1 FROM tasks t WHERE t.id = e.task_id AND t.workflow = $1::text))
              AND \(movesInPeriod)
              AND $4::text IS NULL AND $5::text[] IS NULL
        )
        """

    /// The workflow's moves of tasks of a team (`$4`) or the caller's teams (`$5`).
    private static let movesOfTeams = """
        moves AS (
            SELECT e.task_id, e.seq, e.at, \(movedInto) AS state
            FROM tasks t JOIN events e ON e.task_id = t.id
            WHERE t.workflow = $1::text
              AND ($4::text IS NULL OR t.team = $4::text)
              AND ($5::text[] IS NULL OR t.team = ANY ($5::text[]))
              AND \(movesInPeriod)
        )
        """
}
