/// Named queries on who took the steps `not_by:` guards name (`tasks.signatures`).
enum SignatureSQL {
    /// The signatures of task `$1`, as JSON text (NULL when none is kept).
    static let read = "SELECT signatures::text AS signatures FROM tasks WHERE id = $1"

    /// Records that `$3` took step `$2` (`created` or a transition) on task `$1`.
    static let sign = """
        UPDATE tasks SET signatures = coalesce(signatures, '{}'::jsonb) || jsonb_build_object($2::text, $3::text)
        WHERE id = $1
        """
}
