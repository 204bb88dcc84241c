/// The records lookup fields read (``FieldLookup``): open tasks of a workflow matched by a field.
enum LookupSQL {
    /// The newest open task of workflow `$1` whose fields contain `$2` (`{"customer": "ACME"}`)
    /// and that has field `$3`: its id and that field's value as JSON text.
    static let record = """
        SELECT id, (fields -> $3::text)::text AS value FROM tasks
        WHERE workflow = $1 AND fields @> $2::jsonb AND closed_at IS NULL AND fields ? $3::text
        ORDER BY row_id DESC LIMIT 1
        """

    /// ``record`` for many lookups at once, `$1`–`$4` arrays of the same length (workflow, match
    /// as JSON text, field): per lookup found, its position (`wanted`, from 1), the record's id
    /// and the field's value. One statement for a whole batch's new tasks.
    static let records = """
        SELECT DISTINCT ON (w.wanted) w.wanted, t.id, (t.fields -> w.field)::text AS value
        FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS w (workflow, match, field, wanted)
        JOIN tasks t ON t.workflow = w.workflow AND t.fields @> w.match::jsonb AND t.closed_at IS NULL
            AND t.fields ? w.field
        ORDER BY w.wanted, t.row_id DESC
        """
}
