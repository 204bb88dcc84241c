import Postgres

/// Filters for reading the event log; nil means "any".
public struct EventFilter: Sendable, Hashable {
    /// Only events of this task.
    public var task: String?
    /// Only events of this team's tasks.
    public var team: String?
    /// Only events of this workflow's tasks.
    public var workflow: String?
    /// Only events of this type.
    public var type: String?
    /// Only events of tasks this scope sees (the caller's visibility).
    public let scope: TeamScope

    /// No filter but the scope: every event of the tasks `scope` sees.
    public init(scope: TeamScope) {
        self.scope = scope
    }

    /// The same filter over `scope`: a followed stream's caller whose teams changed meanwhile.
    public func rescoped(to scope: TeamScope) -> EventFilter {
        var filter = EventFilter(scope: scope)
        filter.task = task
        filter.team = team
        filter.workflow = workflow
        filter.type = type
        return filter
    }
}

/// Reads the event log in `seq` order.
///
/// Events get their `seq` under a lock held until their transaction commits (see
/// `CommandTransaction.flushEvents`), so once a reader has seen `seq` N, every event that will
/// ever have a `seq` below N is already visible: reading `seq > cursor` never skips one.
public struct EventLog: Sendable {
    let pool: PostgresPool

    /// Creates a reader over `pool`.
    public init(pool: PostgresPool) { self.pool = pool }

    /// Up to `limit` events after `cursor`, oldest first.
    public func events(after cursor: Int64, filter: EventFilter, limit: Int) async throws -> [EventRecord] {
        try await pool.withIdempotentStatements { connection in
            try await connection.query(
                EventSQL.page,
                [cursor, filter.task, filter.team, filter.workflow, filter.type, filter.scope.visibleTeams, limit]
            ).rows.map(EventRecord.init(row:))
        }
    }

    /// The highest `seq` committed so far (0 for an empty log).
    public func lastSeq() async throws -> Int64 {
        try await pool.withIdempotentStatements {
            try await $0.query(EventSQL.lastSeq).first!.decode("seq", as: Int64.self)
        }
    }
}
