import Foundation
import Postgres
import Workflow

extension CommandTransaction {
    /// Creates the task of a schedule's occurrence that fell due at `due`, and plans the next
    /// occurrence, in the claiming transaction: the task and the plan commit with the claim, or
    /// neither does and another pass claims the occurrence again.
    ///
    /// The schedule is read from the latest version of its workflow as committed, so a schedule
    /// removed or timed otherwise since the occurrence was planned creates nothing (the new timing
    /// has planned its own). An occurrence claimed late (every replica was down) creates its task
    /// once, late, and the next is planned from now: missed occurrences are not made up one by one.
    func create(_ occurrence: ScheduleOccurrence, due: Date) async throws {
        guard let row = try await connection.query(WorkflowSQL.latestVersion, [occurrence.workflow]).first else {
            return
        }
        let latest = try await catalog.workflow(occurrence.workflow, version: try row.decode("version"), on: connection)
        guard let schedule = latest.definition.schedule(named: occurrence.schedule),
            schedule.timing == occurrence.timing
        else { return }
        let calendar = catalog.calendars.businessCalendar(named: schedule.calendar) ?? .twentyFourSeven
        var command = NewTask(
            workflow: occurrence.workflow, title: schedule.title(on: schedule.day(of: due, in: calendar)))
        command.team = schedule.team
        command.fields = schedule.fields
        let origin: [String: JSONValue] = [
            "schedule": .string(schedule.name), "occurrence": .string(RFC3339.format(due)),
        ]
        if case .failure(let error) = try await inSavepoint({ try await insertTask(command, origin: origin) }) {
            skippedOccurrences.append((occurrence, error))
        }
        if let next = schedule.nextOccurrence(after: max(due, statementNow ?? Date()), in: calendar) {
            try await write(ScheduleSQL.planNext, [next, occurrence.payload.jsonText, occurrence.key(at: next)])
        }
    }
}
