/// Named queries that keep `flow_stretches`, the flow report's projection of the event log.
enum FlowStretchSQL {
    /// The cursor, locked for this transaction; no row when another replica holds it (it is
    /// projecting, and this one need not).
    static let lockCursor = """
        SELECT through_seq FROM flow_projection FOR UPDATE SKIP LOCKED
        """

    /// The cursor, unlocked: where the report's own reading of the events starts.
    static let cursor = """
        SELECT through_seq FROM flow_projection
        """

    /// The state an event moves its task into (`e`: a `created` or `transitioned` event).
    static let movedInto = "CASE e.type WHEN 'created' THEN e.data ->> 'state' ELSE e.data ->> 'to' END"

    /// Projects the next moves: up to `$3` of the moves after the cursor `$1` up to the frontier
    /// `$2`, in one statement. Each move becomes a stretch, ended by the task's next move in the
    /// batch; the open stretch of each moved task from before is ended by its first move here; a
    /// task entering a state it entered before marks all its stretches in that state `repeated`.
    /// One UPDATE does both to rows from before, so none is updated twice. The cursor moves to the
    /// last move read, or to the frontier when fewer than `$3` were left. Returns how many moves
    /// were projected and the new cursor.
    static let project = """
        WITH batch AS MATERIALIZED (
            SELECT e.seq, e.task_id, t.workflow, \(movedInto) AS state, e.at
            FROM events e JOIN tasks t ON t.id = e.task_id
            WHERE e.seq > $1 AND e.seq <= $2 AND e.type IN ('created', 'transitioned')
            ORDER BY e.seq
            LIMIT $3
        ), firsts AS MATERIALIZED (
            SELECT DISTINCT ON (task_id) task_id, at FROM batch ORDER BY task_id, seq
        ), pairs AS MATERIALIZED (
            SELECT task_id, state, count(*) AS n FROM batch GROUP BY task_id, state
        ), updated AS (
            UPDATE flow_stretches s
            SET left_at = coalesce(s.left_at, f.at),
                repeated = s.repeated OR (s.task_id, s.state) IN (SELECT task_id, state FROM pairs)
            FROM firsts f
            WHERE s.task_id = f.task_id
              AND (s.left_at IS NULL OR (NOT s.repeated AND (s.task_id, s.state) IN (SELECT task_id, state FROM pairs)))
            RETURNING 1
        ), inserted AS (
            INSERT INTO flow_stretches (entered_seq, task_id, workflow, state, entered_at, left_at, repeated)
            SELECT b.seq, b.task_id, b.workflow, b.state, b.at,
                   lead(b.at) OVER (PARTITION BY b.task_id ORDER BY b.seq),
                   p.n > 1 OR EXISTS (SELECT 1 FROM flow_stretches s WHERE s.task_id = b.task_id AND s.state = b.state)
            FROM batch b JOIN pairs p ON p.task_id = b.task_id AND p.state = b.state
            RETURNING 1
        ), moved AS (
            UPDATE flow_projection
            SET through_seq = CASE WHEN (SELECT count(*) FROM batch) < $3 THEN $2 ELSE (SELECT max(seq) FROM batch) END
            RETURNING through_seq
        )
        SELECT (SELECT count(*) FROM inserted) AS projected, (SELECT count(*) FROM updated) AS updated,
               (SELECT through_seq FROM moved) AS through_seq
        """

    /// One batch of pruning, after the event log's: up to `$2` stretches that ended and were
    /// entered at or before `$1` (the position the event log is pruned through) go.
    static let pruneBatch = """
        DELETE FROM flow_stretches WHERE entered_seq IN (
            SELECT entered_seq FROM flow_stretches
            WHERE entered_seq <= $1 AND left_at IS NOT NULL
            ORDER BY entered_seq
            LIMIT $2
        )
        """
}
