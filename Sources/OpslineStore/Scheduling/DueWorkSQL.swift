/// Named queries on `due_work`, the one place time-driven work waits for its time.
enum DueWorkSQL {
    /// Claims due rows, oldest first, and takes them out of `due_work`, in one statement: the
    /// rows are locked, then their tasks, then the rows of the tasks locked are deleted, so a
    /// batch costs one round trip and one pass over the rows instead of a claim, a task lock and
    /// a delete. Returned in no particular order.
    ///
    /// `SKIP LOCKED` lets every replica's scheduler, and every lane of one, claim at once without
    /// waiting on, or double-firing, rows another holds. The rows are locked before their tasks
    /// are looked up: a claim steps over the rows another lane holds at the head of the index
    /// without a probe of `tasks` for each. A command locks its task and then deletes or replaces
    /// the task's due rows: were the scheduler to wait for the task while holding those rows, the
    /// two would deadlock; so tasks are locked `SKIP LOCKED` too, and the rows of a task a command
    /// holds stay (locked until the batch ends) for a later look. The transaction applies what it
    /// claimed before it commits: if it rolls back, the rows are back. The delete finds each row
    /// by its `ctid` (a row locked here cannot move, and `due_work` rows are never updated), not
    /// by a second probe of the key. A schedule's occurrence belongs to no task: its row alone is
    /// locked.
    static let claimDue = """
        WITH due AS (
            SELECT ctid AS row, task_id FROM due_work
            WHERE due_at <= coalesce($2::timestamptz, now())
            ORDER BY due_at
            LIMIT $1
            FOR UPDATE SKIP LOCKED
        ), free AS (
            SELECT t.id FROM tasks t WHERE t.id IN (SELECT task_id FROM due) FOR UPDATE SKIP LOCKED
        )
        DELETE FROM due_work d USING due
        WHERE d.ctid = due.row AND (due.task_id IS NULL OR due.task_id IN (SELECT id FROM free))
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
