/// The breakdown report in one statement: every name it groups or measures by is a parameter,
/// never part of the text.
enum BreakdownSQL {
    /// The key of dimension `$n`: a column, a field's text, or NULL when the slot is unused.
    private static func key(_ parameter: Int) -> String {
        """
        CASE $\(parameter)::text
            WHEN 'team' THEN t.team WHEN 'assignee' THEN t.assignee
            WHEN 'state' THEN t.state WHEN 'priority' THEN t.priority
            ELSE t.fields->>$\(parameter)::text END
        """
    }

    /// `$1` workflow, `$2`…`$4` dimensions (NULL past the last), `$5` measured fields, `$6`/`$7`
    /// created from/to, `$8` team, `$9` the caller's teams (NULL: every team). One row per group:
    /// its keys, its tasks and open tasks, and each measure's count, avg, min, max and sum over
    /// the tasks that have a value. Most tasks first.
    static let groups = """
        WITH base AS (
            SELECT \(key(2)) AS k1, \(key(3)) AS k2, \(key(4)) AS k3, t.closed_at, t.fields
            FROM tasks t
            WHERE t.workflow = $1
              AND ($6::timestamptz IS NULL OR t.created_at >= $6) AND ($7::timestamptz IS NULL OR t.created_at < $7)
              AND ($8::text IS NULL OR t.team = $8) AND ($9::text[] IS NULL OR t.team = ANY ($9))
        ), grouped AS (
            SELECT k1, k2, k3, count(*) AS tasks, count(*) FILTER (WHERE closed_at IS NULL) AS open
            FROM base GROUP BY k1, k2, k3
        ), measured AS (
            SELECT b.k1, b.k2, b.k3, m.name,
                   jsonb_build_object('count', count(v.value), 'avg', avg(v.value), 'min', min(v.value),
                                      'max', max(v.value), 'sum', sum(v.value)) AS stats
            FROM base b
            CROSS JOIN unnest($5::text[]) AS m(name)
            CROSS JOIN LATERAL (
                SELECT CASE WHEN jsonb_typeof(b.fields -> m.name) = 'number' THEN (b.fields ->> m.name)::numeric END
                    AS value
            ) v
            GROUP BY b.k1, b.k2, b.k3, m.name
        )
        SELECT g.k1, g.k2, g.k3, g.tasks, g.open,
               coalesce((SELECT jsonb_object_agg(ms.name, ms.stats) FROM measured ms
                         WHERE ms.k1 IS NOT DISTINCT FROM g.k1 AND ms.k2 IS NOT DISTINCT FROM g.k2
                           AND ms.k3 IS NOT DISTINCT FROM g.k3), '{}'::jsonb)::text AS measures
        FROM grouped g
        ORDER BY g.tasks DESC, g.k1 NULLS LAST, g.k2 NULLS LAST, g.k3 NULLS LAST
        """
}
