/// The named query behind the flow report: how long a workflow's tasks spend in each state.
enum FlowReportSQL {
    /// Time in each state. Every `created` (into `data.state`) and `transitioned` (into
    /// `data.to`) event starts a stretch in a state, which the task's next such event ends. A
    /// stretch still open counts until now, except one in a final state (`$7`, the workflow's
    /// final states in any version): the task rests there, closed, and resting is not waiting, so
    /// a final state's line counts the tasks that ended there, with no time (`final`). Stretches
    /// are summed per task and state, then aggregated per state: the states tasks move through,
    /// most time first, then the final states by name.
    ///
    /// The stretches up to the projection's cursor `$8` come ready-made from `flow_stretches`
    /// (``FlowProjection``); the moves after it are read from the events here (`tail`), and the
    /// first of a task's ends its stretch the projection still has open. Read this way the report
    /// is exact whatever the projection's lag, and costs what the tail costs: nothing once the
    /// projection keeps up, a read of the period's moves while it fills after an upgrade. Only
    /// stretches a task entered more than once (`repeated`, or again in the tail) are summed per
    /// task; every other is one task's whole time in its state already.
    ///
    /// `$1` workflow; `$2`/`$3` stretches entered at or after / before; `$4` team; `$5` the
    /// caller's teams; `$6` now; `$7` final states; `$8` the projection's cursor.
    static let timeInStatesOfEveryTeam = timeInStates(teamFiltered: false)
    /// ``timeInStatesOfEveryTeam`` for the tasks of a team or of the caller's teams.
    static let timeInStatesOfTeams = timeInStates(teamFiltered: true)

    private static func timeInStates(teamFiltered: Bool) -> String {
        """
        WITH tail AS MATERIALIZED (
            SELECT e.task_id, e.seq, e.at, \(FlowStretchSQL.movedInto) AS state
            FROM events e JOIN tasks t ON t.id = e.task_id
            WHERE e.seq > $8 AND t.workflow = $1::text AND \(teamFilter)
              AND e.type IN ('created', 'transitioned')
              -- Only stretches entered at or after $2 count, and each is ended by a later move:
              -- older moves need not be read. (A day's margin: an event's time is its
              -- transaction's start, so one that commits later may carry a slightly earlier one.)
              AND ($2::timestamptz IS NULL OR e.at >= $2::timestamptz - interval '1 day')
        ), tail_stretches AS MATERIALIZED (
            SELECT task_id, state, at AS entered_at,
                   lead(at) OVER (PARTITION BY task_id ORDER BY seq) AS left_at,
                   row_number() OVER (PARTITION BY task_id ORDER BY seq) = 1 AS first
            FROM tail
        ), stretches AS (
            SELECT s.task_id, s.state, s.entered_at, coalesce(s.left_at, f.entered_at) AS left_at,
                   s.repeated OR (s.task_id, s.state) IN (SELECT task_id, state FROM tail) AS repeated
            FROM flow_stretches s
            \(teamFiltered ? "JOIN tasks t ON t.id = s.task_id AND \(teamFilter)" : "")
            LEFT JOIN tail_stretches f ON s.left_at IS NULL AND f.first AND f.task_id = s.task_id
            WHERE s.workflow = $1::text AND s.entered_seq <= $8 AND \(period("s.entered_at"))
            UNION ALL
            SELECT task_id, state, entered_at, left_at, true FROM tail_stretches WHERE \(period("entered_at"))
        ), timed AS (
            SELECT task_id, state, repeated, left_at IS NULL AND state = ANY ($7::text[]) AS final,
                   CASE WHEN left_at IS NULL AND state = ANY ($7::text[]) THEN 0
                        ELSE extract(epoch FROM coalesce(left_at, $6::timestamptz, now()) - entered_at)
                   END::float8 AS seconds
            FROM stretches
        ), per_task AS (
            SELECT state, 1::bigint AS visits, final, seconds FROM timed WHERE NOT repeated
            UNION ALL
            SELECT state, count(*), bool_or(final), sum(seconds) FROM timed WHERE repeated GROUP BY task_id, state
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

    /// The task `t` is of the team `$4` and of the caller's teams `$5` (either NULL: any).
    private static let teamFilter = """
        ($4::text IS NULL OR t.team = $4::text) AND ($5::text[] IS NULL OR t.team = ANY ($5::text[]))
        """

    /// A stretch entered (`column`) within the period `$2` … `$3`.
    private static func period(_ column: String) -> String {
        "($2::timestamptz IS NULL OR \(column) >= $2::timestamptz) AND ($3::timestamptz IS NULL OR \(column) < $3::timestamptz)"
    }
}
