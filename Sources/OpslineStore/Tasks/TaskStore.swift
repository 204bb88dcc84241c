import Postgres
import Workflow

/// Creates, moves and reads tasks. Every command is one PostgreSQL transaction: lock, check the
/// workflow's rules, write the task, append its events, `NOTIFY`, commit — and only then return.
public struct TaskStore: Sendable {
    let pool: PostgresPool
    /// The workflows tasks run on.
    public let catalog: WorkflowCatalog

    /// Creates a store over `pool`.
    public init(pool: PostgresPool, catalog: WorkflowCatalog) {
        self.pool = pool
        self.catalog = catalog
    }

    /// Creates a task on the latest version of its workflow, in its initial state.
    public func create(_ command: NewTask, actor: String?) async throws -> TaskRecord {
        guard let workflow = catalog.latest(command.workflow) else {
            throw StoreError.workflowNotFound(command.workflow)
        }
        let definition = workflow.definition
        let fields: [String: JSONValue]
        do throws(RuleViolation) {
            fields = try definition.prepareNewTask(fields: command.fields)
        } catch { throw StoreError.rule(error) }
        return try await pool.write { connection in
            if let parent = command.parent, try await connection.query(TaskSQL.taskExists, [parent]).rows.isEmpty {
                throw StoreError.unknownReference(field: "parent", value: parent)
            }
            let number = try await connection.query(TaskSQL.nextNumber, [definition.key]).first!
                .decode("last_number", as: Int64.self)
            let task = try TaskRecord(
                row: try await connection.query(
                    TaskSQL.insertTask,
                    [
                        "\(definition.key)-\(number)", definition.name, workflow.version,
                        definition.initialState.name, command.title, command.priority,
                        command.team ?? definition.team, command.assignee, JSONText.encode(fields), command.parent,
                    ]
                ).first!)
            try await appendEvent(
                connection, task: task.id, type: "created", actor: actor,
                data: ["state": .string(task.state), "workflow_version": .int(Int64(workflow.version))])
            return task
        }
    }

    /// Moves a task along a transition, after checking its version and the workflow's rules.
    public func transition(_ request: TransitionRequest, actor: String?) async throws -> TaskRecord {
        try await pool.write { connection in
            let current = try await lockTask(connection, request.taskID, expectedVersion: request.expectedVersion)
            let definition = try await catalog.workflow(current.workflow, version: current.workflowVersion).definition
            let plan: TransitionPlan
            do throws(RuleViolation) {
                plan = try definition.planTransition(
                    request.transition, from: current.state, fields: current.fields, changes: request.fields)
            } catch { throw StoreError.rule(error) }
            let task = try TaskRecord(
                row: try await connection.query(
                    TaskSQL.applyTransition,
                    [current.id, plan.to, JSONText.encode(plan.fields), plan.entersFinalState]
                ).first!)
            var data: [String: JSONValue] = [
                "transition": .string(plan.transition), "from": .string(plan.from), "to": .string(plan.to),
            ]
            if let note = request.note { data["note"] = .string(note) }
            if !request.fields.isEmpty { data["fields"] = .object(request.fields) }
            try await appendEvent(connection, task: task.id, type: "transitioned", actor: actor, data: data)
            return task
        }
    }

    /// Locks the task row for this transaction and checks `expectedVersion`.
    private func lockTask(
        _ connection: PostgresConnection, _ id: String, expectedVersion: Int?
    ) async throws -> TaskRecord {
        guard let row = try await connection.query(TaskSQL.lockTask, [id]).first else {
            throw StoreError.taskNotFound(id)
        }
        let task = try TaskRecord(row: row)
        if let expectedVersion, expectedVersion != task.version {
            throw StoreError.versionConflict(taskID: id, expected: expectedVersion, current: task.version)
        }
        return task
    }

    /// Appends one event and announces it; delivered to listeners only if the transaction commits.
    @discardableResult
    func appendEvent(
        _ connection: PostgresConnection, task: String, type: String, actor: String?, data: [String: JSONValue]
    ) async throws -> EventRecord {
        let event = try EventRecord(
            row: try await connection.query(TaskSQL.appendEvent, [task, type, actor, JSONText.encode(data)]).first!)
        try await connection.query(TaskSQL.notifyEvent, ["\(event.seq) \(task)"])
        return event
    }
}
