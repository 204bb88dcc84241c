import Postgres

extension TaskStore {
    /// Rows fetched per round trip when streaming lists.
    static let pageSize = 200

    /// One task by id.
    public func task(_ id: String) async throws -> TaskRecord {
        let row = try await pool.withIdempotentStatements { try await $0.query(TaskSQL.selectTask, [id]).first }
        guard let row else { throw StoreError.taskNotFound(id) }
        return try TaskRecord(row: row)
    }

    /// The ids of a task's children (tasks whose `parent` it is, spawned or created so) that
    /// `scope` sees, oldest first; empty for a task without children.
    public func children(of id: String, scope: TeamScope) async throws -> [String] {
        let rows = try await pool.withIdempotentStatements {
            try await $0.query(LifecycleSQL.children, [id, scope.visibleTeams]).rows
        }
        return try rows.map { try $0.decode("id", as: String.self) }
    }

    /// Tasks matching `filter`, oldest first, fetched page by page as the consumer reads:
    /// memory stays bounded however many tasks match.
    public func list(_ filter: TaskFilter) async throws -> PagedSequence<TaskRecord> {
        var cursor: Int64 = 0
        if let after = filter.after {
            let row = try await pool.withIdempotentStatements { try await $0.query(TaskSQL.rowIDOfTask, [after]).first }
            guard let row else { throw StoreError.unknownReference(field: "after", value: after) }
            cursor = try row.decode("row_id")
        }
        let start = cursor
        return pages(limit: filter.limit) { [self] remaining, lastCursor in
            let rows = try await pool.withIdempotentStatements { connection in
                try await connection.query(
                    TaskSQL.listPage,
                    [
                        lastCursor ?? start, filter.workflow, filter.state, filter.team, filter.assignee,
                        min(remaining, Self.pageSize), filter.scope.visibleTeams, filter.priority, filter.parent,
                        filter.open, filter.breached,
                    ]
                ).rows
            }
            return try rows.map { (try TaskRecord(row: $0), try $0.decode("row_id", as: Int64.self)) }
        }
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

extension TaskStore {
    /// The owning team of each existing task among `ids` (missing ids are absent).
    public func teams(of ids: [String]) async throws -> [String: String?] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await pool.withIdempotentStatements { try await $0.query(TaskSQL.teamsOfTasks, [ids]).rows }
        var teams: [String: String?] = [:]
        for row in rows {
            teams[try row.decode("id", as: String.self)] = .some(try row.decode("team", as: String?.self))
        }
        return teams
    }
}
