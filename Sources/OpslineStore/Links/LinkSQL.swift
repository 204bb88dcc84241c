/// Named queries on `task_links`.
enum LinkSQL {
    /// Makes the link `$1` `$2` `$3` (already in its stored form: `relates_to` lower id first),
    /// by `$4` at `$5`; returns a row only when it is new.
    static let insert = """
        INSERT INTO task_links (task_id, type, other_id, created_by, created_at)
        VALUES ($1, $2, $3, $4, coalesce($5::timestamptz, now()))
        ON CONFLICT DO NOTHING
        RETURNING task_id
        """

    /// Removes the link `$1` `$2` `$3` (in its stored form); returns a row when there was one.
    static let delete = "DELETE FROM task_links WHERE task_id = $1 AND type = $2 AND other_id = $3 RETURNING task_id"

    /// Task `$1`'s links both ways to the tasks the teams `$2` see (NULL: every task), oldest
    /// first: `caused_by` seen from the other side reads `causes`, `relates_to` the same either way.
    static let links = """
        SELECT l.type, l.task, l.created_by, l.created_at
        FROM (
            SELECT type, other_id AS task, created_by, created_at FROM task_links WHERE task_id = $1
            UNION ALL
            SELECT CASE type WHEN 'caused_by' THEN 'causes' ELSE type END, task_id, created_by, created_at
            FROM task_links WHERE other_id = $1
        ) l JOIN tasks t ON t.id = l.task
        WHERE $2::text[] IS NULL OR t.team = ANY ($2::text[]) OR t.watching_teams && $2::text[]
        ORDER BY l.created_at, l.task
        """
}
