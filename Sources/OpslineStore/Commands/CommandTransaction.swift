import Foundation
import Postgres
import Workflow

/// The work of one PostgreSQL transaction: commands applied on one connection, and the events
/// they produce, held back until `flushEvents()` appends them all at the end.
///
/// Appending last draws the events' seqs just before `COMMIT`: a reader of the log stops below
/// an event still in flight (``EventFrontierTracker``), so the shorter the time from the draw to
/// the commit, the sooner followers see everything after it.
final class CommandTransaction {
    let connection: PostgresConnection
    let catalog: WorkflowCatalog
    let caller: CommandCaller
    let authorize: CommandAuthorizer
    /// Whether writes whose rows nothing reads (`write(_:_:)`) wait to go out with the next
    /// statement: the `COMMIT` of a single command, the `RELEASE` of a batch line's savepoint. A
    /// caller that rolls back instead must first discard them (`discardCarried`), as
    /// `inSavepoint` does.
    let defersWrites: Bool
    /// The instant the transaction's statements use instead of `now()`: nil in production, a
    /// test's clock otherwise (`OpslineClock.statementNow`, read once per transaction).
    let statementNow: Date?
    /// Whether `inSavepoint` appends the events of its body before releasing the savepoint, so
    /// that a value the event log refuses is that body's refusal, not the transaction's failure.
    /// Off, events wait for one `flushEvents()` at the end, just before the commit;
    /// `applyBatch` turns it on to find which command of an atomic batch carried such a value.
    var appendsEventsPerSavepoint = false
    /// Whether held-back writes of the same statement merge (`writeMerging`): only in a batch run
    /// without savepoints (``LineIsolation/grouped(atomic:)``), where a merged statement that
    /// PostgreSQL refuses sends the batch round again with savepoints, unmerged.
    var mergesWrites = false
    private(set) var pendingEvents: [PendingEvent] = []
    /// Tasks locked ahead of the commands that name them (`lockTasks(of:)`), with the
    /// transaction's `now()`; `lockTask` takes a task out as it uses it.
    var lockedTasks: [String: (task: TaskRecord, now: Date)] = [:]
    /// Tasks `lockTasks(of:)` looked for and did not find, until this transaction creates them:
    /// `lockTask` refuses them without a round trip, so a batch line naming one is refused before
    /// it sends anything (`inGroup`).
    var missingTasks: Set<String> = []
    /// Records a batch's lookup fields read, looked up ahead (`lookUpRecords(of:)`); nil inside:
    /// looked up, none found.
    var lookedUp: [LookupWant: LookupFound?] = [:]
    /// Schedule occurrences whose task could not be created, and why; the runner logs them.
    var skippedOccurrences: [(ScheduleOccurrence, any Error)] = []
    /// Where `flushEvents` counts what it sends with the commit, for the caller to read once the
    /// transaction committed.
    private let appended: AppendedEvents?
    private var dueWorkScheduled = false

    struct PendingEvent {
        let taskID: String
        /// The teams the event belongs to: the task's when it happened (both, for a change that
        /// moved it from one team to another; none for a task without a team).
        let teams: [String]
        let type: String
        let data: [String: JSONValue]
    }

    init(
        connection: PostgresConnection, catalog: WorkflowCatalog, caller: CommandCaller,
        authorize: CommandAuthorizer, clock: OpslineClock, defersWrites: Bool = false,
        appended: AppendedEvents? = nil
    ) {
        appended?.reset()
        self.appended = appended
        self.statementNow = clock.statementNow
        self.connection = connection
        self.catalog = catalog
        self.caller = caller
        self.authorize = authorize
        self.defersWrites = defersWrites
    }

    /// Runs a write whose result nothing reads: at once, or (`defersWrites`) with the next
    /// statement in one round trip. A transaction of one command then sends its writes, events
    /// and `COMMIT` together, a batch line its writes and `RELEASE`; an error among them fails
    /// the command just the same.
    ///
    /// `sql` is one of the fixed texts of `TaskSQL`, `SLASQL`… on the command path, so it runs
    /// prepared: parsed and planned once per connection, not on every command.
    func write(_ sql: String, _ parameters: [any PostgresBindable]) async throws {
        if defersWrites {
            await connection.sendWithNext(sql, parameters, prepared: true)
        } else {
            try await connection.query(sql, parameters, prepared: true)
        }
    }

    /// `write(_:_:)` for a statement whose parameters are all JSON arrays of rows, each row
    /// naming its own task: while `mergesWrites`, it joins the same statement held back by an
    /// earlier line, so that a batch's lines write their tasks, clocks and steps in one statement
    /// each (`PostgresConnection.sendWithNext(_:mergingJSONArrays:)`). Lines held back together
    /// never name the same task twice: a line on a task already used in the transaction reads it
    /// again, and that read sends what was held back (`lockTask`).
    func writeMerging(_ sql: String, _ arrays: [String]) async throws {
        guard defersWrites, mergesWrites else { return try await write(sql, arrays) }
        await connection.sendWithNext(sql, mergingJSONArrays: arrays)
    }

