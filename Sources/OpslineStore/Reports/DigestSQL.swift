/// Named queries behind a daily digest (docs/notifications.md, "Daily digests"): its teams'
/// open breaches, clocks at risk before the next digest, and the clocks decided in the past
/// period per team.
///
/// Lists show only tasks the digest's teams see (`$1`: a task's team or its watching teams, the
/// task list's rule); `$2` workflows, `$3` priorities, `$4` policies narrow them (empty: any). Each
/// list row carries the list's whole count, so a capped list can say how many it left out.
enum DigestSQL {
    /// The filter every list shares.
    private static let visible = """
        (t.team = ANY ($1::text[]) OR t.watching_teams && $1::text[])
          AND (cardinality($2::text[]) = 0 OR t.workflow = ANY ($2::text[]))
          AND (cardinality($3::text[]) = 0 OR t.priority = ANY ($3::text[]))
          AND (cardinality($4::text[]) = 0 OR c.policy = ANY ($4::text[]))
        """

    /// Breached clocks that have not stopped, newest breach first; `$5` rows at most.
    static let openBreaches = """
        SELECT count(*) OVER () AS total, \(SLAReportSQL.clockColumns)
        FROM sla_clocks c JOIN tasks t ON t.id = c.task_id
        WHERE c.breached_at IS NOT NULL AND c.state <> 'stopped' AND \(visible)
        ORDER BY c.breached_at DESC, c.task_id DESC, c.policy DESC, c.cycle DESC
        LIMIT $5
        """

    /// Running clocks not yet breached and due by `$6`, soonest first; `$5` rows at most.
    static let atRisk = """
        SELECT count(*) OVER () AS total, \(SLAReportSQL.clockColumns)
        FROM sla_clocks c JOIN tasks t ON t.id = c.task_id
        WHERE \(SLAReportSQL.atRisk(clock: "c", horizon: "$6::timestamptz")) AND \(visible)
        ORDER BY c.due_at, c.task_id, c.policy, c.cycle
        LIMIT $5
        """

    /// Per team among `$1` that clocks are charged to: clocks met (stopped before breaching) and
    /// breached within [`$5`, `$6`), by team. A breach counts for the team that held the task
    /// when it fell due, a met clock for the one that held it when it stopped.
    static let decided = """
        WITH decided AS (
            SELECT \(SLAReportSQL.chargedTeam(clock: "c", task: "t")) AS team,
                   (c.breached_at IS NOT NULL) AS breached
            FROM sla_clocks c JOIN tasks t ON t.id = c.task_id
            WHERE ((c.breached_at >= $5::timestamptz AND c.breached_at < $6::timestamptz)
                   OR (c.breached_at IS NULL AND c.state = 'stopped'
                       AND c.stopped_at >= $5::timestamptz AND c.stopped_at < $6::timestamptz))
              AND (cardinality($2::text[]) = 0 OR t.workflow = ANY ($2::text[]))
              AND (cardinality($3::text[]) = 0 OR t.priority = ANY ($3::text[]))
              AND (cardinality($4::text[]) = 0 OR c.policy = ANY ($4::text[]))
        )
        SELECT team, count(*) FILTER (WHERE NOT breached) AS met, count(*) FILTER (WHERE breached) AS breached
        FROM decided
        WHERE team = ANY ($1::text[])
        GROUP BY team
        ORDER BY team
        """
}
