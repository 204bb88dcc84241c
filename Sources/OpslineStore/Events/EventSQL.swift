/// Named queries on the event log.
enum EventSQL {
    /// Appends several events in order (all with the actor `$3`) and notifies
    /// ``NotifyChannel/events`` with `$5` (and ``NotifyChannel/due`` when `$6`), in one round
    /// trip; `$8` stamps them instead of `now()`, `$7` holds each event's teams as a JSON array of
    /// strings. The notifications the events cause are queued in the same statement
    /// (`NotificationSQL.enqueueForAppended`), and announced on ``NotifyChannel/deliveries``.
    ///
    /// No lock orders the appends: transactions draw their seqs and commit concurrently, and
    /// readers stop at the frontier (``EventFrontierTracker``). For that, the transaction must
    /// have its id before its first seq is drawn: `xact`, a materialized CTE joined to the rows,
    /// takes it before the first row reaches the INSERT.
    static let appendMany = """
        WITH xact AS MATERIALIZED (SELECT pg_current_xact_id()), appended AS (
            INSERT INTO events (task_id, type, actor, data, at, teams)
            SELECT u.task_id, u.type, $3, u.data::jsonb, coalesce($8::timestamptz, now()),
                ARRAY(SELECT jsonb_array_elements_text(u.teams::jsonb))
            FROM xact, unnest($1::text[], $2::text[], $4::text[], $7::text[])
                WITH ORDINALITY AS u(task_id, type, data, teams, n)
            ORDER BY u.n
            RETURNING seq, task_id, type, data, teams
        ), notified AS (
            \(NotificationSQL.enqueueForAppended)
        )
        SELECT pg_notify('\(NotifyChannel.events.rawValue)', $5),
            CASE WHEN $6 THEN pg_notify('\(NotifyChannel.due.rawValue)', '') END,
            CASE WHEN EXISTS (SELECT 1 FROM notified) THEN pg_notify('\(NotifyChannel.deliveries.rawValue)', '') END,
            (SELECT count(*) FROM appended) AS appended
        """

    /// The oldest transaction id of this database still running, other than the reader's own
    /// (NULL: none), from `pg_stat_activity`, in a statement where `reference` is a 64-bit
    /// transaction id near the present. `backend_xid` is 32 bits: it is widened by its signed
    /// distance from `reference` (a running id may be above or below it).
    private static func oldestRunning(reference: String) -> String {
        """
        SELECT min(\(reference) - (mod(mod(mod(\(reference), 4294967296) - a.backend_xid::text::bigint + 2147483648,
            4294967296) + 4294967296, 4294967296) - 2147483648))
        FROM pg_stat_activity a
        WHERE a.datname = current_database() AND a.backend_xid IS NOT NULL AND a.pid <> pg_backend_pid()
        """
    }

    /// A transaction id of the reader's own, larger than every one handed out before: a hole's
    /// horizon (``EventFrontierTracker``); and the oldest transaction of this database still
    /// running once it was taken. Run on its own, so it ends at once; it writes nothing, so its
    /// commit waits for no flush.
    static let horizon = """
        WITH mine AS MATERIALIZED (SELECT pg_current_xact_id()::text::bigint AS x)
        SELECT mine.x AS xid, (\(oldestRunning(reference: "mine.x"))) AS oldest
        FROM mine
        """

    /// The last seq drawn from the events' sequence, committed or not (NULL when none was).
    static let lastDrawnSeq = """
        SELECT pg_sequence_last_value(pg_get_serial_sequence('events', 'seq')::regclass) AS seq
        """

    /// Up to `$2` seqs above `$1`, ascending (one row with a NULL seq when there is none): an
    /// index-only scan of the primary key. Each row also carries `oldest`, the oldest transaction
    /// of this database still running, read *after* the statement's snapshot was taken: good for
    /// judging the next scan, not this one; read only when `$3` (a hole or the start waits to be
    /// judged), as it copies every backend's status.
    static let scanSeqs = """
        WITH snap AS MATERIALIZED (SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS x),
        activity AS MATERIALIZED (
            SELECT CASE WHEN $3::boolean THEN (\(oldestRunning(reference: "snap.x"))) END AS oldest FROM snap
        )
        SELECT activity.oldest, e.seq
        FROM activity
        LEFT JOIN LATERAL (SELECT seq FROM events WHERE seq > $1 ORDER BY seq LIMIT $2) AS e ON true
        ORDER BY e.seq
        """

    /// One batch of pruning: the oldest `$2` events, up to (not including) the first whose time
    /// is not before `$1`, are deleted, and the position pruned through moves to the last of them.
    /// Returns how many went and that position.
    static let pruneBatch = """
        WITH kept AS (SELECT pruned_through FROM event_retention FOR UPDATE),
        batch AS (
            SELECT e.seq, e.at FROM events e, kept WHERE e.seq > kept.pruned_through ORDER BY e.seq LIMIT $2
        ),
        stop AS (SELECT min(seq) AS seq FROM batch WHERE at >= $1::timestamptz),
        deleted AS (
            DELETE FROM events WHERE seq IN (SELECT b.seq FROM batch b, stop WHERE stop.seq IS NULL OR b.seq < stop.seq)
            RETURNING seq
        ),
        moved AS (
            UPDATE event_retention SET pruned_through = (SELECT max(seq) FROM deleted)
            WHERE EXISTS (SELECT 1 FROM deleted)
            RETURNING pruned_through
        )
        SELECT (SELECT count(*) FROM deleted) AS deleted, (SELECT pruned_through FROM moved) AS through
        """

    /// The position the log was pruned through (0: never).
    static let prunedThrough = "SELECT pruned_through FROM event_retention"

    /// Events after a cursor up to the frontier `$8`, filtered; a NULL filter matches everything. The team filter (`$3`)
    /// and the caller's teams (`$6`) go by the teams each event belongs to — its task's when it
    /// happened — never by the task's team now.
    static let page = """
        SELECT \(EventRecord.columns)
        FROM events e
        WHERE e.seq > $1 AND e.seq <= $8
          AND ($2::text IS NULL OR e.task_id = $2)
          AND ($3::text IS NULL OR $3 = ANY (e.teams))
          AND ($4::text IS NULL OR EXISTS (SELECT FROM tasks t WHERE t.id = e.task_id AND t.workflow = $4))
          AND ($5::text IS NULL OR e.type = $5)
          AND ($6::text[] IS NULL OR e.teams && $6::text[])
        ORDER BY e.seq
        LIMIT $7
        """
}
