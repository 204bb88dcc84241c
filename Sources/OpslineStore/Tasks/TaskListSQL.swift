import Postgres

/// Named queries behind `GET /v1/tasks`: one keyset page per order (``TaskSort``), the place of
/// the task a list resumes after, and the count of the tasks a filter matches.
///
/// Every query of the list shares ``filters`` and its parameters `$1`–`$13` (``filterParameters``);
/// a NULL parameter matches everything. The statements are put together from the fixed fragments
/// below, never from input.
enum TaskListSQL {
    /// A task's searchable words: its title and its string-valued fields, as `simple` full-text
    /// lexemes. Spelled exactly as the expression of the `tasks_search` index (migration 0009),
    /// which the planner then uses.
    static let searchDocument = """
        (to_tsvector('simple'::regconfig, tasks.title) \
        || jsonb_to_tsvector('simple'::regconfig, tasks.fields, '["string"]'::jsonb))
        """

    /// The query of a search text `$13`: every word it holds, each as a word or a word's start
    /// (`'refund':* & 'acme':*`). The words are those PostgreSQL's own parser finds, so the text
    /// is read as the documents are: the text's `tsvector`, printed (`'acme':2 'refund':1`, each
    /// word quoted and escaped as `to_tsquery` reads it, so no input is read as its syntax), its
    /// positions replaced by `:*` and the words joined by `&`. A text without a word is no query
    /// (NULL), which matches nothing.
    ///
    /// Only immutable functions of `$13`, not a subquery: the planner folds the whole expression
    /// into a constant query before planning, so it can estimate from the index's statistics how
    /// many tasks hold the words: a rare word is looked up in `tasks_search`, a common one found
    /// by walking the list's order (a subquery's value is unknown when planning, and a rare word
    /// then cost a scan of every task).
    static let searchQuery = """
        to_tsquery('simple'::regconfig, nullif(replace(
            regexp_replace(to_tsvector('simple'::regconfig, $13::text)::text, chr(39) || ':[0-9A-D,]+', chr(39) || ':*', 'g'),
            ':* ' || chr(39), ':* & ' || chr(39)), ''))
        """

    /// The filters: `$1` workflow, `$2` state, `$3` team, `$4` assignee, `$5` the caller's teams,
    /// `$6` priority, `$7` parent, `$8` open, `$9` breached (a policy's current cycle breached: a
    /// breach of a cycle a restart has since replaced is history), `$10` unassigned, `$11` at risk by
    /// (a horizon), `$12` field conditions (a JSON array with, per condition, the array of
    /// patterns any of which the fields contain), `$13` search text.
    ///
    /// The two clock filters are spelled per `filter` (``clockFilters(_:)``): whether they apply is
    /// known before the statement is written, and only a condition on the clocks that stands on
    /// its own (not inside `$9 IS NULL OR …`) lets the planner start from the few clocks that
    /// breached or fall due, through their indexes, rather than test every task of the list.
    static func filters(_ filter: TaskFilter) -> String {
        "\(commonFilters)\n  AND \(clockFilters(filter))"
    }

    /// `$9` breached and `$11` at risk by, each as a join with the clocks when the filter is set
    /// and as a test of its NULL parameter otherwise (every parameter appears in the statement,
    /// so PostgreSQL knows each one's type). The text is chosen by the same `filter` the
    /// parameters come from, so each variant only ever runs with the value it is written for.
    static func clockFilters(_ filter: TaskFilter) -> String {
        let breached =
            switch filter.breached {
            case nil: "$9::bool IS NULL"
            case true?: "$9::bool AND tasks.id IN (\(breachedTasks))"
            case false?: "NOT $9::bool AND tasks.id NOT IN (\(breachedTasks))"
            }
        let atRisk =
            filter.atRiskBy == nil
            ? "$11::timestamptz IS NULL"
            : """
            tasks.id IN (SELECT c.task_id FROM sla_clocks c \
            WHERE \(SLAReportSQL.atRisk(clock: "c", horizon: "$11::timestamptz")))
            """
        return "\(breached)\n  AND \(atRisk)"
    }

    /// The ids of the tasks with a breached clock: its policy's current cycle (a breach of a cycle
    /// a restart has since replaced is history). From `sla_clocks_breached`, however many clocks.
    private static let breachedTasks = """
        SELECT c.task_id FROM sla_clocks c WHERE c.breached_at IS NOT NULL \
        AND \(SLAReportSQL.isCurrentCycle(clock: "c"))
        """

    /// The filters but the clock filters (``filters(_:)``).
    private static let commonFilters = """
        ($1::text IS NULL OR tasks.workflow = $1::text)
          AND ($2::text IS NULL OR tasks.state = $2::text)
          AND ($3::text IS NULL OR tasks.team = $3::text)
          AND ($4::text IS NULL OR tasks.assignee = $4::text)
          AND ($5::text[] IS NULL OR tasks.team = ANY ($5::text[]) OR tasks.watching_teams && $5::text[])
          AND ($6::text IS NULL OR tasks.priority = $6::text)
          AND ($7::text IS NULL OR tasks.parent = $7::text)
          AND ($8::bool IS NULL OR (tasks.closed_at IS NULL) = $8::bool)
          AND ($10::bool IS NULL OR (tasks.assignee IS NULL) = $10::bool)
          AND ($12::jsonb IS NULL OR NOT EXISTS (
                SELECT 1 FROM jsonb_array_elements($12::jsonb) AS condition (patterns)
                WHERE NOT EXISTS (
                    SELECT 1 FROM jsonb_array_elements(condition.patterns) AS alternative (pattern)
                    WHERE tasks.fields @> alternative.pattern)))
          AND ($13::text IS NULL OR \(searchDocument) @@ \(searchQuery))
        """

