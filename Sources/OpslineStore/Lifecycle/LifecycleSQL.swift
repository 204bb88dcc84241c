/// Named queries for what happens as a task enters and leaves states: timers and child tasks.
enum LifecycleSQL {
    /// Schedules a workflow timer: `$2` seconds from the transaction's start.
    static let scheduleTimer = """
        INSERT INTO due_work (kind, task_id, due_at, payload)
        VALUES ('timer', $1, coalesce($4::timestamptz, now()) + make_interval(secs => $2::double precision), $3::jsonb)
        """

    /// A task's waiting timers, soonest first.
    static let timersOfTask = """
        SELECT payload->>'state' AS state, payload->>'fire' AS fire, due_at
        FROM due_work WHERE task_id = $1 AND kind = 'timer'
        ORDER BY due_at, id
        """

    /// Cancels a task's timers (they belong to the state it leaves).
    static let cancelTimers = "DELETE FROM due_work WHERE task_id = $1 AND kind = 'timer'"

    /// A task's children that are not finished, oldest first.
    static let openChildren = """
        SELECT id FROM tasks WHERE parent = $1 AND closed_at IS NULL ORDER BY row_id
        """

    /// A task's children owned by one of the teams `$2` (NULL: any), oldest first.
    static let children = """
        SELECT id FROM tasks
        WHERE parent = $1 AND ($2::text[] IS NULL OR team = ANY ($2::text[]) OR watching_teams && $2::text[])
        ORDER BY row_id
        """
}
