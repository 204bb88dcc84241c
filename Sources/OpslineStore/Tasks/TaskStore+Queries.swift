import Postgres
import Workflow

extension TaskStore {
    /// Rows fetched per round trip when streaming lists.
    static let pageSize = 200

    /// One task by id.
    public func task(_ id: String) async throws -> TaskRecord {
        let row = try await pool.withIdempotentStatements { try await $0.query(TaskSQL.selectTask, [id]).first }
        guard let row else { throw StoreError.taskNotFound(id) }
        return try TaskRecord(row: row)
    }

    /// The tasks with these ids that exist, by id, in one round trip (whoever's they are: for
    /// the server's own work, such as rendering notifications).
    public func tasks(_ ids: [String]) async throws -> [String: TaskRecord] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await pool.withIdempotentStatements { try await $0.query(TaskSQL.selectTasks, [ids]).rows }
        return Dictionary(
            try rows.map {
                let task = try TaskRecord(row: $0); return (task.id, task)
            }
        ) { first, _ in first }
    }

    /// The ids of a task's children (tasks whose `parent` it is, spawned or created so) that
    /// `scope` sees, oldest first; empty for a task without children.
    public func children(of id: String, scope: TeamScope) async throws -> [String] {
        let rows = try await pool.withIdempotentStatements {
            try await $0.query(LifecycleSQL.children, [id, scope.visibleTeams]).rows
        }
        return try rows.map { try $0.decode("id", as: String.self) }
    }

    /// Tasks matching `filter`, in `filter.sort`'s order (oldest first by default), fetched page
    /// by page as the consumer reads: memory stays bounded however many tasks match.
    ///
    /// `filter.after` resumes after that task's place in the order, as it is when the list starts.
    public func list(_ filter: TaskFilter) async throws -> KeysetSequence<TaskRecord, TaskListCursor> {
        let start = try await filter.after.asyncMap { after in
            let row = try await pool.withIdempotentStatements {
                try await $0.query(
                    TaskListSQL.cursor(filter.sort),
                    [after as any PostgresBindable] + TaskListSQL.sortParameters(filter.sort)
                ).first
            }
            guard let row else { throw StoreError.unknownReference(field: "after", value: after) }
            return try TaskListCursor(row: row)
        }
        let (sql, keyCount) = (TaskListSQL.page(filter), TaskListSQL.keyCount(filter.sort))
        let (filters, sorting) = (filterParameters(filter), TaskListSQL.sortParameters(filter.sort))
        return KeysetSequence<TaskRecord, TaskListCursor>(pageSize: Self.pageSize, limit: filter.limit) {
            [pool] remaining, last in
            let cursor = last ?? start
            let parameters: [any PostgresBindable] =
                filters + [min(remaining, Self.pageSize), cursor?.rowID]
                + (0..<keyCount).map { index in cursor.flatMap { $0.keys[index] } } + sorting
            let rows = try await pool.withIdempotentStatements { try await $0.query(sql, parameters).rows }
            return try rows.map { (try TaskRecord(row: $0), try TaskListCursor(row: $0)) }
        }
    }

    /// How many tasks `filter` matches, whatever its `limit` and `after`.
    public func count(_ filter: TaskFilter) async throws -> Int {
        let parameters = filterParameters(filter)
        let row = try await pool.withIdempotentStatements {
            try await $0.query(TaskListSQL.count(filter), parameters).first
        }
        return Int(try row?.decode("total", as: Int64.self) ?? 0)
    }

    /// `$1`–`$13` of ``TaskListSQL/filters``.
    func filterParameters(_ filter: TaskFilter) -> [any PostgresBindable] {
        let fields: String? =
            filter.fields.isEmpty ? nil : JSONValue.array(filter.fields.map { .array($0.patterns) }).jsonText
        return [
            filter.workflow, filter.state, filter.team, filter.assignee, filter.scope.visibleTeams, filter.priority,
            filter.parent, filter.open, filter.breached, filter.unassigned, filter.atRiskBy, fields, filter.search,
        ]
    }

    /// A task's history, oldest first, streamed page by page.
    public func events(ofTask id: String) async throws -> PagedSequence<EventRecord> {
        _ = try await task(id)
        return pages(limit: nil) { [self] remaining, lastSeq in
            let rows = try await pool.withIdempotentStatements { connection in
                try await connection.query(
                    TaskSQL.taskEventsPage, [id, lastSeq ?? 0, min(remaining, Self.pageSize)]
                ).rows
            }
            return try rows.map {
                let event = try EventRecord(row: $0); return (event, event.seq)
            }
        }
    }

    private func pages<Item: Sendable>(
        limit: Int?, fetch: @escaping PagedSequence<Item>.Fetch
    ) -> PagedSequence<Item> {
        PagedSequence(pageSize: Self.pageSize, limit: limit, fetch: fetch)
    }
}

extension Optional {
    /// The value `transform` makes of the wrapped one, or nil.
    fileprivate func asyncMap<Mapped>(_ transform: (Wrapped) async throws -> Mapped) async throws -> Mapped? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
