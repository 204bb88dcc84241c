import Postgres
import Workflow

extension CommandTransaction {
    /// Who took the steps the transition's `not_by:` names, when it names any (else no query).
    func signatures(of task: TaskRecord, for transition: TransitionDefinition?) async throws -> [String: String] {
        guard let transition, !transition.guards.notBy.isEmpty,
            let row = try await connection.query(SignatureSQL.read, [task.id], prepared: true).first,
            let text = try row.decode("signatures", as: String?.self)
        else { return [:] }
        return try JSONText.decodeObject(text).compactMapValues(\.stringValue)
    }

    /// Keeps who took `step` on the task when some `not_by:` of its workflow names it; the system
    /// (timers, escalations, schedules) signs nothing.
    func sign(_ step: String, of task: TaskRecord, definition: WorkflowDefinition) async throws {
        guard definition.signedSteps.contains(step), !caller.isSystem, let actor = caller.name else { return }
        try await write(SignatureSQL.sign, [task.id, step, actor])
    }
}
