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
        c.policy, c.cycle, c.calendar, c.state, c.started_at, c.target_s, c.worked_s, c.running_since, c.warned_at,
        c.breached_at, c.stopped_at, c.escalation_level, c.due_at, c.breached_team, c.breached_assignee,
        c.stopped_team, c.stopped_assignee
        """

    /// The team clock `clock` counts for, on task `task` (aliases of `sla_clocks` and `tasks`):
    /// for a breach, the team that held the task when it fell due; for a met clock, the team that
    /// held it when it stopped; for a clock still running, the task's team now. The one definition
    /// of `SLAClock.chargedTeam(current:)` in SQL.
    static func chargedTeam(clock: String, task: String) -> String {
        "CASE WHEN \(clock).breached_at IS NOT NULL THEN \(clock).breached_team "
            + "WHEN \(clock).state = 'stopped' THEN \(clock).stopped_team ELSE \(task).team END"
    }

    /// Whether clock `clock` is its policy's current cycle on its task: no later cycle started.
    /// Earlier cycles are history: what a task's state says about its SLAs now (breached, at
    /// risk, due) is said by its current cycles.
    static func isCurrentCycle(clock: String) -> String {
        "NOT EXISTS (SELECT 1 FROM sla_clocks later WHERE later.task_id = \(clock).task_id "
            + "AND later.policy = \(clock).policy AND later.cycle > \(clock).cycle)"
    }

    /// One page of breached clocks, newest breach first (ties by task id, policy and cycle,
    /// descending). `$1`–`$3`, `$11`: the cursor (breached_at, task id, policy, cycle) of the last
    /// row seen; `$4` team (the team the breach is charged to: the one that held the task when it
    /// fell due), `$5` workflow, `$6` policy, `$7` breached at or after, `$8` open (true: the clock
    /// has not stopped; false: it has), `$9` the caller's teams (a breach is seen by the team it
    /// is charged to and by the team that has the task now), `$10` the page size.
    static let breachesPage = """
        SELECT c.breached_at::text AS cursor_at, \(clockColumns)
        FROM sla_clocks c JOIN tasks t ON t.id = c.task_id
        WHERE c.breached_at IS NOT NULL
          AND ($1::timestamptz IS NULL OR c.breached_at <= $1::timestamptz)
          AND ($1::timestamptz IS NULL OR (c.breached_at, c.task_id, c.policy, c.cycle)
                < ($1::timestamptz, $2::text, $3::text, $11::integer))
          AND ($4::text IS NULL OR c.breached_team = $4::text)
          AND ($5::text IS NULL OR t.workflow = $5::text)
          AND ($6::text IS NULL OR c.policy = $6::text)
          AND ($7::timestamptz IS NULL OR c.breached_at >= $7::timestamptz)
          AND ($8::bool IS NULL OR (c.state <> 'stopped') = $8::bool)
          AND ($9::text[] IS NULL OR t.team = ANY ($9::text[]) OR c.breached_team = ANY ($9::text[])
               OR t.watching_teams && $9::text[])
        ORDER BY c.breached_at DESC, c.task_id DESC, c.policy DESC, c.cycle DESC
        LIMIT $10
        """

    /// Whether the clock `clock` (an alias of `sla_clocks`) is at risk by `horizon` (an SQL
    /// timestamptz): running, not yet breached, its deadline at or before the horizon. The one
    /// definition of "at risk" for the at-risk view, the task list's `at_risk` filter and the
    /// workload report. Only a policy's current cycle can be running.
    static func atRisk(clock: String, horizon: String) -> String {
        "\(clock).due_at IS NOT NULL AND \(clock).due_at <= \(horizon) AND \(clock).state = 'running' "
            + "AND \(clock).breached_at IS NULL"
    }

    /// One page of running, not yet breached clocks due by `$1`, soonest first (ties by task id,
    /// policy and cycle). `$2`–`$4`, `$10`: the cursor (due_at, task id, policy, cycle) of the last
    /// row seen; `$5` team, `$6` workflow, `$7` policy, `$8` the caller's teams, `$9` the page size.
    static let atRiskPage = """
        SELECT c.due_at::text AS cursor_at, \(clockColumns)
        FROM sla_clocks c JOIN tasks t ON t.id = c.task_id
        WHERE \(atRisk(clock: "c", horizon: "$1::timestamptz"))
          AND ($2::timestamptz IS NULL OR c.due_at >= $2::timestamptz)
          AND ($2::timestamptz IS NULL OR (c.due_at, c.task_id, c.policy, c.cycle)
                > ($2::timestamptz, $3::text, $4::text, $10::integer))
          AND ($5::text IS NULL OR t.team = $5::text)
          AND ($6::text IS NULL OR t.workflow = $6::text)
          AND ($7::text IS NULL OR c.policy = $7::text)
          AND ($8::text[] IS NULL OR t.team = ANY ($8::text[]) OR t.watching_teams && $8::text[])
        ORDER BY c.due_at, c.task_id, c.policy, c.cycle
        LIMIT $9
        """

    /// Clocks counted per group, each cycle a clock of its own. `$1`–`$3`, `$12`: whether to group
    /// by team, workflow, policy, cycle (a dimension not grouped by reads NULL); `$4`/`$5` clocks
    /// started at or after / before; `$6` team, `$7` workflow, `$8` the caller's teams;
    /// `$9`–`$11`, `$13` the dimension names to sort by, in order (NULL: none).
    ///
    /// A clock counts for the team it is charged to (``chargedTeam(clock:task:)``): a breach for
    /// the team that held the task when it fell due, however far an escalation moved the task
    /// since; the team filter and the caller's teams select by that team too (or, for the
    /// caller's teams, by the task's team now). Met: stopped before breaching; breached:
    /// breached, stopped or not; running: neither yet (running or paused). Percentiles are over
    /// the working seconds that stopped clocks used. A period's clocks are read from the
    /// `sla_clocks_started` index (migration 0017).
    ///
    /// A breached or stopped clock names the team it is charged to itself: its task is read only
    /// for what the clock does not say — the team of a clock still running, the workflow (grouped
    /// or filtered by) and the task's team now (the caller's teams). So the common report, by
    /// team and policy for every team, looks up the tasks of its running clocks alone, by key,
    /// rather than joining all of a period's clocks with every task (a scan of `tasks`: twice
    /// the time at a million tasks, Benchmarks/data-scale.sh). The two halves of `charged` never
    /// hold the same clock.
    static let compliance = """
        WITH charged AS (
            SELECT CASE WHEN c.breached_at IS NOT NULL THEN c.breached_team ELSE c.stopped_team END AS charged_team,
                   NULL::text AS task_team, NULL::text AS workflow, c.policy, c.cycle, c.state, c.breached_at, c.worked_s
            FROM sla_clocks c
            WHERE ($4::timestamptz IS NULL OR c.started_at >= $4::timestamptz)
              AND ($5::timestamptz IS NULL OR c.started_at < $5::timestamptz)
              AND (c.breached_at IS NOT NULL OR c.state = 'stopped')
              AND NOT $2::bool AND $7::text IS NULL AND $8::text[] IS NULL
            UNION ALL
            SELECT \(chargedTeam(clock: "c", task: "t")) AS charged_team, t.team AS task_team, t.workflow,
                   c.policy, c.cycle, c.state, c.breached_at, c.worked_s
            FROM sla_clocks c JOIN tasks t ON t.id = c.task_id
            WHERE ($4::timestamptz IS NULL OR c.started_at >= $4::timestamptz)
              AND ($5::timestamptz IS NULL OR c.started_at < $5::timestamptz)
              AND ($7::text IS NULL OR t.workflow = $7::text)
              AND ((c.breached_at IS NULL AND c.state <> 'stopped')
                   OR $2::bool OR $7::text IS NOT NULL OR $8::text[] IS NOT NULL)
        ), clocks AS (
            SELECT CASE WHEN $1::bool THEN charged_team END AS team,
                   CASE WHEN $2::bool THEN workflow END AS workflow,
                   CASE WHEN $3::bool THEN policy END AS policy,
                   CASE WHEN $12::bool THEN cycle END AS cycle,
                   state, breached_at, worked_s
            FROM charged
            WHERE ($6::text IS NULL OR charged_team = $6::text)
              AND ($8::text[] IS NULL OR task_team = ANY ($8::text[]) OR charged_team = ANY ($8::text[]))
        ), groups AS (
            SELECT team, workflow, policy, cycle,
                   count(*) AS total,
                   count(*) FILTER (WHERE state = 'stopped' AND breached_at IS NULL) AS met,
                   count(*) FILTER (WHERE breached_at IS NOT NULL) AS breached,
                   count(*) FILTER (WHERE state <> 'stopped' AND breached_at IS NULL) AS running,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY worked_s) FILTER (WHERE state = 'stopped') AS p50_s,
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY worked_s) FILTER (WHERE state = 'stopped') AS p90_s
            FROM clocks
            GROUP BY team, workflow, policy, cycle
        )
        SELECT team, workflow, policy, cycle, total, met, breached, running,
               round(met::numeric / nullif(met + breached, 0), 4)::float8 AS compliance, p50_s, p90_s
        FROM groups
        ORDER BY \(sortKey("$9")), \(sortKey("$10")), \(sortKey("$11")), \(sortKey("$13"))
        """

    /// The sort key of the dimension named by parameter `parameter` (NULL: none): a text
    /// dimension's value, then the cycle's number (a cycle sorts as a number, not as text).
    private static func sortKey(_ parameter: String) -> String {
        "CASE \(parameter)::text WHEN 'team' THEN team WHEN 'workflow' THEN workflow WHEN 'policy' THEN policy END, "
            + "CASE WHEN \(parameter)::text = 'cycle' THEN cycle END"
    }
}
