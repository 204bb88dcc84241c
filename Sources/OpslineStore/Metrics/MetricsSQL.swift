/// The reads behind the gauges of `/metrics`: cheap ones at scrape time, table sizes from the
/// catalog's estimates by a background sampler.
enum MetricsSQL {
    /// Due rows now (`$1`, else the wall clock), how overdue the oldest is in seconds (0 when
    /// none is), and the log head (the newest committed `seq`). Each is an index range or an
    /// index end: `due_work_due_at` and the `events` primary key.
    static let live = """
        SELECT (SELECT count(*) FROM due_work WHERE due_at <= coalesce($1::timestamptz, now())) AS due_now,
            greatest(0, coalesce(EXTRACT(EPOCH FROM coalesce($1::timestamptz, clock_timestamp())
                - (SELECT min(due_at) FROM due_work))::float8, 0)) AS oldest_overdue_seconds,
            (SELECT coalesce(max(seq), 0) FROM events) AS log_head
        """

    /// Estimated rows and bytes (with indexes and TOAST) of the tables that grow with use:
    /// `reltuples` as of the last `ANALYZE`/`VACUUM` (the statistics' live rows before the
    /// first), never a `count(*)`.
    static let tableSizes = """
        SELECT c.relname AS name,
            (CASE WHEN c.reltuples >= 0 THEN c.reltuples ELSE coalesce(s.n_live_tup, 0) END)::float8 AS rows,
            pg_total_relation_size(c.oid)::float8 AS bytes
        FROM pg_class c
        LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
        WHERE c.oid = ANY (ARRAY[
            to_regclass('events'), to_regclass('idempotency_keys'), to_regclass('tasks'),
            to_regclass('due_work'), to_regclass('deliveries')]::oid[])
        ORDER BY c.relname
        """
}
