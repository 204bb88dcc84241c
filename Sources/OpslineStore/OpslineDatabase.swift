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
    /// Users, teams and memberships.
    public let people: PeopleStore
    /// Dashboard sessions and users' password hashes.
    public let sessions: SessionStore
    /// The event log, for the event stream.
    public let events: EventLog
    /// Prunes the event log's oldest events.
    public let eventRetention: EventRetention
    /// The flow report's stretches, projected from the event log in the background.
    public let flowProjection: FlowProjection
    /// Files attached to tasks, to read back.
    public let attachments: AttachmentStore
    /// Time-driven work (workflow timers), applied by the scheduler.
    public let dueWork: DueWorkRunner
    /// Managers' views: SLA breaches, clocks at risk, compliance and flow reports.
    public let reports: ReportStore
    /// Who hears which events, and the delivery log.
    public let subscriptions: SubscriptionStore
    /// The notifications to send, for the deliverers.
    public let deliveries: DeliveryQueue
    /// The schema migrations of this build.
    let migrator: Migrator
    /// The time every store stamps and compares with.
    public let clock: OpslineClock
    /// What the stores count: commands, appended events, due work, deliveries.
    public let metrics: StoreMetrics

    /// Wires the stores to a pool; nothing is read until `prepare()`.
    /// - Parameters:
    ///   - receivers: the receivers workflows may `notify:` (the folder's `receivers.yaml`).
    ///   - clock: the time the stores run on; a test passes one it moves.
    ///   - metrics: where the stores count what they do (the server's `/metrics`).
    ///   - singleCommandTransactions: how many transactions of one caller's single commands run
    ///     at once before its further commands wait and share the next one (``TaskStore``); nil:
    ///     each runs in a transaction of its own at once.
    ///   - batchTransactions: how many transactions of one caller's batches run at once before
    ///     its further batches wait their turn (``TaskStore``); nil: no limit.
    public init(
        pool: PostgresPool, calendars: CalendarBook = CalendarBook(), receivers: [String] = [],
        clock: OpslineClock = .system, logger: Logger = Logger(label: "opsline.store"),
        metrics: StoreMetrics = .none, singleCommandTransactions: Int? = nil, batchTransactions: Int? = nil
    ) throws {
        self.pool = pool
        self.clock = clock
        self.metrics = metrics
        self.workflows = WorkflowCatalog(pool: pool, calendars: calendars, receivers: receivers, clock: clock)
        self.tasks = TaskStore(
            pool: pool, catalog: workflows, clock: clock, metrics: metrics,
            singleCommandTransactions: singleCommandTransactions, batchTransactions: batchTransactions)
        self.tokens = TokenStore(pool: pool, clock: clock)
        self.people = PeopleStore(pool: pool, tokens: tokens, clock: clock)
        self.sessions = SessionStore(pool: pool, tokens: tokens, clock: clock)
        self.events = EventLog(pool: pool)
        self.eventRetention = EventRetention(pool: pool, clock: clock)
        self.flowProjection = FlowProjection(pool: pool, frontier: events.frontier)
        self.attachments = AttachmentStore(pool: pool)
        self.dueWork = DueWorkRunner(pool: pool, catalog: workflows, clock: clock, metrics: metrics, logger: logger)
        self.reports = ReportStore(pool: pool, catalog: workflows, clock: clock)
        self.subscriptions = SubscriptionStore(pool: pool, clock: clock, calendars: calendars)
        self.deliveries = DeliveryQueue(
            pool: pool, clock: clock, retryPolicy: DeliveryRetryPolicy(), calendars: calendars, metrics: metrics)
        self.migrator = try Migrator(logger: logger)
    }

    /// Applies pending migrations, loads the published workflows and makes sure every team they
    /// name exists (a database migrated from before teams were kept has them then).
    public func prepare() async throws {
        try await migrator.migrate(pool)
        try await workflows.reload()
        try await workflows.registerNamedTeams()
    }

    /// Deletes idempotency keys older than `retention`; returns how many went.
    @discardableResult
    public func pruneIdempotencyKeys(olderThan retention: Duration) async throws -> Int {
        try await pool.withIdempotentStatements { connection in
            try await connection.query(
                IdempotencySQL.prune, [Double(retention.components.seconds), clock.statementNow]
            ).affectedRows
        }
    }

    /// True when PostgreSQL answers and the schema is current (`/readyz`).
    public func isReady() async -> Bool {
        (try? await migrator.isUpToDate(pool)) ?? false
    }
}
