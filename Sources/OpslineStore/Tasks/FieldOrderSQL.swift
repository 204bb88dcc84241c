/// The order keys and keyset condition of a ``FieldOrder`` in ``TaskListSQL``: `key1` whether the
/// task lacks a value (those come last), `key2` the value, or its rank for an enum or bool.
///
/// The field's name is a parameter (`$<parameter>`, and an enum's values the next one), never
/// part of the text: the statement is the same for every field of one kind.
struct FieldOrderSQL {
    /// How many keys the cursor carries: `key1` and `key2`.
    static let keyCount = 2

    let order: FieldOrder
    /// The number of the parameter holding the field's name.
    let parameter: Int

    init(_ order: FieldOrder, parameter: Int) {
        self.order = order
        self.parameter = parameter
    }

    /// `key1`…`key3` of the list's inner select.
    var columns: String {
        "\(value) IS NULL AS key1, coalesce(\(value), \(zero)) AS key2, NULL::text AS key3"
    }

    /// Rows after the cursor (`$15` row id, `$16` key1, `$17` key2), and the order: missing values
    /// last, the value either way, ties oldest first.
    var keyset: (after: String, order: String) {
        let key2 = "$17::\(keyType)"
        guard order.descending else {
            return (
                "($15::bigint IS NULL OR (key1, key2, row_id) > ($16::bool, \(key2), $15::bigint))",
                "key1, key2, row_id"
            )
        }
        return (
            """
            ($15::bigint IS NULL OR key1 > $16::bool OR (key1 = $16::bool AND \
            (key2 < \(key2) OR (key2 = \(key2) AND row_id > $15::bigint))))
            """,
            "key1, key2 DESC, row_id"
        )
    }

    /// The field's value as its type compares, NULL when the task has none of that type.
    private var value: String {
        let name = "$\(parameter)::text"
        return switch order.comparison {
        case .number:
            "(CASE WHEN jsonb_typeof(tasks.fields -> \(name)) = 'number' THEN (tasks.fields ->> \(name))::numeric END)"
        case .text: "(CASE WHEN jsonb_typeof(tasks.fields -> \(name)) = 'string' THEN tasks.fields ->> \(name) END)"
        case .ranked: "array_position($\(parameter + 1)::text[], tasks.fields ->> \(name))"
        }
    }

    /// What stands in for a missing value in `key2` (`key1` already puts those last).
    private var zero: String {
        switch order.comparison {
        case .number: "0::numeric"
        case .text: "''::text"
        case .ranked: "0"
        }
    }

    /// The type of `key2`, to read the cursor's printed key back.
    private var keyType: String {
        switch order.comparison {
        case .number: "numeric"
        case .text: "text"
        case .ranked: "integer"
        }
    }
}
