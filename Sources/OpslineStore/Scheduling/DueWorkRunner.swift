import Logging
import Postgres
import Workflow

/// Applies time-driven work whose time has come: workflow timers, SLA clock steps and the
/// occurrences of schedules.
///
/// Each call claims a small batch of due rows and applies them in the claiming transaction, so a
/// replica that dies mid-batch loses nothing (its transaction rolls back and the rows are claimed
/// again) and replicas never apply a row twice (`FOR UPDATE SKIP LOCKED` and `DELETE`, in one
/// statement: `DueWorkSQL.claimDue`).
public struct DueWorkRunner: Sendable {
    let pool: PostgresPool
    let catalog: WorkflowCatalog
    /// The time rows fall due on, and the scheduler sleeps on.
    public let clock: OpslineClock
    /// Counts claims, the rows they apply and how long they take, and the events appended.
    var metrics = StoreMetrics.none
    /// Where an occurrence that could not create its task is told.
    var logger = Logger(label: "opsline.scheduler")

    /// The name events record as the actor of work the scheduler applies.
    public static let actor = "scheduler"

    /// How far ahead new due work is announced on ``NotifyChannel/due``. Every scheduler looks
    /// at least this often anyway, so work due later is found in time without waking anyone: an
    /// SLA step hours away or a 7-day timer costs no notification, and no scheduler wakes to
    /// read `due_work` after every command that moves a clock.
    public static let announceHorizon: Duration = .seconds(5)

    /// Applies up to `limit` due rows in one transaction; returns how many it applied. Rows
    /// whose task a command holds at that moment are left for the next call.
    @discardableResult
    public func runDue(limit: Int = 100) async throws -> Int {
        let appended = AppendedEvents()
        let start = ContinuousClock.now
        let applied = try await pool.inTransaction { [catalog, clock, logger] connection -> Int in
            // Writes go out with the next statement (`defersWrites`): the clocks of a batch
            // whose steps only move clocks are saved with its events and the COMMIT, in one
            // round trip.
            let transaction = CommandTransaction(
                connection: connection, catalog: catalog, caller: .system(Self.actor), authorize: .system,
                clock: clock, defersWrites: true, appended: appended)
            let rows = try await connection.query(DueWorkSQL.claimDue, [limit, transaction.statementNow]).rows
            // Due order, as the claim found them: a task's several rows are applied in it.
            let items = try rows.map { try DueWorkItem(row: $0) }.sorted { ($0.dueAt, $0.id) < ($1.dueAt, $1.id) }
            guard !items.isEmpty else { return 0 }
            // Clock steps of tasks with one row in the batch are applied together (a few round
            // trips for the whole batch); a task's several rows are applied one by one, in due order.
            let rowsPerTask = Dictionary(items.map { ($0.taskID, 1) }, uniquingKeysWith: +)
            let together = { (item: DueWorkItem) in item.work.isClockStep && rowsPerTask[item.taskID] == 1 }
            try await transaction.stepClocks(items.filter(together))
            for item in items where !together(item) {
                try await transaction.applyDue(item)
            }
            try await transaction.flushEvents()
            for (occurrence, error) in transaction.skippedOccurrences {
                logger.warning(
                    "schedule occurrence created no task",
                    metadata: [
                        "workflow": "\(occurrence.workflow)", "schedule": "\(occurrence.schedule)", "error": "\(error)",
                    ])
            }
            return items.count
        }
        if applied > 0 {
            metrics.dueClaims.increment()
            metrics.dueItems.increment(by: applied)
            metrics.dueClaimDuration.recordNanoseconds((ContinuousClock.now - start).nanoseconds)
            metrics.eventsAppended.increment(by: appended.value)
        }
        return applied
    }

    /// Seconds until the earliest waiting row is due (0 or less: due now); `nil` when none waits.
    public func secondsUntilNextDue() async throws -> Double? {
        try await pool.withIdempotentStatements { connection in
            try await connection.query(DueWorkSQL.secondsUntilNextDue, [clock.statementNow]).first?.decode(
                "seconds", as: Double?.self)
        }
    }
}

extension CommandTransaction {
    /// Applies one claimed row inside a savepoint: a refusal is recorded as an event on the task
    /// and does not spoil the rest of the batch.
    fileprivate func applyDue(_ item: DueWorkItem) async throws {
        switch item.work {
        case .timer(let timer): if let taskID = item.taskID { try await fire(timer, of: taskID) }
        case .slaStep: try await stepClocks([item])
        case .schedule(let occurrence): try await create(occurrence, due: item.dueAt)
        case .unknown: break  // A newer replica's kind of work, or a payload this build cannot read.
        }
    }

    private func fire(_ timer: TimerFiring, of taskID: String) async throws {
        var request = TransitionRequest(taskID: taskID, transition: timer.transition)
        request.note = "timer"
        try await applyOrRecord(
            .transition(request), failure: "timer_failed", ["transition": .string(timer.transition)])
    }

    /// Applies a command in a savepoint; a refusal becomes a `failure` event on the task instead
    /// of spoiling the batch.
    /// - Returns: The task as the command left it, or `nil` when it was refused.
    @discardableResult
    func applyOrRecord(
        _ command: TaskCommand, failure: String, _ details: [String: JSONValue]
    ) async throws
        -> TaskRecord?
    {
        guard let taskID = command.taskID else { return nil }
        switch try await inSavepoint({ try await apply(command) }) {
        case .success(let task): return task
        case .failure(let error):
            if let row = try await connection.query(TaskSQL.selectTask, [taskID]).first {
                // The task as the refused command left it (unchanged): the event is its team's.
                record(try TaskRecord(row: row), failure, details.merging(["reason": .string("\(error)")]) { $1 })
            }
            return nil
        }
    }
}
