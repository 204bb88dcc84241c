/// Named queries on `due_work`, the one place time-driven work waits for its time.
enum DueWorkSQL {
    /// Claims due rows, oldest first, and takes them out of `due_work`, in one statement: the
    /// rows and their tasks are locked (`FOR UPDATE … SKIP LOCKED`) and the rows deleted, so a
    /// batch costs one round trip and one pass over the rows instead of a claim, a task lock and
    /// a delete. Returned in no particular order.
    ///
    /// `SKIP LOCKED` on both tables lets every replica's scheduler claim at once without waiting
    /// on, or double-firing, rows another replica holds; and it leaves the rows of a task a
    /// command holds for a later look. A command locks its task and then deletes or replaces the
    /// task's due rows: were the scheduler to wait for the task while holding those rows, the two
    /// would deadlock. The transaction applies what it claimed before it commits: if it rolls
    /// back, the rows are back. The delete finds each row by its `ctid` (a row locked here
    /// cannot move, and `due_work` rows are never updated), not by a second probe of the key.
    static let claimDue = """
        WITH claimed AS (
            SELECT d.ctid AS row FROM due_work d JOIN tasks t ON t.id = d.task_id
            WHERE d.due_at <= coalesce($2::timestamptz, now())
            ORDER BY d.due_at
            LIMIT $1
            FOR UPDATE OF d, t SKIP LOCKED
        )
        DELETE FROM due_work d USING claimed c WHERE d.ctid = c.row
        RETURNING d.id, d.kind, d.task_id, d.due_at, d.payload::text AS payload
        """

    /// Seconds from now (`$1`, else the wall clock) until the earliest due row (negative when
    /// overdue); NULL when none waits.
    static let secondsUntilNextDue = """
        SELECT EXTRACT(EPOCH FROM (SELECT min(due_at) FROM due_work) - coalesce($1::timestamptz, clock_timestamp()))::float8 AS seconds
        """

    /// Wakes the schedulers of every replica: new work may be due before they planned to look.
    static let announce = "SELECT pg_notify('\(NotifyChannel.due.rawValue)', '')"
}
