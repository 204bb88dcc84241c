import Foundation
import Postgres
import Workflow

extension CommandTransaction {
    /// Ticks or unticks an item of the checklist of the state the task is in: a change like any
    /// other (a new version, a `checked` or `unchecked` event), or nothing at all when the item
    /// already is as asked. An item the state does not list is refused naming `item`, with the
    /// items it does list.
    func check(_ tick: ChecklistTick) async throws -> TaskRecord {
        let (current, now) = try await lockTask(tick.taskID, for: .check(tick), expectedVersion: tick.expectedVersion)
        let definition = try await definition(of: current)
        let items = definition.state(named: current.state)?.checklist.map(\.name) ?? []
        guard items.contains(tick.item) else {
            let problem =
                items.isEmpty
                ? "state '\(current.state)' has no checklist"
                : "is not on the checklist of state '\(current.state)' (\(items.joined(separator: ", ")))"
            throw StoreError.rule(.invalidFields([FieldProblem(field: "item", problem: problem)]))
        }
        var checks = current.checks
        let ticked = checks[current.state]?[tick.item] != nil
        guard ticked != tick.done else { return current }
        checks[current.state, default: [:]][tick.item] =
            tick.done ? CheckMark(by: caller.name ?? "system", at: now) : nil
        if checks[current.state]?.isEmpty == true { checks[current.state] = nil }
        let task = try TaskRecord(
            row: try await connection.query(
                TaskSQL.applyChecks, [current.id, TaskRecord.checksJSON(checks).jsonText, statementNow], prepared: true
            ).first!)
        let done = task.checks[task.state]?.count ?? 0
        record(
            task, tick.done ? "checked" : "unchecked",
            [
                "item": .string(tick.item), "state": .string(task.state),
                "progress": ["done": .int(Int64(done)), "total": .int(Int64(items.count))],
            ])
        return task
    }
}
