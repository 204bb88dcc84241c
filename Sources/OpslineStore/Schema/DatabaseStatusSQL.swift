/// The queries behind `opsline db status`. Each reads catalogs or an index's end, never a whole
/// table: the command must answer at once on a database of any size.
enum DatabaseStatusSQL {
    /// The server's version, whether it is a standby, and the database's size.
    static let server = """
        SELECT current_setting('server_version') AS version, pg_is_in_recovery() AS standby,
               pg_database_size(current_database()) AS bytes
        """

    /// Opsline's tables, largest first: estimated rows (`reltuples` as of the last ANALYZE, the
    /// statistics' live rows before the first, as `/metrics` reads them) and the size with
    /// indexes and TOAST.
    static let tables = """
        SELECT c.relname AS name,
            (CASE WHEN c.reltuples >= 0 THEN c.reltuples ELSE coalesce(s.n_live_tup, 0) END)::float8 AS rows,
            pg_total_relation_size(c.oid)::float8 AS bytes
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
        WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()
        ORDER BY bytes DESC, name
        """

    /// The event log's last `seq` (0 when empty), from the primary key's end.
    static let lastEventSeq = "SELECT coalesce(max(seq), 0) AS seq FROM events"

    /// Time-driven work: how much waits, how much is due by `$1` (NULL: now), and the earliest
    /// due time (the primary key's and `due_work_due_at`'s ends).
    static let dueWork = """
        SELECT count(*) AS waiting, count(*) FILTER (WHERE due_at <= coalesce($1::timestamptz, now())) AS due,
               min(due_at) AS oldest_due_at
        FROM due_work
        """
}
