import Postgres

/// What the scheduler's queue and the event log look like at one moment.
public struct LiveSample: Sendable, Hashable {
    /// Due rows whose time has come (`due_at` at or before now): the scheduler's backlog.
    public var dueNow: Int64
    /// How long the oldest due row has been due, in seconds; 0 when none is overdue. How late
    /// an SLA step or timer is being applied: the SLA detection lag.
    public var oldestOverdueSeconds: Double
    /// The newest committed event's `seq`.
    public var logHead: Int64
}

/// One table's estimated size.
public struct TableSize: Sendable, Hashable {
    /// The table.
    public var name: String
    /// Estimated rows (PostgreSQL's statistics, not a count).
    public var rows: Double
    /// Bytes on disk, indexes and TOAST included.
    public var bytes: Double
}

extension OpslineDatabase {
    /// The due-work backlog, the oldest overdue row's age and the log head, on the database's
    /// clock. Three index look-ups: cheap enough for every scrape.
    public func liveSample() async throws -> LiveSample {
        try await pool.withIdempotentStatements { [clock] connection in
            guard let row = try await connection.query(MetricsSQL.live, [clock.statementNow]).first else {
                return LiveSample(dueNow: 0, oldestOverdueSeconds: 0, logHead: 0)
            }
            return LiveSample(
                dueNow: try row.decode("due_now", as: Int64.self),
                oldestOverdueSeconds: try row.decode("oldest_overdue_seconds", as: Double.self),
                logHead: try row.decode("log_head", as: Int64.self))
        }
    }

    /// Estimated sizes of the tables that grow with use (events, idempotency keys, tasks, due
    /// work, deliveries), from PostgreSQL's catalog: for a sampler, every half minute or so.
    public func tableSizes() async throws -> [TableSize] {
        try await pool.withIdempotentStatements { connection in
            try await connection.query(MetricsSQL.tableSizes).rows.map { row in
                TableSize(
                    name: try row.decode("name", as: String.self), rows: try row.decode("rows", as: Double.self),
                    bytes: try row.decode("bytes", as: Double.self))
            }
        }
    }
}