    /// Applies one command and returns the task as it now is. A command whose text breaks
    /// ``InputLimits`` is refused before any of its SQL runs.
    func apply(_ command: TaskCommand) async throws -> TaskRecord {
        if let refusal = command.inputRefusal { throw refusal }
        switch command {
        case .create(let newTask): return try await create(newTask)
        case .transition(let request): return try await transition(request)
        case .update(let update): return try await self.update(update)
        case .comment(let taskID, let text): return try await comment(taskID, text)
        case .attach(let upload): return try await attach(upload)
        case .check(let tick): return try await check(tick)
        case .link(let change): return try await link(change)
        }
    }

    /// Forgets events recorded after `count` (their command was rolled back to a savepoint).
    func discardEvents(after count: Int) {
        pendingEvents.removeSubrange(min(count, pendingEvents.count)...)
    }

    /// Appends the pending events and announces them, with the due
    /// work scheduled since the last flush.
    func flushEvents() async throws {
        guard let last = pendingEvents.last else {
            if dueWorkScheduled { try await connection.query(DueWorkSQL.announce, prepared: true) }
            dueWorkScheduled = false
            return
        }
        // Sent with the COMMIT (or whatever statement comes next), in one round trip: the seqs
        // are then drawn as the transaction commits, not a reply to the server before it.
        appended?.add(pendingEvents.count)
        await connection.sendWithNext(
            EventSQL.appendMany,
            [
                pendingEvents.map(\.taskID), pendingEvents.map(\.type), caller.name,
                pendingEvents.map { JSONText.encode($0.data) }, last.taskID, dueWorkScheduled,
                pendingEvents.map { JSONValue.array($0.teams.map(JSONValue.string)).jsonText }, statementNow,
            ], prepared: true)
        pendingEvents.removeAll()
        dueWorkScheduled = false
    }

    /// Notes that due work was scheduled `seconds` from now; if that is sooner than the
    /// schedulers would look anyway (`DueWorkRunner.announceHorizon`), the flush wakes them, once
    /// however many timers and clock steps the transaction scheduled.
    func announceDueWork(dueIn seconds: Double) {
        if seconds < Double(DueWorkRunner.announceHorizon.components.seconds) { dueWorkScheduled = true }
    }

    /// Records an event on `task` as it is once the change happened, to be appended at the
    /// flush. The event belongs to the task's team then and its watching teams, and to
    /// `previousTeam` too when the change moved the task from it (so that the team it left sees it
    /// go).
    func record(_ task: TaskRecord, _ type: String, _ data: [String: JSONValue], previousTeam: String? = nil) {
        var teams: [String] = []
        for team in [previousTeam] + task.teams { if let team, !teams.contains(team) { teams.append(team) } }
        pendingEvents.append(PendingEvent(taskID: task.id, teams: teams, type: type, data: data))
    }

    /// The index among the pending events of the latest one of `type` on task `taskID`.
    func pendingEventIndex(of taskID: String, type: String) -> Int? {
        pendingEvents.lastIndex { $0.taskID == taskID && $0.type == type }
    }

    /// Adds `teams` to the teams the pending event at `index` belongs to, for an event whose
    /// change moved the task to them later in the same transaction (an escalation level's).
    func addTeams(_ teams: [String], toPendingEventAt index: Int) {
        guard pendingEvents.indices.contains(index) else { return }
        let event = pendingEvents[index]
        let added = teams.filter { !event.teams.contains($0) }
        guard !added.isEmpty else { return }
        pendingEvents[index] = PendingEvent(
            taskID: event.taskID, teams: event.teams + added, type: event.type, data: event.data)
    }

    /// Locks the task row for this transaction, checks that the caller may run `command` on it,
    /// and checks `expectedVersion`; returns the task with the transaction's `now()`. A task
    /// locked ahead (`lockTasks(of:)`) is used without reading it again, once.
    func lockTask(
        _ id: String, for command: TaskCommand, expectedVersion: Int?
    ) async throws -> (task: TaskRecord, now: Date) {
        let (task, now) = try await lockedTask(id)
        try authorize(command, task)
        if let expectedVersion, expectedVersion != task.version {
            throw StoreError.versionConflict(taskID: id, expected: expectedVersion, current: task.version)
        }
        return (task, now)
    }

    /// The task, locked, without asking whether the caller may act on it: for what the workflow
    /// itself does to a task (a child's dates following its parent's).
    func lockedTask(_ id: String) async throws -> (task: TaskRecord, now: Date) {
        if let locked = lockedTasks.removeValue(forKey: id) { return locked }
        if missingTasks.contains(id) { throw StoreError.taskNotFound(id) }
        guard let row = try await connection.query(TaskSQL.lockTask, [id, statementNow], prepared: true).first else {
            throw StoreError.taskNotFound(id)
        }
        return (try TaskRecord(row: row), try row.decode("transaction_now"))
    }

    /// The definition of the task's workflow version, read on this transaction's connection when
    /// the catalog does not have it yet (never on a second pooled connection).
    func definition(of task: TaskRecord) async throws -> WorkflowDefinition {
        try await catalog.workflow(task.workflow, version: task.workflowVersion, on: connection).definition
    }
}

/// Runs a workflow rule check, turning its violation into a `StoreError`.
func checkingRules<Value>(_ body: () throws(RuleViolation) -> Value) throws(StoreError) -> Value {
    do throws(RuleViolation) {
        return try body()
    } catch {
        throw .rule(error)
    }
}
