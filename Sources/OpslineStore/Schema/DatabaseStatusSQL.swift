/// The queries behind `opsline db status`. Each reads catalogs or an index's end, never a whole
/// table: the command must answer at once on a database of any size.
enum DatabaseStatusSQL {
    /// The server's version, whether it is a standby, and the database's size.
    static let server = """
        SELECT current_setting('server_version') AS version, pg_is_in_recovery() AS standby,
               pg_database_size(current_database()) AS bytes
        """

    /// Opsline's tables, largest first: the planner's row estimate (`reltuples`, -1 before the
    /// first ANALYZE) and the size with indexes and TOAST.
    static let tables = """
        SELECT c.relname AS name, c.reltuples::bigint AS rows, pg_total_relation_size(c.oid) AS bytes
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
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