    /// How many tasks `filter` matches.
    static func count(_ filter: TaskFilter) -> String { "SELECT count(*) AS total FROM tasks WHERE \(filters(filter))" }

    /// A task's most urgent SLA deadline: the soonest `due_at` of its running clocks (only a
    /// policy's current cycle runs), a breached one counting at its breach; `infinity` (after
    /// every other) without a running clock.
    static let dueKey = """
        coalesce((SELECT min(coalesce(c.due_at, c.breached_at)) FROM sla_clocks c
                  WHERE c.task_id = tasks.id AND c.state = 'running'), 'infinity'::timestamptz)
        """

    /// A priority's rank: `pN` ranks N, anything else after every `pN`.
    static let priorityRank = """
        CASE WHEN tasks.priority ~ '^p[0-9]{1,9}$' THEN substring(tasks.priority FROM 2)::integer \
        ELSE 2147483647 END
        """

    /// The order keys each sort selects as `key1`…`key3`, after `row_id` (NULL: unused), and how
    /// many of them the cursor carries (`$16`… in ``page(_:)``). A field order reads its field's
    /// name from parameter `$<parameter>` and an enum's values from the next one
    /// (``sortParameters(_:)``).
    private static func keys(_ sort: TaskSort, parameter: Int) -> (columns: String, count: Int) {
        switch sort {
        case .oldestFirst, .created: ("NULL::text AS key1, NULL::text AS key2, NULL::text AS key3", 0)
        case .updated: ("tasks.updated_at AS key1, NULL::text AS key2, NULL::text AS key3", 1)
        case .due: ("\(dueKey) AS key1, NULL::text AS key2, NULL::text AS key3", 1)
        case .priority:
            ("tasks.priority IS NULL AS key1, \(priorityRank) AS key2, coalesce(tasks.priority, '') AS key3", 3)
        case .field(let order):
            (FieldOrderSQL(order, parameter: parameter).columns, FieldOrderSQL.keyCount)
        }
    }

    /// How many cursor keys a sort's page takes after the row id.
    static func keyCount(_ sort: TaskSort) -> Int { keys(sort, parameter: 0).count }

    /// The parameters a sort's order keys read, after the cursor's: a field order's field name
    /// and, for an enum or bool, its values in order.
    static func sortParameters(_ sort: TaskSort) -> [any PostgresBindable] {
        guard case .field(let order) = sort else { return [] }
        guard case .ranked(let values) = order.comparison else { return [order.name] }
        return [order.name, values]
    }

    /// Rows after the cursor (`$15` row id, `$16`… keys; NULL `$15`: from the start), and the
    /// order. Each order is total: the row id breaks every tie.
    private static func keyset(_ sort: TaskSort) -> (after: String, order: String) {
        switch sort {
        case .oldestFirst: ("($15::bigint IS NULL OR row_id > $15::bigint)", "row_id")
        case .created: ("($15::bigint IS NULL OR row_id < $15::bigint)", "row_id DESC")
        case .updated:
            ("($15::bigint IS NULL OR (key1, row_id) < ($16::timestamptz, $15::bigint))", "key1 DESC, row_id DESC")
        case .due: ("($15::bigint IS NULL OR (key1, row_id) > ($16::timestamptz, $15::bigint))", "key1, row_id")
        case .priority:
            (
                "($15::bigint IS NULL OR (key1, key2, key3, row_id) > ($16::bool, $17::integer, $18::text, $15::bigint))",
                "key1, key2, key3, row_id"
            )
        case .field(let order): FieldOrderSQL(order, parameter: 0).keyset
        }
    }

    /// One keyset page of `filter`'s tasks in its sort's order: `$14` the page size, `$15`… the cursor,
    /// then the sort's parameters (``sortParameters(_:)``). Each row
    /// carries its own cursor (`row_id`, `cursor1`…`cursor3`).
    static func page(_ filter: TaskFilter) -> String {
        let (after, order) = keyset(filter.sort)
        let keys = keys(filter.sort, parameter: 16 + keyCount(filter.sort))
        return """
            SELECT listed.*, key1::text AS cursor1, key2::text AS cursor2, key3::text AS cursor3
            FROM (
                SELECT row_id, \(TaskRecord.columns), \(keys.columns)
                FROM tasks
                WHERE \(filters(filter))
            ) listed
            WHERE \(after)
            ORDER BY \(order)
            LIMIT $14
            """
    }

    /// The cursor of task `$1` in `sort`'s order, to resume after it (`$2`…: the sort's
    /// parameters).
    static func cursor(_ sort: TaskSort) -> String {
        """
        SELECT row_id, key1::text AS cursor1, key2::text AS cursor2, key3::text AS cursor3
        FROM (SELECT row_id, \(keys(sort, parameter: 2).columns) FROM tasks WHERE tasks.id = $1) placed
        """
    }
}
