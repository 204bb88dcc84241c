/// The sum a roll-up field keeps.
enum RollupSQL {
    /// The sum of field `$3` over the children of `$1` of workflow `$2` that have a number there;
    /// NULL when none has.
    static let sum = """
        SELECT sum((fields ->> $3::text)::numeric)::float8 AS sum FROM tasks
        WHERE parent = $1 AND workflow = $2 AND jsonb_typeof(fields -> $3::text) = 'number'
        """
}
