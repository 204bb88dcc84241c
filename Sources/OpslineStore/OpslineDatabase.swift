import Logging
import Postgres

/// Everything the server keeps in PostgreSQL, behind one pool.
public struct OpslineDatabase: Sendable {
    /// The connection pool all stores share.
    public let pool: PostgresPool
    /// Published workflows.
    public let workflows: WorkflowCatalog
    /// Tasks and their history.
    public let tasks: TaskStore
    /// API tokens.
    public let tokens: TokenStore
    /// The event log, for the event stream.
    public let events: EventLog
    /// Time-driven work (workflow timers), applied by the scheduler.
    public let dueWork: DueWorkRunner
    /// The schema migrations of this build.
    public let migrator: Migrator

    /// Wires the stores to a pool; nothing is read until `prepare()`.
    public init(
        pool: PostgresPool, calendars: CalendarBook = CalendarBook(), logger: Logger = Logger(label: "opsline.store")
    ) throws {
        self.pool = pool
        self.workflows = WorkflowCatalog(pool: pool, calendars: calendars)
        self.tasks = TaskStore(pool: pool, catalog: workflows)
        self.tokens = TokenStore(pool: pool)
        self.events = EventLog(pool: pool)
        self.dueWork = DueWorkRunner(pool: pool, catalog: workflows)
        self.migrator = try Migrator(logger: logger)
    }

    /// Applies pending migrations and loads the published workflows.
    public func prepare() async throws {
        try await migrator.migrate(pool)
        try await workflows.reload()
    }

    /// Deletes idempotency keys older than `retention`; returns how many went.
    @discardableResult
    public func pruneIdempotencyKeys(olderThan retention: Duration) async throws -> Int {
        try await pool.read { connection in
            try await connection.query(IdempotencySQL.prune, [Double(retention.components.seconds)]).affectedRows
        }
    }

    /// True when PostgreSQL answers and the schema is current (`/readyz`).
    public func isReady() async -> Bool {
        (try? await migrator.isUpToDate(pool)) ?? false
    }
}
