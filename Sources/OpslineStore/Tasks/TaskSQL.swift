/// Named queries on `tasks`, `task_counters` and `events`.
enum TaskSQL {
    static let nextNumber = """
        INSERT INTO task_counters AS c (key, last_number) VALUES ($1, 1)
        ON CONFLICT (key) DO UPDATE SET last_number = c.last_number + 1
        RETURNING last_number
        """

    static let insertTask = """
        INSERT INTO tasks (
            id, workflow, workflow_version, state, title, priority, team, assignee, fields, parent, created_at,
            updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, coalesce($11::timestamptz, now()),
            coalesce($11::timestamptz, now()))
        RETURNING \(TaskRecord.columns)
        """

    /// Also reads the command's time (`$2`, else the transaction's `now()`), the time every write
    /// of the command stamps.
    static let lockTask = """
        SELECT \(TaskRecord.columns), coalesce($2::timestamptz, now()) AS transaction_now
        FROM tasks WHERE id = $1 FOR UPDATE
        """

    static let selectTask = "SELECT \(TaskRecord.columns) FROM tasks WHERE id = $1"

    /// `lockTask` for the tasks of a batch's lines at once (`CommandTransaction.lockTasks`), locked
    /// in id order.
    static let lockTasks = """
        SELECT \(TaskRecord.columns), coalesce($2::timestamptz, now()) AS transaction_now
        FROM tasks WHERE id = ANY ($1::text[]) ORDER BY id FOR UPDATE
        """

    static let selectTasks = "SELECT \(TaskRecord.columns) FROM tasks WHERE id = ANY ($1::text[])"

    /// Moves tasks (`$1`, a JSON array of `{id, state, fields, closing, priority, at}`, each
    /// task once; `at` null for the transaction's `now()`). Returns nothing: the caller knows the
    /// rows it writes (`TaskRecord.moved`), so the write can go out with the commit, and the
    /// moves of a batch's lines held back together become one statement
    /// (`PostgresConnection.sendWithNext(_:mergingJSONArrays:)`).
    static let applyTransitions = """
        WITH moved AS (
            SELECT * FROM jsonb_to_recordset($1::jsonb)
                AS m(id text, state text, fields jsonb, closing boolean, priority text, at timestamptz)
        )
        UPDATE tasks SET state = moved.state, fields = moved.fields, priority = moved.priority,
            version = tasks.version + 1, updated_at = coalesce(moved.at, now()),
            closed_at = CASE WHEN moved.closing THEN coalesce(moved.at, now()) ELSE NULL END
        FROM moved
        -- `= ANY (ARRAY(…))` makes the planner read the tasks by key, however many rows it guesses.
        WHERE tasks.id = moved.id AND tasks.id = ANY (ARRAY(SELECT id FROM moved))
        """

    static let applyUpdate = """
        UPDATE tasks SET title = $2, assignee = $3, team = $4, priority = $5, fields = $6::jsonb,
            watching_teams = $8::text[], version = version + 1, updated_at = coalesce($7::timestamptz, now())
        WHERE id = $1
        RETURNING \(TaskRecord.columns)
        """

    /// Saves a task's checklist ticks (`$2`), a change like any other: a new version, stamped `$3`.
    static let applyChecks = """
        UPDATE tasks SET checks = $2::jsonb, version = version + 1, updated_at = coalesce($3::timestamptz, now())
        WHERE id = $1
        RETURNING \(TaskRecord.columns)
        """

    /// One page of a task's events after `$2`, oldest first.
    static let taskEventsPage = """
        SELECT \(EventRecord.columns) FROM events e
        WHERE e.task_id = $1 AND e.seq > $2 ORDER BY e.seq LIMIT $3
        """
}
