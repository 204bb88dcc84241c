/// Named queries on the planned occurrences of schedules: `due_work` rows of kind `schedule`,
/// which belong to no task (found through `due_work_task` by `task_id IS NULL`).
enum ScheduleSQL {
    private static let occurrences = "task_id IS NULL AND kind = 'schedule'"

    /// Drops the occurrences planned for a workflow's (`$1`) schedules that it no longer has, or
    /// times otherwise: `$2` holds `name<TAB>timing` of each schedule it has now.
    static let dropStale = """
        DELETE FROM due_work
        WHERE \(occurrences) AND payload->>'workflow' = $1
          AND NOT ((payload->>'schedule') || E'\\t' || (payload->>'timing')) = ANY($2::text[])
        """

    /// Plans the next occurrence (`$2`, a JSON array of `{key, due_at, payload}`) of each of a
    /// workflow's (`$1`) schedules that has none planned with its timing. One already planned is
    /// kept: restarting a server, or publishing a version that times the schedule the same, does
    /// not move or skip it.
    static let planMissing = """
        INSERT INTO due_work (kind, task_id, due_at, payload, occurrence_key)
        SELECT 'schedule', NULL, o.due_at, o.payload, o.key
        FROM jsonb_to_recordset($2::jsonb) AS o(key text, due_at timestamptz, payload jsonb)
        WHERE NOT EXISTS (
            SELECT 1 FROM due_work d
            WHERE d.\(occurrences) AND d.payload->>'workflow' = $1
              AND d.payload->>'schedule' = o.payload->>'schedule' AND d.payload->>'timing' = o.payload->>'timing')
        ON CONFLICT (occurrence_key) WHERE occurrence_key IS NOT NULL DO NOTHING
        """

    /// Plans one occurrence: `$1` its instant, `$2` its payload, `$3` its key.
    static let planNext = """
        INSERT INTO due_work (kind, task_id, due_at, payload, occurrence_key)
        VALUES ('schedule', NULL, $1, $2::jsonb, $3)
        ON CONFLICT (occurrence_key) WHERE occurrence_key IS NOT NULL DO NOTHING
        """

    /// Every planned occurrence, soonest first.
    static let planned = """
        SELECT payload->>'workflow' AS workflow, payload->>'schedule' AS schedule,
               payload->>'timing' AS timing, due_at
        FROM due_work WHERE \(occurrences)
        ORDER BY due_at, id
        """
}
