import Postgres
import Workflow

/// Which queue `TaskStore.takeNext(_:idempotencyKey:requestHash:caller:authorize:render:)` takes
/// from, and for whom.
public struct NextTaskRequest: Sendable, Hashable {
    /// Who takes the task: its new assignee.
    public let assignee: String
    /// Only tasks this scope sees (the caller's teams).
    public let scope: TeamScope
    /// Only this team's tasks.
    public var team: String?
    /// Only this workflow's tasks.
    public var workflow: String?

    /// The queue of every team `scope` sees, for `assignee`.
    public init(assignee: String, scope: TeamScope) {
        self.assignee = assignee
        self.scope = scope
    }
}

extension TaskStore {
    /// Takes the most urgent open task nobody is assigned to (``TaskSort/due``'s order) and
    /// assigns it to `request.assignee`, in one transaction, and returns the outcome once it has
    /// committed; nil when there is no such task.
    ///
    /// The candidate is locked with `FOR UPDATE SKIP LOCKED`: callers running this at the same
    /// time each lock a different task and never wait for one another, and a task another
    /// transaction assigned meanwhile is passed over. The assignment is an ordinary update of the
    /// assignee (an `assigned` event, `authorize` asked as for any), so it is refused exactly as
    /// taking the task by hand would be.
    ///
    /// With an idempotency key the call is claimed in the caller's scope like any command's: a
    /// repeat replays the task taken the first time instead of taking another. A call that found
    /// nothing, or was refused, claims nothing.
    public func takeNext(
        _ request: NextTaskRequest, idempotencyKey key: String?, requestHash: String, caller: CommandCaller,
        authorize: CommandAuthorizer, render: OutcomeRenderer
    ) async throws -> CommandOutcome? {
        // The command as refusals before a task was picked are rendered.
        let unpicked = Self.takeUpdate(of: "", assignee: request.assignee)
        if let key, let problem = InputLimits.problem(identifier: key) {
            let refusal = StoreError.rule(.invalidFields([FieldProblem(field: "idempotency_key", problem: problem)]))
            return try render.outcome(of: .update(unpicked), .failure(refusal))
        }
        do {
            let appended = AppendedEvents()
            let outcome = try await pool.inTransaction { [catalog, clock] connection -> CommandOutcome? in
                let transaction = CommandTransaction(
                    connection: connection, catalog: catalog, caller: caller, authorize: authorize, clock: clock,
                    defersWrites: true, appended: appended)
                if let key, let earlier = try await transaction.claim(key, hash: requestHash) { return earlier }
                let candidate = try await connection.query(
                    NextTaskSQL.pick, [request.scope.visibleTeams, request.team, request.workflow]
                ).first
                // Rolls the key's claim back: nothing was taken, nothing is remembered.
                guard let candidate else { throw NothingToTake() }
                let command = TaskCommand.update(
                    Self.takeUpdate(of: try candidate.decode("id"), assignee: request.assignee))
                let task = try await transaction.apply(command)
                let outcome = try render.outcome(of: command, .success(task))
                if let key { try await transaction.remember(key, outcome) }
                try await transaction.flushEvents()
                return outcome
            }
            metrics.eventsAppended.increment(by: appended.value)
            if let outcome { metrics.count(.update(unpicked), StoreMetrics.result(of: outcome)) }
            return outcome
        } catch is NothingToTake {
            return nil
        } catch {
            return try render.outcome(of: .update(unpicked), .failure(error))
        }
    }

    /// The update that gives task `id` to `assignee`.
    private static func takeUpdate(of id: String, assignee: String) -> TaskUpdate {
        var update = TaskUpdate(taskID: id)
        update.assignee = .some(assignee)
        return update
    }
}

/// Unwinds `takeNext`'s transaction when there is no task to take.
private struct NothingToTake: Error {}

/// The named query behind `takeNext`.
enum NextTaskSQL {
    /// The most urgent open, unassigned task (`$1` the caller's teams, `$2` team, `$3` workflow)
    /// that no other transaction holds, locked.
    static let pick = """
        SELECT tasks.id FROM tasks
        WHERE tasks.closed_at IS NULL AND tasks.assignee IS NULL
          AND ($1::text[] IS NULL OR tasks.team = ANY ($1::text[]))
          AND ($2::text IS NULL OR tasks.team = $2::text)
          AND ($3::text IS NULL OR tasks.workflow = $3::text)
        ORDER BY \(TaskListSQL.dueKey), tasks.row_id
        LIMIT 1
        FOR UPDATE SKIP LOCKED
        """
}
