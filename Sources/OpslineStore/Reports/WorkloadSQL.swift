/// The named query behind the workload report.
enum WorkloadSQL {
    /// The report's "now": the test's instant `$3`, else the transaction's.
    private static let now = "coalesce($3::timestamptz, now())"

    /// Who holds what, per team and assignee, then each team's unassigned queue.
    ///
    /// `$1` the caller's teams, `$2` team, `$3` now (NULL: the transaction's `now()`), `$4` the
    /// at-risk horizon, `$5` the window in seconds.
    ///
    /// - Open work: open tasks by team and assignee, counted from the `tasks_open_team` index
    ///   alone (it holds `created_at` for the oldest); at risk and breached as the task list's
    ///   `at_risk` and `breached` filters say, found from the clocks (`sla_clocks_due`,
    ///   `sla_clocks_breached`), not by looking at every open task's clocks. A breach of a cycle a
    ///   restart has since replaced is history: it no longer flags the task. The two are read
    ///   apart (`UNION ALL`, a task counted once per person and flag), so "no later cycle" is a
    ///   join, not a subquery the planner prices once per clock (at a million tasks that price
    ///   alone made it compile the statement).
    /// - Assigned recently: the events that give a task an assignee within the window (the
    ///   `events_assignments` index): an `assigned` or `updated` event's `assignee.to`, or a
    ///   `created` event's `assignee` (the one the task was created with; migration 0019 wrote it
    ///   into the events from before assignment rules). Each task counts once per person. The
    ///   team is the task's team now, from its row.
    /// - Closed recently: tasks closed within the window (the `tasks_closed_at` index), by the
    ///   assignee they have.
    ///
    /// - Everyone who can be given the team's tasks (its active managers and members) has a
    ///   line, with zeros when they hold nothing: an idle person is the answer to "who can take
    ///   more?".
    ///
    /// Lines come team by team (no team last), each team's people by name, then its queue line.
    /// A team in `$1` (or `$2`, if the caller sees it) gets a queue line even when it is empty.
    static let report = """
        WITH held AS (
            SELECT t.team, t.assignee AS person, count(*) AS open, min(t.created_at) AS oldest_open_at
            FROM tasks t
            WHERE t.closed_at IS NULL AND t.assignee IS NOT NULL
              AND ($1::text[] IS NULL OR t.team = ANY ($1::text[]))
              AND ($2::text IS NULL OR t.team = $2::text)
            GROUP BY t.team, t.assignee
        ), queues AS (
            SELECT t.team, count(*) AS unassigned
            FROM tasks t
            WHERE t.closed_at IS NULL AND t.assignee IS NULL
              AND ($1::text[] IS NULL OR t.team = ANY ($1::text[]))
              AND ($2::text IS NULL OR t.team = $2::text)
            GROUP BY t.team
        ), flags AS (
            SELECT c.task_id, true AS at_risk, false AS breached FROM sla_clocks c
            WHERE \(SLAReportSQL.atRisk(clock: "c", horizon: "$4::timestamptz"))
            UNION ALL
            SELECT c.task_id, false, true FROM sla_clocks c
            WHERE c.breached_at IS NOT NULL AND \(SLAReportSQL.isCurrentCycle(clock: "c"))
        ), flagged AS (
            SELECT t.team, t.assignee AS person, count(DISTINCT f.task_id) FILTER (WHERE f.at_risk) AS at_risk,
                   count(DISTINCT f.task_id) FILTER (WHERE f.breached) AS breached
            FROM flags f JOIN tasks t ON t.id = f.task_id
            WHERE t.closed_at IS NULL AND t.assignee IS NOT NULL
              AND ($1::text[] IS NULL OR t.team = ANY ($1::text[]))
              AND ($2::text IS NULL OR t.team = $2::text)
            GROUP BY t.team, t.assignee
        ), assigned AS (
            SELECT t.team, CASE WHEN e.type = 'created' THEN e.data ->> 'assignee'
                                ELSE e.data -> 'assignee' ->> 'to' END AS person,
                   e.task_id AS id
            FROM events e JOIN tasks t ON t.id = e.task_id
            WHERE (e.type = 'created' OR (e.type IN ('assigned', 'updated') AND e.data ? 'assignee'))
              AND e.data ? 'assignee'
              AND e.at > \(now) - make_interval(secs => $5::float8) AND e.at <= \(now)
              AND ($1::text[] IS NULL OR t.team = ANY ($1::text[]))
              AND ($2::text IS NULL OR t.team = $2::text)
        ), assigned_counts AS (
            SELECT team, person, count(DISTINCT id) AS assigned_recently
            FROM assigned WHERE person IS NOT NULL
            GROUP BY team, person
        ), closed AS (
            SELECT t.team, t.assignee AS person, count(*) AS closed_recently
            FROM tasks t
            WHERE t.closed_at > \(now) - make_interval(secs => $5::float8) AND t.closed_at <= \(now)
              AND t.assignee IS NOT NULL
              AND ($1::text[] IS NULL OR t.team = ANY ($1::text[]))
              AND ($2::text IS NULL OR t.team = $2::text)
            GROUP BY t.team, t.assignee
        ), people AS (
            SELECT team, person, open, 0::bigint AS at_risk, 0::bigint AS breached, oldest_open_at,
                   0::bigint AS assigned_recently, 0::bigint AS closed_recently FROM held
            UNION ALL
            SELECT team, person, 0, at_risk, breached, NULL, 0, 0 FROM flagged
            UNION ALL
            SELECT team, person, 0, 0, 0, NULL, assigned_recently, 0 FROM assigned_counts
            UNION ALL
            SELECT team, person, 0, 0, 0, NULL, 0, closed_recently FROM closed
            UNION ALL
            SELECT m.team, m.user_name, 0, 0, 0, NULL, 0, 0
            FROM memberships m JOIN users u ON u.name = m.user_name
            WHERE m.role IN ('manager', 'member') AND u.disabled_at IS NULL
              AND ($1::text[] IS NULL OR m.team = ANY ($1::text[]))
              AND ($2::text IS NULL OR m.team = $2::text)
        ), teams AS (
            SELECT team FROM people
            UNION SELECT team FROM queues
            UNION SELECT unnest($1::text[]) WHERE $2::text IS NULL
            UNION SELECT $2::text WHERE $2::text IS NOT NULL AND ($1::text[] IS NULL OR $2::text = ANY ($1::text[]))
        )
        SELECT team, person, sum(open)::bigint AS open, sum(at_risk)::bigint AS at_risk,
               sum(breached)::bigint AS breached, min(oldest_open_at) AS oldest_open_at,
               sum(assigned_recently)::bigint AS assigned_recently, sum(closed_recently)::bigint AS closed_recently,
               NULL::bigint AS unassigned, 0 AS line_kind
        FROM people
        GROUP BY team, person
        UNION ALL
        SELECT teams.team, NULL, NULL, NULL, NULL, NULL, NULL, NULL, coalesce(queues.unassigned, 0), 1
        FROM teams LEFT JOIN queues ON queues.team IS NOT DISTINCT FROM teams.team
        ORDER BY team NULLS LAST, line_kind, person
        """
}
