/// Named queries on the date rules children keep from their parents (`tasks.parent_dates`).
enum ParentDateSQL {
    /// Keeps a spawned child's rules (`$2`, `{"due_date": "launch_date - 5d"}`).
    static let keep = "UPDATE tasks SET parent_dates = $2::jsonb WHERE id = $1"

    /// The open children of `$1` that keep dates from it, by id (found through
    /// `tasks_open_children`).
    static let followers = """
        SELECT id, parent_dates::text AS parent_dates FROM tasks
        WHERE parent = $1 AND closed_at IS NULL AND parent IS NOT NULL AND parent_dates IS NOT NULL
        ORDER BY id
        """
}
