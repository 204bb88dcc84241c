/// Named queries on `due_work`, the one place time-driven work waits for its time.
enum DueWorkSQL {
    /// Claims due rows, oldest first. `SKIP LOCKED` lets every replica's scheduler claim at once
    /// without waiting on, or double-firing, rows another replica holds.
    static let claimDue = """
        SELECT id, kind, task_id, due_at, payload::text AS payload FROM due_work
        WHERE due_at <= coalesce($2::timestamptz, now())
        ORDER BY due_at
        LIMIT $1
        FOR UPDATE SKIP LOCKED
        """

    static let delete = "DELETE FROM due_work WHERE id = ANY ($1::bigint[])"

    /// Locks the claimed rows' tasks, skipping those a command holds. A command locks its task
    /// and then deletes or replaces the task's due rows; were the scheduler to wait for the task
    /// while holding those rows, the two would deadlock. Skipped rows stay due for the next look.
    static let lockFreeTasks = "SELECT id FROM tasks WHERE id = ANY ($1::text[]) FOR UPDATE SKIP LOCKED"

    /// Seconds from now (`$1`, else the wall clock) until the earliest due row (negative when
    /// overdue); NULL when none waits.
    static let secondsUntilNextDue = """
        SELECT EXTRACT(EPOCH FROM (SELECT min(due_at) FROM due_work) - coalesce($1::timestamptz, clock_timestamp()))::float8 AS seconds
        """

    /// Wakes the schedulers of every replica: new work may be due before they planned to look.
    static let announce = "SELECT pg_notify('\(NotifyChannel.due.rawValue)', '')"
}
