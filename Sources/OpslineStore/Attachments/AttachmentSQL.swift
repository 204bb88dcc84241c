/// Named queries on `attachments` and their chunks.
enum AttachmentSQL {
    /// A task's attachments, oldest first, as one JSON array: a column of every task query
    /// (`TaskRecord.columns`), as the clocks are (`SLASQL.clocksColumn`).
    static let column = """
        (SELECT coalesce(json_agg(json_build_object(
            'id', a.id, 'name', a.name, 'content_type', a.content_type, 'size', a.size, 'sha256', a.sha256,
            'field', a.field, 'uploaded_by', a.uploaded_by, 'uploaded_at', a.uploaded_at)
            ORDER BY a.uploaded_at, a.id), '[]'::json)
         FROM attachments a WHERE a.task_id = tasks.id)::text AS attachments
        """

    static let insert = """
        INSERT INTO attachments (id, task_id, name, content_type, size, sha256, field, uploaded_by, uploaded_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, coalesce($9::timestamptz, now()))
        RETURNING id, task_id, name, content_type, size, sha256, field, uploaded_by, uploaded_at
        """

    static let insertChunk = "INSERT INTO attachment_chunks (attachment_id, n, data) VALUES ($1, $2, $3::bytea)"

    /// One attachment of a task (`$1` task, `$2` attachment id).
    static let select = """
        SELECT id, task_id, name, content_type, size, sha256, field, uploaded_by, uploaded_at
        FROM attachments WHERE task_id = $1 AND id = $2
        """

    /// The chunk `$2` of attachment `$1`.
    static let chunk = "SELECT data FROM attachment_chunks WHERE attachment_id = $1 AND n = $2"
}
