import Postgres
import Workflow

extension CommandTransaction {
    /// What entering a state starts: its `on_enter` child tasks and its timers.
    func enter(_ state: String, of task: TaskRecord, definition: WorkflowDefinition) async throws {
        guard let entered = definition.state(named: state) else { return }
        for child in entered.spawns {
            try await spawn(child, of: task)
        }
        for timer in definition.timers(in: state) {
            let payload = TimerFiring(state: state, transition: timer.fire).payload
            try await write(LifecycleSQL.scheduleTimer, [task.id, timer.after.seconds, payload.jsonText, statementNow])
            announceDueWork(dueIn: Double(timer.after.seconds))
        }
    }

    /// What leaving a state stops: its timers (none to cancel when the state has none).
    func leave(_ task: TaskRecord, definition: WorkflowDefinition) async throws {
        guard !definition.timers(in: task.state).isEmpty else { return }
        try await write(LifecycleSQL.cancelTimers, [task.id])
    }

    /// The ids of a task's children that are not finished.
    func openChildren(of taskID: String) async throws -> [String] {
        try await connection.query(LifecycleSQL.openChildren, [taskID], prepared: true).rows.map { try $0.decode("id") }
    }

    /// Creates one child task on the latest version of its workflow. The command that entered the
    /// state was authorised, so the child is created on the workflow's behalf.
    private func spawn(_ child: SpawnedChild, of parent: TaskRecord) async throws {
        var command = NewTask(workflow: child.workflow, title: child.title)
        command.team = child.team
        command.fields = child.fields.merging(parentDates(of: child, parent: parent)) { $1 }
        command.parent = parent.id
        let created = try await insertTask(command)
        try await keepParentDates(of: child, on: created)
        if let link = child.link { try await linkSpawned(created, to: parent, as: link) }
        record(
            parent, "spawned",
            ["child": .string(created.id), "workflow": .string(created.workflow), "state": .string(parent.state)])
    }
}
