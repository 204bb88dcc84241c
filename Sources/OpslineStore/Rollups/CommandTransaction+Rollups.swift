import Postgres
import Workflow

extension CommandTransaction {
    /// Sums the parent's roll-up fields again when `child` changed a field they sum (`before`:
    /// its fields before the command; nil for a child just created), as the workflow's own doing:
    /// the parent records an `updated` event noting the sum, and its computed fields and clocks
    /// follow. Commands on tasks whose fields no roll-up sums cost no query.
    func rollUp(from child: TaskRecord, before: [String: JSONValue]?) async throws {
        guard let parentID = child.parent else { return }
        let summed = catalog.summedFields(of: child.workflow)
        guard summed.contains(where: { child.fields[$0] != before?[$0] }) else { return }
        let (parent, _) = try await lockedTask(parentID)
        let definition = try await definition(of: parent)
        var fields = parent.fields
        var notes: [String] = []
        for field in definition.rollups(over: child.workflow) {
            guard let rollup = field.rollup else { continue }
            let sum = try await connection.query(
                RollupSQL.sum, [parentID, child.workflow, rollup.field], prepared: true
            ).first?.decode("sum", as: Double?.self)
            let value: JSONValue? = sum.map { field.type == .int ? .int(Int64($0.rounded())) : .double($0) }
            fields = definition.rollingUp(field.name, to: value, in: fields)
            notes.append("\(field.name) = sum of \(rollup.field) over its \(rollup.workflow) children")
        }
        guard fields != parent.fields else { return }
        try await saveDerivedFields(fields, of: parent, definition: definition, note: notes.joined(separator: "; "))
    }

    /// Saves fields the workflow itself derives (a child's dates kept from its parent, a
    /// parent's roll-up sums) as an `updated` event with `note`, and lets the task's clocks
    /// follow; the task as it now is.
    @discardableResult
    func saveDerivedFields(
        _ fields: [String: JSONValue], of task: TaskRecord, definition: WorkflowDefinition, note: String
    ) async throws -> TaskRecord {
        let saved = try TaskRecord(
            row: try await connection.query(
                TaskSQL.applyUpdate,
                [
                    task.id, task.title, task.assignee, task.team, task.priority, JSONText.encode(fields),
                    statementNow, task.watchingTeams,
                ], prepared: true
            ).first!)
        var data = Self.changes(from: task, to: saved)
        data["note"] = .string(note)
        record(saved, "updated", data)
        return try await followClocks(of: saved, definition: definition, trigger: .fieldsChanged, at: saved.updatedAt)
    }
}
