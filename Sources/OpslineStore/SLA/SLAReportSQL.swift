/// Named queries behind managers' SLA views: breaches, clocks at risk, compliance by group.
///
/// Breaches and clocks at risk are keyset pages over the partial indexes of `sla_clocks`
/// (`sla_clocks_breached`, `sla_clocks_due`): each page is one index range scan, however many
/// clocks there are. Cursors are the order's columns as PostgreSQL printed them (timestamps as
/// text keep their microseconds). A NULL filter matches everything.
enum SLAReportSQL {
    /// The columns of a clock and of the task it runs on, as `TaskClockRecord(row:)` reads them.
    static let clockColumns = """
        t.id, t.title, t.workflow, t.team, t.assignee, t.priority, t.state AS task_state, t.closed_at,
        c.policy, c.state, c.started_at, c.target_s, c.worked_s, c.running_since, c.warned_at, c.breached_at,
        c.stopped_at, c.escalation_level, c.due_at
        """

    /// One page of breached clocks, newest breach first (ties by task id and policy, descending).
    /// `$1`–`$3`: the cursor (breached_at, task id, policy) of the last row seen; `$4` team,
    /// `$5` workflow, `$6` policy, `$7` breached at or after, `$8` open (true: the clock has not
    /// stopped; false: it has), `$9` the caller's teams, `$10` the page size.
    static let breachesPage = """
        SELECT c.breached_at::text AS cursor_at, \(clockColumns)
        FROM sla_clocks c JOIN tasks t ON t.id = c.task_id
        WHERE c.breached_at IS NOT NULL
          AND ($1::timestamptz IS NULL OR c.breached_at <= $1::timestamptz)
          AND ($1::timestamptz IS NULL OR (c.breached_at, c.task_id, c.policy) < ($1::timestamptz, $2::text, $3::text))
          AND ($4::text IS NULL OR t.team = $4::text)
          AND ($5::text IS NULL OR t.workflow = $5::text)
          AND ($6::text IS NULL OR c.policy = $6::text)
          AND ($7::timestamptz IS NULL OR c.breached_at >= $7::timestamptz)
          AND ($8::bool IS NULL OR (c.state <> 'stopped') = $8::bool)
          AND ($9::text[] IS NULL OR t.team = ANY ($9::text[]))
        ORDER BY c.breached_at DESC, c.task_id DESC, c.policy DESC
        LIMIT $10
        """

    /// Whether the clock `clock` (an alias of `sla_clocks`) is at risk by `horizon` (an SQL
    /// timestamptz): running, not yet breached, its deadline at or before the horizon. The one
    /// definition of "at risk" for the at-risk view, the task list's `at_risk` filter and the
    /// workload report.
    static func atRisk(clock: String, horizon: String) -> String {
        "\(clock).due_at IS NOT NULL AND \(clock).due_at <= \(horizon) AND \(clock).state = 'running' "
            + "AND \(clock).breached_at IS NULL"
    }

    /// One page of running, not yet breached clocks due by `$1`, soonest first (ties by task id
    /// and policy). `$2`–`$4`: the cursor (due_at, task id, policy) of the last row seen; `$5`
    /// team, `$6` workflow, `$7` policy, `$8` the caller's teams, `$9` the page size.
    static let atRiskPage = """
        SELECT c.due_at::text AS cursor_at, \(clockColumns)
        FROM sla_clocks c JOIN tasks t ON t.id = c.task_id
        WHERE \(atRisk(clock: "c", horizon: "$1::timestamptz"))
          AND ($2::timestamptz IS NULL OR c.due_at >= $2::timestamptz)
          AND ($2::timestamptz IS NULL OR (c.due_at, c.task_id, c.policy) > ($2::timestamptz, $3::text, $4::text))
          AND ($5::text IS NULL OR t.team = $5::text)
          AND ($6::text IS NULL OR t.workflow = $6::text)
          AND ($7::text IS NULL OR c.policy = $7::text)
          AND ($8::text[] IS NULL OR t.team = ANY ($8::text[]))
        ORDER BY c.due_at, c.task_id, c.policy
        LIMIT $9
        """

    /// Clocks counted per group. `$1`–`$3`: whether to group by team, workflow, policy (a
    /// dimension not grouped by reads NULL); `$4`/`$5` clocks started at or after / before;
    /// `$6` team, `$7` workflow, `$8` the caller's teams; `$9`–`$11` the dimension names to sort
    /// by, in order (NULL: none). Met: stopped before breaching; breached: breached, stopped or
    /// not; running: neither yet (running or paused). Percentiles are over the working seconds
    /// that stopped clocks used.
    static let compliance = """
        WITH clocks AS (
            SELECT CASE WHEN $1::bool THEN t.team END AS team,
                   CASE WHEN $2::bool THEN t.workflow END AS workflow,
                   CASE WHEN $3::bool THEN c.policy END AS policy,
                   c.state, c.breached_at, c.worked_s
            FROM sla_clocks c JOIN tasks t ON t.id = c.task_id
            WHERE ($4::timestamptz IS NULL OR c.started_at >= $4::timestamptz)
              AND ($5::timestamptz IS NULL OR c.started_at < $5::timestamptz)
              AND ($6::text IS NULL OR t.team = $6::text)
              AND ($7::text IS NULL OR t.workflow = $7::text)
              AND ($8::text[] IS NULL OR t.team = ANY ($8::text[]))
        ), groups AS (
            SELECT team, workflow, policy,
                   count(*) AS total,
                   count(*) FILTER (WHERE state = 'stopped' AND breached_at IS NULL) AS met,
                   count(*) FILTER (WHERE breached_at IS NOT NULL) AS breached,
                   count(*) FILTER (WHERE state <> 'stopped' AND breached_at IS NULL) AS running,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY worked_s) FILTER (WHERE state = 'stopped') AS p50_s,
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY worked_s) FILTER (WHERE state = 'stopped') AS p90_s
            FROM clocks
            GROUP BY team, workflow, policy
        )
        SELECT team, workflow, policy, total, met, breached, running,
               round(met::numeric / nullif(met + breached, 0), 4)::float8 AS compliance, p50_s, p90_s
        FROM groups
        ORDER BY CASE $9::text WHEN 'team' THEN team WHEN 'workflow' THEN workflow WHEN 'policy' THEN policy END,
                 CASE $10::text WHEN 'team' THEN team WHEN 'workflow' THEN workflow WHEN 'policy' THEN policy END,
                 CASE $11::text WHEN 'team' THEN team WHEN 'workflow' THEN workflow WHEN 'policy' THEN policy END
        """
}
