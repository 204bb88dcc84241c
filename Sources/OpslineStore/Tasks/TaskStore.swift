import Postgres
import Workflow

/// Creates, changes and reads tasks. Every command is one PostgreSQL transaction: lock, check the
/// workflow's rules, write the task, append its events, `NOTIFY`, commit — and only then return.
public struct TaskStore: Sendable {
    let pool: PostgresPool
    /// The workflows tasks run on.
    public let catalog: WorkflowCatalog
    /// The time commands are stamped with.
    public let clock: OpslineClock
    /// Counts commands and the events they append.
    let metrics: StoreMetrics
    /// Lets one caller's concurrent single commands share transactions; nil: each runs alone.
    let coalescer: CommandCoalescer?
    /// Lets one caller's batches take turns; nil: each runs at once.
    let batchTurns: CallerTransactionLimit?

    /// Creates a store over `pool`.
    /// - Parameters:
    ///   - singleCommandTransactions: how many transactions of one caller's single commands
    ///     (`applyOne`) run at once before the caller's further commands wait and share the next
    ///     one (``CommandCoalescer``); nil: every command runs in a transaction of its own at once.
    ///   - batchTransactions: how many transactions of one caller's batches (`applyBatch`) run at
    ///     once before its further batches wait their turn (``CallerTransactionLimit``); nil: no
    ///     limit.
    public init(
        pool: PostgresPool, catalog: WorkflowCatalog, clock: OpslineClock = .system, metrics: StoreMetrics = .none,
        singleCommandTransactions: Int? = nil, batchTransactions: Int? = nil
    ) {
        self.pool = pool
        self.catalog = catalog
        self.clock = clock
        self.metrics = metrics
        self.coalescer = singleCommandTransactions.map { CommandCoalescer(groupsInFlight: $0) }
        self.batchTurns = batchTransactions.map { CallerTransactionLimit(limit: $0) }
    }

    /// Applies one command in its own transaction and returns the task after it.
    /// - Parameters:
    ///   - caller: Who runs the command, as its events record.
    ///   - authorize: Refuses commands the caller may not run (``CommandAuthorizer/system`` for
    ///     the system's own work).
    public func apply(
        _ command: TaskCommand, caller: CommandCaller, authorize: CommandAuthorizer
    ) async throws -> TaskRecord {
        let appended = AppendedEvents()
        let task = try await pool.inTransaction { [catalog, clock] connection in
            let transaction = CommandTransaction(
                connection: connection, catalog: catalog, caller: caller, authorize: authorize, clock: clock,
                defersWrites: true, appended: appended)
            let task = try await transaction.apply(command)
            try await transaction.flushEvents()
            return task
        }
        metrics.eventsAppended.increment(by: appended.value)
        return task
    }

    /// Creates a task on the latest version of its workflow, in its initial state.
    public func create(
        _ command: NewTask, caller: CommandCaller, authorize: CommandAuthorizer
    ) async throws -> TaskRecord {
        try await apply(.create(command), caller: caller, authorize: authorize)
    }

    /// Moves a task along a transition, after checking its version and the workflow's rules.
    public func transition(
        _ request: TransitionRequest, caller: CommandCaller, authorize: CommandAuthorizer
    ) async throws -> TaskRecord {
        try await apply(.transition(request), caller: caller, authorize: authorize)
    }
}
