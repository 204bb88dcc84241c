import Postgres
import Workflow

extension CommandTransaction {
    /// Makes (or removes) a link from a task to another. Like a comment it leaves both tasks as
    /// they are (no new version), and records what changed on both: `linked` (or `unlinked`)
    /// with the link as each task sees it. Making a link that exists, or removing one that does
    /// not, changes nothing and records nothing.
    func link(_ change: LinkChange) async throws -> TaskRecord {
        let (task, _) = try await lockTask(change.taskID, for: .link(change), expectedVersion: nil)
        guard change.other != task.id else {
            throw StoreError.rule(
                .invalidFields([FieldProblem(field: "task", problem: "a task cannot be linked to itself")]))
        }
        guard LinkType.creatable.contains(change.type) else {
            let problem = "must be one of \(LinkType.creatable.map(\.rawValue).joined(separator: ", "))"
            throw StoreError.rule(.invalidFields([FieldProblem(field: "type", problem: problem)]))
        }
        guard let row = try await connection.query(TaskSQL.selectTask, [change.other], prepared: true).first else {
            throw StoreError.unknownReference(field: "task", value: change.other)
        }
        try await saveLink(from: task, change.type, to: try TaskRecord(row: row), removing: change.remove)
        return task
    }

    /// Links a child spawned by `parent` to it as its state's `spawn` says (`link: caused_by`).
    func linkSpawned(_ child: TaskRecord, to parent: TaskRecord, as type: LinkType) async throws {
        try await saveLink(from: child, type, to: parent, removing: false)
    }

    private func saveLink(from task: TaskRecord, _ type: LinkType, to other: TaskRecord, removing: Bool) async throws {
        // `relates_to` reads the same both ways: kept once, the lower id first.
        let (first, second) = type == .relatesTo && other.id < task.id ? (other.id, task.id) : (task.id, other.id)
        let changed =
            removing
            ? try await connection.query(LinkSQL.delete, [first, type.rawValue, second]).first != nil
            : try await connection.query(
                LinkSQL.insert, [first, type.rawValue, second, caller.name ?? "system", statementNow]
            ).first != nil
        guard changed else { return }
        let event = removing ? "unlinked" : "linked"
        record(task, event, ["link": .string(type.rawValue), "task": .string(other.id)])
        record(other, event, ["link": .string(type.reversed.rawValue), "task": .string(task.id)])
    }
}
