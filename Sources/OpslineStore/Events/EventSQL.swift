/// Named queries on the event log.
enum EventSQL {
    /// The transaction-scoped lock under which events get their `seq` (held until commit).
    static let logLockKey: Int64 = 0x6f70_735f_6576_656e  // "ops_even"

    /// Takes the event-log lock, appends several events in order (all with the actor `$3`) and
    /// notifies ``NotifyChannel/events`` with `$6` (and ``NotifyChannel/due`` when `$7`), in one
    /// round trip; `$8` stamps them instead of `now()`: the lock is held until commit, so every
    /// statement after it lengthens the serialised part of every writer's transaction. `$9` holds
    /// each event's teams as a JSON array of strings. The notifications the events cause are queued
    /// in the same statement (`NotificationSQL.enqueueForAppended`), and announced on
    /// ``NotifyChannel/deliveries``.
    ///
    /// The lock comes from a materialized CTE joined to the rows, so it is taken before the first
    /// row reaches the INSERT and gets its `seq`.
    static let appendMany = """
        WITH log_lock AS MATERIALIZED (SELECT pg_advisory_xact_lock($5)), appended AS (
            INSERT INTO events (task_id, type, actor, data, at, teams)
            SELECT u.task_id, u.type, $3, u.data::jsonb, coalesce($8::timestamptz, now()),
                ARRAY(SELECT jsonb_array_elements_text(u.teams::jsonb))
            FROM log_lock, unnest($1::text[], $2::text[], $4::text[], $9::text[])
                WITH ORDINALITY AS u(task_id, type, data, teams, n)
            ORDER BY u.n
            RETURNING seq, task_id, type, data, teams
        ), notified AS (
            \(NotificationSQL.enqueueForAppended)
        )
        SELECT pg_notify('\(NotifyChannel.events.rawValue)', $6),
            CASE WHEN $7 THEN pg_notify('\(NotifyChannel.due.rawValue)', '') END,
            CASE WHEN EXISTS (SELECT 1 FROM notified) THEN pg_notify('\(NotifyChannel.deliveries.rawValue)', '') END,
            (SELECT count(*) FROM appended) AS appended
        """

    /// Events after a cursor, filtered; a NULL filter matches everything. The team filter (`$3`)
    /// and the caller's teams (`$6`) go by the teams each event belongs to — its task's when it
    /// happened — never by the task's team now.
    static let page = """
        SELECT \(EventRecord.columns)
        FROM events e JOIN tasks t ON t.id = e.task_id
        WHERE e.seq > $1
          AND ($2::text IS NULL OR e.task_id = $2)
          AND ($3::text IS NULL OR $3 = ANY (e.teams))
          AND ($4::text IS NULL OR t.workflow = $4)
          AND ($5::text IS NULL OR e.type = $5)
          AND ($6::text[] IS NULL OR e.teams && $6::text[])
        ORDER BY e.seq
        LIMIT $7
        """

    static let lastSeq = "SELECT coalesce(max(seq), 0) AS seq FROM events"
}
